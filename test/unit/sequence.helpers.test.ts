import { adCreativeFor, normalizeSequence } from '../../nodes/WhatsAppBusinessManagement/actions/sequence/graph';
import {
	buildWelcomeMessage,
	parseWelcomeMessageJson,
	validateSequenceId,
	validateSequenceName,
} from '../../nodes/WhatsAppBusinessManagement/actions/sequence/rules';

describe('sequence helpers', () => {
	it('builds the guide\'s welcome message from fields, trimming and omitting empty parts', () => {
		expect(buildWelcomeMessage({ text: ' Hi ', autofillMessage: '', iceBreakerTitles: ['A ', 'B'] })).toEqual({
			message: { text: 'Hi', ice_breakers: [{ title: 'A' }, { title: 'B' }] },
			problems: [],
		});
		expect(buildWelcomeMessage({ autofillMessage: 'Info?' }).message).toEqual({ autofill_message: { content: 'Info?' } });
	});

	it('reports an empty message and empty ice breaker titles', () => {
		expect(buildWelcomeMessage({}).problems).toEqual([
			{ field: 'Text', rule: 'enter a welcome text, a prefilled message or at least one ice breaker' },
		]);
		expect(buildWelcomeMessage({ text: 'Hi', iceBreakerTitles: ['', 'ok', '  '] }).problems).toEqual([
			{ field: 'Ice Breakers', rule: 'title 1 must not be empty' },
			{ field: 'Ice Breakers', rule: 'title 3 must not be empty' },
		]);
	});

	it('parses JSON and checks the documented keys', () => {
		expect(parseWelcomeMessageJson('{"text":"Hi"}')).toEqual({ message: { text: 'Hi' }, problems: [] });
		expect(parseWelcomeMessageJson({ text: 'Hi' }).problems).toEqual([]);
		expect(parseWelcomeMessageJson('').problems[0].rule).toBe('must not be empty');
		expect(parseWelcomeMessageJson('nope').problems[0].rule).toMatch(/^must be valid JSON/);
		expect(parseWelcomeMessageJson('"text"').problems[0].rule).toMatch(/^must be a JSON object/);
		expect(parseWelcomeMessageJson('{"text":3,"autofill_message":"x","ice_breakers":{}}').problems.map((p) => p.rule)).toEqual([
			'"text" must be a string',
			'"autofill_message" must be an object with a string "content"',
			'"ice_breakers" must be a list of {"title": "..."} objects',
		]);
	});

	it('checks names and IDs', () => {
		expect(validateSequenceName('x')).toEqual([]);
		expect(validateSequenceName(' ')).toEqual([{ field: 'Name', rule: 'must not be empty' }]);
		expect(validateSequenceId('186473890')).toEqual([]);
		expect(validateSequenceId('18a')[0].rule).toBe('must be a numeric sequence ID, not "18a"');
	});

	it('builds the ad creative fragment', () => {
		expect(adCreativeFor('42')).toEqual({ asset_feed_spec: { additional_data: { partner_app_welcome_message_flow_id: '42' } } });
	});

	it('normalizes ids and JSON-string sequences, keeping unparseable text', () => {
		expect(normalizeSequence({ id: 5, welcome_message_sequence: '{"text":"a"}', is_used_in_ad: true })).toEqual({
			id: '5',
			sequence_id: '5',
			welcome_message_sequence: { text: 'a' },
			is_used_in_ad: true,
		});
		expect(normalizeSequence({ sequence_id: '7', welcome_message_sequence: 'not json' }).welcome_message_sequence).toBe('not json');
	});
});
