import { useSandbox } from '../helpers/sandbox';
import { DEFAULT_RETRY_POLICY } from '../../nodes/shared/graph';
import { jsonOf, runNode, sandboxCredential } from '../helpers/workflow';

/**
 * The transport's retry, backoff and error mapping, driven through n8n-core's WorkflowExecute on
 * Sequence operations against the sandbox's scripted faults.
 */
describe('transport through WorkflowExecute', () => {
	const sandbox = useSandbox({ seed: { sequences: [{ sequence_id: '4362', name: 'Basic Triage' }] } });

	const list = () =>
		runNode({ parameters: { resource: 'sequence', operation: 'getAll', returnAll: true }, credential: sandboxCredential(sandbox) });
	const create = () =>
		runNode({
			parameters: { resource: 'sequence', operation: 'create', name: 'New', defineUsing: 'fields', text: 'Hi' },
			credential: sandboxCredential(sandbox),
		});
	const listCalls = () => sandbox.requestsTo('GET', '/welcome_message_sequences');
	const createCalls = () => sandbox.requestsTo('POST', '/welcome_message_sequences');

	it.each([4, 613, 80007, 80008, 130429])('retries throttling code %i and succeeds', async (code) => {
		sandbox.faults.queue.push({ method: 'GET', pathIncludes: 'welcome_message_sequences', code, status: 400, times: 2 });
		const result = await list();
		expect(result.error).toBeUndefined();
		expect(jsonOf(result).map((s) => s.sequence_id)).toEqual(['4362']);
		expect(listCalls().map((c) => c.graphErrorCode ?? c.status)).toEqual([code, code, 200]);
	});

	it('retries a plain HTTP 429 (no Graph body) and a 429 with code 4', async () => {
		sandbox.faults.queue.push({ method: 'GET', pathIncludes: 'welcome_message_sequences', status: 429, body: 'Too Many Requests' });
		sandbox.faults.queue.push({ method: 'GET', pathIncludes: 'welcome_message_sequences', status: 429, code: 4 });
		const result = await list();
		expect(result.error).toBeUndefined();
		expect(listCalls().map((c) => c.status)).toEqual([429, 429, 200]);
	});

	it('retries throttled seeded dice (share of calls) until they pass', async () => {
		sandbox.setFaults({ throttle: { rate: 0.5, codes: [80007, 429] }, seed: 3 });
		const result = await list();
		expect(result.error).toBeUndefined();
		expect(listCalls().at(-1)?.status).toBe(200);
	});

	it('retries 5xx on a GET', async () => {
		sandbox.faults.queue.push({ method: 'GET', pathIncludes: 'welcome_message_sequences', status: 503, code: 2 });
		sandbox.faults.queue.push({ method: 'GET', pathIncludes: 'welcome_message_sequences', status: 500, code: 1 });
		const result = await list();
		expect(result.error).toBeUndefined();
		expect(listCalls().map((c) => c.status)).toEqual([503, 500, 200]);
	});

	it('retries a GET whose connection dropped', async () => {
		sandbox.faults.queue.push({ method: 'GET', pathIncludes: 'welcome_message_sequences', dropConnection: true });
		const result = await list();
		expect(result.error).toBeUndefined();
		expect(listCalls()).toHaveLength(2);
	});

	it('retries a throttled create (Meta did not carry it out) and creates exactly once', async () => {
		sandbox.faults.queue.push({ method: 'POST', pathIncludes: 'welcome_message_sequences', code: 80007, status: 400 });
		const result = await create();
		expect(result.error).toBeUndefined();
		expect(createCalls()).toHaveLength(2);
		expect(sandbox.state.sequences.size).toBe(2);
	});

	it('does not re-send a create whose connection dropped after Meta did the work', async () => {
		sandbox.faults.queue.push({ method: 'POST', pathIncludes: 'welcome_message_sequences', dropAfterHandling: true });
		const result = await create();
		expect(createCalls()).toHaveLength(1);
		expect(result.error?.message).toMatch(/^Could not reach the Graph API/);
		expect(result.error?.description).toMatch(/it was not repeated \(it may have been carried out\)\. Check in WhatsApp Manager/);
		// The sandbox did create it: re-sending would have made a duplicate.
		expect(sandbox.state.sequences.size).toBe(2);
	});

	it('does not re-send a create after a 5xx', async () => {
		sandbox.faults.queue.push({ method: 'POST', pathIncludes: 'welcome_message_sequences', status: 500, code: 1 });
		const result = await create();
		expect(createCalls()).toHaveLength(1);
		expect(result.error?.message).toMatch(/^Meta error 1: /);
	});

	it('turns an HTML 502 page into a clear NodeApiError', async () => {
		sandbox.faults.queue.push({
			method: 'POST',
			pathIncludes: 'welcome_message_sequences',
			status: 502,
			body: '<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>',
		});
		const result = await create();
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('Graph API answered HTTP 502 without a Graph error body: 502 Bad Gateway Bad Gateway');
		expect(result.error?.httpCode).toBe('502');
		expect(result.error?.description).toMatch(/Meta \(or a proxy in front of it\) failed/);
		expect(createCalls()).toHaveLength(1);
	});

	it('recovers from an HTML 502 on a GET', async () => {
		sandbox.faults.queue.push({ method: 'GET', pathIncludes: 'welcome_message_sequences', status: 502, body: '<html>Bad Gateway</html>' });
		const result = await list();
		expect(result.error).toBeUndefined();
		expect(listCalls()).toHaveLength(2);
	});

	it('gives up after maxThrottleRetries + 1 calls under persistent throttling, naming Meta\'s code', async () => {
		// Short waits: the number of attempts is what is checked here.
		const saved = { ...DEFAULT_RETRY_POLICY };
		Object.assign(DEFAULT_RETRY_POLICY, { baseDelayMs: 2, maxDelayMs: 20 });
		sandbox.setFaults({ throttle: { rate: 1, codes: [80007] } });
		const result = await list().finally(() => Object.assign(DEFAULT_RETRY_POLICY, saved));
		expect(DEFAULT_RETRY_POLICY.maxThrottleRetries).toBe(8);
		expect(listCalls()).toHaveLength(9);
		expect(result.error?.message).toBe('Meta error 80007: Rate limit issues');
		expect(result.error?.description).toMatch(/Gave up after 9 attempts/);
		expect(result.error?.description).toMatch(/200 calls per hour/);
	});

	it('fails fast when Meta asks to wait longer than the bound', async () => {
		sandbox.setFaults({ throttle: { rate: 1, codes: [80007], regainMinutes: 7 } });
		const result = await list();
		expect(listCalls()).toHaveLength(1);
		expect(result.error?.message).toBe('Meta error 80007: Rate limit issues (Meta asks to wait about 7 minute(s) before calling again)');
		expect(result.error?.description).toMatch(/estimated_time_to_regain_access/);
	});

	const transient = (code: number) => ({
		error: { message: `(#${code}) An unexpected error has occurred. Please retry your request later.`, type: 'OAuthException', code, is_transient: true, fbtrace_id: 'AtransientX1' },
	});

	it('retries an idempotent request that Meta marks is_transient', async () => {
		sandbox.faults.queue.push({ method: 'GET', pathIncludes: 'welcome_message_sequences', status: 400, body: transient(1) });
		const result = await list();
		expect(result.error).toBeUndefined();
		expect(listCalls().map((c) => c.status)).toEqual([400, 200]);
	});

	it('does not re-send a create that Meta marks is_transient (it may have been carried out)', async () => {
		sandbox.faults.queue.push({ method: 'POST', pathIncludes: 'welcome_message_sequences', status: 400, body: transient(1) });
		const result = await create();
		expect(createCalls()).toHaveLength(1);
		expect(result.error?.message).toBe('Meta error 1: An unexpected error has occurred. Please retry your request later.');
		expect(result.error?.description).toContain('fbtrace_id AtransientX1');
	});

	it('does not retry a permanent error', async () => {
		sandbox.faults.queue.push({ method: 'GET', pathIncludes: 'welcome_message_sequences', status: 400, code: 100 });
		// Return All off: with Return All, a 100 on the large whole-list limit is asked once more with a
		// smaller limit, which is paging's fallback, not a retry (test/workflow/sequence.paging.test.ts).
		const result = await runNode({
			parameters: { resource: 'sequence', operation: 'getAll', returnAll: false, limit: 10 },
			credential: sandboxCredential(sandbox),
		});
		expect(listCalls()).toHaveLength(1);
		expect(result.error?.message).toMatch(/^Meta error 100/);
	});
});
