import { useSandbox } from '../helpers/sandbox';
import { jsonOf, runNode, sandboxCredential } from '../helpers/workflow';

describe('Sequence > Get Many through WorkflowExecute', () => {
	const sandbox = useSandbox();

	const seedThree = () =>
		sandbox.seed({
			sequences: [
				{ sequence_id: '8716291', name: 'Driver Sign up', welcome_message_sequence: { text: 'Hi driver' }, is_used_in_ad: true },
				{ sequence_id: '4362', name: 'Basic Triage', welcome_message_sequence: { text: 'Hi' } },
				{ sequence_id: '6987565', name: 'Car Leads', welcome_message_sequence: { text: 'Cars', ice_breakers: [{ title: 'Price?' }] } },
			],
		});

	it('lists sequences from the guide\'s bare-array answer, parsing the JSON-string sequence', async () => {
		seedThree();
		const result = await runNode({
			parameters: { resource: 'sequence', operation: 'getAll', returnAll: true },
			credential: sandboxCredential(sandbox),
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toEqual([
			expect.objectContaining({ sequence_id: '8716291', id: '8716291', name: 'Driver Sign up', is_used_in_ad: true, welcome_message_sequence: { text: 'Hi driver' } }),
			expect.objectContaining({ sequence_id: '4362', is_used_in_ad: false }),
			expect.objectContaining({ sequence_id: '6987565', welcome_message_sequence: { text: 'Cars', ice_breakers: [{ title: 'Price?' }] } }),
		]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }]);
		const calls = sandbox.requestsTo('GET', '/welcome_message_sequences');
		expect(calls).toHaveLength(1);
		expect(calls[0].path).toBe(`/v25.0/${sandbox.state.wabaId}/welcome_message_sequences`);
		expect(calls[0].authenticated).toBe(true);
		expect(calls[0].headers.authorization).toBe('Bearer ***');
	});

	it('follows cursor paging on the Graph-edge shape', async () => {
		sandbox.seed({ sequenceListShape: 'edge' });
		sandbox.seed({ sequences: Array.from({ length: 230 }, (_, i) => ({ sequence_id: String(5000 + i), name: `Seq ${i}` })) });
		const result = await runNode({
			parameters: { resource: 'sequence', operation: 'getAll', returnAll: true },
			credential: sandboxCredential(sandbox),
		});
		expect(result.items).toHaveLength(230);
		expect(result.items[229].json.sequence_id).toBe('5229');
		const calls = sandbox.requestsTo('GET', '/welcome_message_sequences');
		// Return All asks for the whole-list limit; the edge serves at most 100 a page (see sequence.paging.test.ts).
		expect(calls).toHaveLength(3);
		expect(calls.map((c) => c.query.limit)).toEqual(['10000', '10000', '10000']);
		expect(calls[0].query.after).toBeUndefined();
		expect(calls[1].query.after).toBeDefined();
	});

	it('stops at the limit', async () => {
		seedThree();
		const result = await runNode({
			parameters: { resource: 'sequence', operation: 'getAll', returnAll: false, limit: 2 },
			credential: sandboxCredential(sandbox),
		});
		expect(jsonOf(result).map((s) => s.sequence_id)).toEqual(['8716291', '4362']);
		expect(sandbox.requestsTo('GET', '/welcome_message_sequences')[0].query.limit).toBe('2');
	});

	it('turns a wrong token into error 190 with a hint, and never shows the token', async () => {
		const result = await runNode({
			parameters: { resource: 'sequence', operation: 'getAll', returnAll: true },
			credential: sandboxCredential(sandbox, { accessToken: 'fakewrongTOKENthatIsNotValid123' }),
		});
		expect(result.error?.message).toMatch(/Meta error 190/);
		expect(result.error?.description).toMatch(/Generate a new System User access token/);
		expect(result.error?.description).toMatch(/fbtrace_id/);
		expect(JSON.stringify(result.run)).not.toContain('fakewrongTOKENthatIsNotValid123');
		expect(sandbox.requestsTo('GET', '/welcome_message_sequences')).toHaveLength(1);
	});

	it('names an empty credential field and sends nothing', async () => {
		const result = await runNode({
			parameters: { resource: 'sequence', operation: 'getAll', returnAll: true },
			credential: sandboxCredential(sandbox, { businessAccountId: '' }),
		});
		expect(result.error?.message).toBe('The credential field "WhatsApp Business Account ID" is empty');
		expect(sandbox.requests).toHaveLength(0);
	});
});
