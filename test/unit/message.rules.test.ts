import { buildFlowInteractive, flowMessageProblems, type FlowMessageInput } from '../../nodes/WhatsAppBusinessManagement/actions/message/flowMessage';
import { buildInteractive, interactiveProblems, sectionsOf, type InteractiveInput } from '../../nodes/WhatsAppBusinessManagement/actions/message/interactive';
import { emojiProblem } from '../../nodes/WhatsAppBusinessManagement/actions/message/react.operation';
import { normalizeRecipientPhone, userIdProblem } from '../../nodes/WhatsAppBusinessManagement/actions/common/whatsAppUsers';
import { lengthProblem } from '../../nodes/WhatsAppBusinessManagement/actions/common/textLength';
import { paceSend, sentItem, uncertainItem } from '../../nodes/WhatsAppBusinessManagement/actions/message/send';
import { mayHaveBeenCarriedOut } from '../../nodes/shared/graph/retry';

describe('Message rules', () => {
	describe('recipient phone number', () => {
		it.each([
			['+1 (555) 010-2030', '15550102030'],
			['+55 11 91234-5678', '5511912345678'],
			['447700900123', '447700900123'],
			['+49.30.1234567', '49301234567'],
		])('normalises %s to digits', (raw, digits) => {
			expect(normalizeRecipientPhone(raw)).toEqual({ digits });
		});

		it.each([
			['', /is empty/],
			['+1 555 CALL NOW', /must be a phone number with country code/],
			['0044 7700 900123', /must start with the country code/],
			['07700 900123', /must start with the country code/],
			['+123', /7 to 15 digits/],
			['+1234567890123456', /7 to 15 digits/],
			['15550102030@c.us', /must be a phone number/],
		])('refuses "%s"', (raw, rule) => {
			expect(normalizeRecipientPhone(raw).problem?.rule).toMatch(rule);
		});
	});

	it('accepts business-scoped user IDs and parent IDs as Meta shows them, and refuses other shapes', () => {
		expect(userIdProblem('US.13491208655302741918')).toBeUndefined();
		expect(userIdProblem('US.ENT.11815799212886844830')).toBeUndefined();
		expect(userIdProblem('')?.rule).toBe('is empty');
		expect(userIdProblem('13491208655302741918')?.rule).toMatch(/business-scoped user ID/);
		expect(userIdProblem('us.1349')?.rule).toMatch(/business-scoped user ID/);
	});

	it('counts characters as code points, so an emoji counts once', () => {
		expect(lengthProblem('Text', '😀'.repeat(20), 20)).toBeUndefined();
		expect(lengthProblem('Text', '😀'.repeat(21), 20)).toEqual({ field: 'Text', rule: 'has 21 characters; Meta allows at most 20' });
		expect(lengthProblem('Text', '   ', 20, true)).toEqual({ field: 'Text', rule: 'is empty' });
	});

	it('takes one emoji (with skin tone, flag or joined family) or empty, and refuses text or two emoji', () => {
		for (const emoji of ['', '👍', '👍🏽', '❤️', '🇧🇷', '👨‍👩‍👧', '1️⃣']) expect(emojiProblem(emoji)).toBeUndefined();
		for (const emoji of ['ok', '👍👍', ':thumbsup:']) expect(emojiProblem(emoji)?.field).toBe('Emoji');
	});
});

describe('Interactive messages', () => {
	const buttons: InteractiveInput = {
		kind: 'buttons',
		header: { type: 'image', media: { id: '1037543291543636' } },
		body: 'Pick a time',
		footer: 'Reply by tapping',
		buttons: [
			{ id: 'morning', title: 'Morning' },
			{ id: 'evening', title: 'Evening' },
		],
	};

	it('builds reply buttons with a media header as Meta documents them', () => {
		expect(interactiveProblems(buttons)).toEqual([]);
		expect(buildInteractive(buttons)).toEqual({
			type: 'button',
			header: { type: 'image', image: { id: '1037543291543636' } },
			body: { text: 'Pick a time' },
			footer: { text: 'Reply by tapping' },
			action: {
				buttons: [
					{ type: 'reply', reply: { id: 'morning', title: 'Morning' } },
					{ type: 'reply', reply: { id: 'evening', title: 'Evening' } },
				],
			},
		});
	});

	it('names every button problem: more than 3, long titles, repeated IDs', () => {
		const four = { ...buttons, buttons: [1, 2, 3, 4].map((n) => ({ id: `b${n}`, title: `B${n}` })) };
		expect(interactiveProblems(four)).toEqual([{ field: 'Buttons', rule: 'has 4 buttons; Meta allows at most 3' }]);
		const bad = { ...buttons, buttons: [{ id: 'same', title: 'A title longer than 20' }, { id: 'same', title: '' }] };
		expect(interactiveProblems(bad).map((problem) => problem.field)).toEqual(['Buttons[1] > Title', 'Buttons[2] > Title', 'Buttons > ID']);
	});

	it('groups list rows into sections by name, and refuses lists Meta would refuse', () => {
		const list: InteractiveInput = {
			kind: 'list',
			header: { type: 'text', text: 'Menu' },
			body: 'What would you like?',
			listButton: 'See menu',
			rows: [
				{ section: 'Drinks', id: 'tea', title: 'Tea', description: 'Green or black' },
				{ section: 'Food', id: 'cake', title: 'Cake' },
				{ section: 'Drinks', id: 'coffee', title: 'Coffee' },
			],
		};
		expect(interactiveProblems(list)).toEqual([]);
		expect(buildInteractive(list)).toEqual({
			type: 'list',
			header: { type: 'text', text: 'Menu' },
			body: { text: 'What would you like?' },
			action: {
				button: 'See menu',
				sections: [
					{ title: 'Drinks', rows: [{ id: 'tea', title: 'Tea', description: 'Green or black' }, { id: 'coffee', title: 'Coffee' }] },
					{ title: 'Food', rows: [{ id: 'cake', title: 'Cake' }] },
				],
			},
		});
		const untitled = { ...list, rows: [...list.rows!, { section: '', id: 'water', title: 'Water' }] };
		expect(interactiveProblems(untitled)).toEqual([expect.objectContaining({ field: 'Rows > Section' })]);
		const eleven = { ...list, rows: Array.from({ length: 11 }, (_, n) => ({ section: '', id: `r${n}`, title: `Row ${n}` })) };
		expect(interactiveProblems(eleven)).toEqual([{ field: 'Rows', rule: 'has 11 rows; Meta allows at most 10 over all sections' }]);
		const imageHeader = { ...list, header: { type: 'image' as const, media: { id: '1' } } };
		expect(interactiveProblems(imageHeader)).toEqual([expect.objectContaining({ field: 'Header Type' })]);
		expect(sectionsOf([{ section: '', id: 'a', title: 'A' }])).toEqual([{ title: '', rows: [{ section: '', id: 'a', title: 'A' }] }]);
	});

	it('builds a CTA URL message and checks its button', () => {
		const cta: InteractiveInput = { kind: 'ctaUrl', body: 'Book your test drive', cta: { displayText: 'Book now', url: 'https://example.com/book' } };
		expect(interactiveProblems(cta)).toEqual([]);
		expect(buildInteractive(cta)).toEqual({
			type: 'cta_url',
			body: { text: 'Book your test drive' },
			action: { name: 'cta_url', parameters: { display_text: 'Book now', url: 'https://example.com/book' } },
		});
		const bad = { ...cta, cta: { displayText: 'Book your test drive today', url: 'example.com' } };
		expect(interactiveProblems(bad).map((problem) => problem.field)).toEqual(['Button Text', 'Button URL']);
	});
});

describe('Flow messages', () => {
	const flow: FlowMessageInput = { flowId: '1234567890123456', cta: 'Book', body: 'Book a test drive', mode: 'draft', action: 'navigate', firstScreen: 'WELCOME', data: { name: 'Ana' } };

	it('builds the flow interactive object, draft mode and first screen data included', () => {
		expect(flowMessageProblems(flow)).toEqual([]);
		expect(buildFlowInteractive(flow)).toEqual({
			type: 'flow',
			body: { text: 'Book a test drive' },
			action: {
				name: 'flow',
				parameters: {
					flow_message_version: '3',
					flow_id: '1234567890123456',
					flow_cta: 'Book',
					flow_token: 'unused',
					mode: 'draft',
					flow_action: 'navigate',
					flow_action_payload: { screen: 'WELCOME', data: { name: 'Ana' } },
				},
			},
		});
	});

	it('leaves the payload out for data exchange, and asks for the first screen when navigating', () => {
		const exchange = buildFlowInteractive({ ...flow, action: 'data_exchange', flowToken: 'lead-7' });
		expect((exchange.action as { parameters: Record<string, unknown> }).parameters).toEqual(expect.objectContaining({ flow_action: 'data_exchange', flow_token: 'lead-7' }));
		expect((exchange.action as { parameters: Record<string, unknown> }).parameters.flow_action_payload).toBeUndefined();
		expect(flowMessageProblems({ ...flow, firstScreen: ' ', cta: 'x'.repeat(31) }).map((problem) => problem.field)).toEqual(['Button Text', 'First Screen']);
	});
});

describe('Send output items', () => {
	const message = { phoneNumberId: '106540352242922', path: 'messages' as const, body: { recipient_type: 'individual', to: '15550102030', type: 'text', text: { body: 'Hi' } } };

	it('carries the wamid, Meta\'s recipient and status, and says the send is certain', () => {
		const response = { messaging_product: 'whatsapp', contacts: [{ input: '15550102030', wa_id: '15550102030' }], messages: [{ id: 'wamid.A' }] };
		expect(sentItem(message, response)).toEqual({
			wamid: 'wamid.A',
			message_status: 'accepted',
			may_have_been_delivered: false,
			recipient: '15550102030',
			wa_id: '15550102030',
			phone_number_id: '106540352242922',
			type: 'text',
		});
		const template = { messages: [{ id: 'wamid.B', message_status: 'held_for_quality_assessment' }], contacts: [{ input: 'US.1', user_id: 'US.1' }] };
		expect(sentItem({ ...message, body: { recipient: 'US.1', type: 'template' } }, template)).toEqual(expect.objectContaining({ message_status: 'held_for_quality_assessment', user_id: 'US.1', recipient: 'US.1' }));
	});

	it('marks a doubtful send as may_have_been_delivered, with no wamid', () => {
		expect(uncertainItem(message, new Error('Meta did not answer within 60 s'))).toEqual(
			expect.objectContaining({ wamid: null, may_have_been_delivered: true, message_status: 'unknown', recipient: '15550102030', error: 'Meta did not answer within 60 s' }),
		);
	});
});

describe('Graph client decisions the send path relies on', () => {
	const http = (statusCode: number, code?: number) => ({ kind: 'http' as const, statusCode, headers: {}, graphError: code === undefined ? undefined : { code } });

	it('calls a write doubtful after a 5xx, a timeout or a dropped connection, and not after a refusal or throttling', () => {
		expect(mayHaveBeenCarriedOut(http(500, 1), false)).toBe(true);
		expect(mayHaveBeenCarriedOut({ kind: 'connection', errorCode: 'ECONNABORTED', message: 'timeout' }, false)).toBe(true);
		expect(mayHaveBeenCarriedOut({ kind: 'connection', errorCode: 'ECONNRESET', message: 'socket hang up' }, false)).toBe(true);
		expect(mayHaveBeenCarriedOut({ kind: 'connection', errorCode: 'ECONNREFUSED', message: 'refused' }, false)).toBe(false);
		expect(mayHaveBeenCarriedOut(http(400, 131047), false)).toBe(false);
		expect(mayHaveBeenCarriedOut(http(400, 130429), false)).toBe(false);
		expect(mayHaveBeenCarriedOut(http(503, 130429), false)).toBe(false);
		expect(mayHaveBeenCarriedOut(http(500, 1), true)).toBe(false);
	});

	it('paces sends from one number 1/throughput apart, and another number independently', async () => {
		const began = Date.now();
		await Promise.all(Array.from({ length: 11 }, () => paceSend('pace-test-1', 50)));
		expect(Date.now() - began).toBeGreaterThanOrEqual(190);
		const other = Date.now();
		await paceSend('pace-test-2', 50);
		expect(Date.now() - other).toBeLessThan(50);
	});
});
