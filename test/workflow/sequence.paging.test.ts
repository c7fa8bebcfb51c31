import { useSandbox } from '../helpers/sandbox';
import { runNode, sandboxCredential } from '../helpers/workflow';

/**
 * Sequence > Get Many paging against both shapes Meta documents for
 * GET /{waba-id}/welcome_message_sequences: the guide's bare array (`limit` = how many to fetch,
 * no cursors) and a Graph edge (`{data, paging}`, at most 100 a page in the sandbox).
 */
describe('Sequence > Get Many paging', () => {
	const sandbox = useSandbox();

	const seedMany = (count: number) =>
		sandbox.seed({
			sequences: Array.from({ length: count }, (_, i) => ({ sequence_id: String(700000 + i), name: `Seq ${i}`, welcome_message_sequence: { text: `Hi ${i}` } })),
		});
	const getMany = (parameters: Record<string, unknown> = { returnAll: true }) =>
		runNode({ parameters: { resource: 'sequence', operation: 'getAll', ...parameters }, credential: sandboxCredential(sandbox) });
	const listCalls = () => sandbox.requestsTo('GET', '/welcome_message_sequences');
	const ids = (result: Awaited<ReturnType<typeof getMany>>) => result.items.map((item) => item.json.sequence_id);
	const expectedIds = (count: number) => Array.from({ length: count }, (_, i) => String(700000 + i));

	it("bare array: Return All gets 2,000 sequences in exactly one call", async () => {
		seedMany(2000);
		const result = await getMany();
		expect(result.error).toBeUndefined();
		expect(ids(result)).toEqual(expectedIds(2000));
		const calls = listCalls();
		expect(calls).toHaveLength(1);
		expect(calls[0].query).toEqual({ limit: '10000' });
	});

	it('bare array: a list exactly as long as the limit asked may be cut, so it is fetched once more without a limit', async () => {
		seedMany(10_050);
		const result = await getMany();
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(10_050);
		const calls = listCalls();
		expect(calls.map((c) => c.query)).toEqual([{ limit: '10000' }, {}]);
	});

	it('Graph edge: Return All over 2,000 sequences takes ceil(2000 / 100) = 20 calls, following the cursor', async () => {
		sandbox.seed({ sequenceListShape: 'edge' });
		seedMany(2000);
		const result = await getMany();
		expect(result.error).toBeUndefined();
		expect(ids(result)).toEqual(expectedIds(2000));
		const calls = listCalls();
		expect(calls).toHaveLength(20);
		expect(calls.every((c) => c.query.limit === '10000')).toBe(true);
		expect(calls[0].query.after).toBeUndefined();
		expect(calls.slice(1).every((c) => typeof c.query.after === 'string' && c.query.after.length > 0)).toBe(true);
		expect(new Set(calls.map((c) => c.query.after)).size).toBe(20);
	});

	it('Graph edge refusing the large limit (code 100): asked once more with 100, and every later page too', async () => {
		sandbox.seed({ sequenceListShape: 'edge' });
		seedMany(2000);
		sandbox.faults.queue.push({ method: 'GET', pathIncludes: 'welcome_message_sequences', times: 1, status: 400, code: 100 });
		const result = await getMany();
		expect(result.error).toBeUndefined();
		expect(ids(result)).toEqual(expectedIds(2000));
		const calls = listCalls();
		expect(calls).toHaveLength(21);
		expect(calls[0].status).toBe(400);
		expect(calls[0].query.limit).toBe('10000');
		expect(calls.slice(1).map((c) => c.query.limit)).toEqual(Array(20).fill('100'));
		expect(calls[1].query.after).toBeUndefined();
	});

	it("bare array refusing the large limit (the endpoint's 4027001): retried with 100, then the cut list fetched whole", async () => {
		seedMany(2000);
		sandbox.faults.queue.push({ method: 'GET', pathIncludes: 'welcome_message_sequences', times: 1, status: 400, code: 4027001 });
		const result = await getMany();
		expect(result.error).toBeUndefined();
		expect(ids(result)).toEqual(expectedIds(2000));
		expect(listCalls().map((c) => c.query)).toEqual([{ limit: '10000' }, { limit: '100' }, {}]);
	});

	it('a refusal of the retried limit too is reported, not retried forever', async () => {
		seedMany(3);
		sandbox.faults.queue.push({ method: 'GET', pathIncludes: 'welcome_message_sequences', times: 2, status: 400, code: 100 });
		const result = await getMany();
		expect(result.error?.message).toMatch(/Meta error 100/);
		expect(listCalls().map((c) => c.query.limit)).toEqual(['10000', '100']);
	});

	it('another error on the large limit is not mistaken for a refusal of the limit', async () => {
		seedMany(3);
		sandbox.faults.queue.push({ method: 'GET', pathIncludes: 'welcome_message_sequences', times: 1, status: 403, code: 200 });
		const result = await getMany();
		expect(result.error?.message).toMatch(/Meta error 200/);
		expect(listCalls()).toHaveLength(1);
	});

	it.each(['array', 'edge'] as const)('%s shape: Return All off with limit 5 asks for exactly limit=5', async (shape) => {
		sandbox.seed({ sequenceListShape: shape });
		seedMany(40);
		const result = await getMany({ returnAll: false, limit: 5 });
		expect(ids(result)).toEqual(expectedIds(5));
		const calls = listCalls();
		expect(calls).toHaveLength(1);
		expect(calls[0].query.limit).toBe('5');
	});

	it('bare array: Return All off with limit 500 asks for limit=500 in one call', async () => {
		seedMany(2000);
		const result = await getMany({ returnAll: false, limit: 500 });
		expect(ids(result)).toEqual(expectedIds(500));
		expect(listCalls().map((c) => c.query)).toEqual([{ limit: '500' }]);
	});

	it('Graph edge: Return All off with limit 250 stops after 250, asking only for what is left', async () => {
		sandbox.seed({ sequenceListShape: 'edge' });
		seedMany(2000);
		const result = await getMany({ returnAll: false, limit: 250 });
		expect(ids(result)).toEqual(expectedIds(250));
		expect(listCalls().map((c) => c.query.limit)).toEqual(['250', '150', '50']);
	});
});
