import type { ServerResponse } from 'node:http';

import { DEFAULT_RETRY_POLICY } from '../../nodes/shared/graph';
import { answerJson, startFakeServer, type FakeServer } from '../helpers/fakeServer';
import { jsonOf, runNode } from '../helpers/workflow';

const throttledBody = { error: { message: '(#80007) Rate limit issues', type: 'OAuthException', code: 80007, fbtrace_id: 'AthrottleX1' } };
const sequences = { welcome_message_sequences: [{ sequence_id: '4362', name: 'Basic Triage' }] };

/** Point 3 of issue 14: retries honour Retry-After, and one execution has a retry-wait budget. */
describe('retries honour the server and have a budget', () => {
	let graph: FakeServer;
	let answer: (response: ServerResponse, self: FakeServer) => void;
	const saved = { ...DEFAULT_RETRY_POLICY };

	beforeEach(async () => {
		graph = await startFakeServer((_request, response, self) => answer(response, self));
		// Backoff alone would wait a few ms: any longer wait comes from Retry-After.
		Object.assign(DEFAULT_RETRY_POLICY, { baseDelayMs: 5, maxDelayMs: 30_000 });
	});
	afterEach(async () => {
		Object.assign(DEFAULT_RETRY_POLICY, saved);
		await graph.close();
	});

	const get = (items?: object[], requestOptions: object = {}) =>
		runNode({
			parameters: { resource: 'sequence', operation: 'get', sequenceId: { __rl: true, mode: 'id', value: '4362' }, requestOptions: { concurrency: 1, ...requestOptions } },
			credential: { accessToken: 'test-token-retry-0123456789', businessAccountId: '1000', apiVersion: 'v25.0', baseUrl: graph.url },
			items: items as never,
			continueOnFail: true,
		});

	it('waits as long as Retry-After says before the next attempt', async () => {
		answer = (response, self) =>
			self.requests.length === 1 ? answerJson(response, throttledBody, 429, { 'retry-after': '1' }) : answerJson(response, sequences);
		const result = await get();
		expect(jsonOf(result)[0].sequence_id).toBe('4362');
		expect(graph.requests).toHaveLength(2);
		expect(graph.requests[1].at - graph.requests[0].at).toBeGreaterThanOrEqual(950);
	});

	it('stops at once when Retry-After asks more than the maximum wait', async () => {
		answer = (response) => answerJson(response, throttledBody, 429, { 'retry-after': '3600' });
		const result = await get();
		expect(graph.requests).toHaveLength(1);
		expect(jsonOf(result)[0].error).toBe('Meta error 80007: Rate limit issues (Meta asks to wait 3600 s before calling again)');
	});

	it('fails the remaining items once the execution\'s retry-wait budget is spent', async () => {
		answer = (response) => answerJson(response, throttledBody, 429, { 'retry-after': '1' });
		const result = await get([{}, {}, {}], { retryWaitBudget: 2 });
		const errors = jsonOf(result).map((json) => json.error);
		expect(errors).toEqual(new Array(3).fill('Meta error 80007: Rate limit issues (the retry wait budget of 2 s for this execution is spent)'));
		// Item 1 waits 1 s twice; items 2 and 3 would need a wait the budget no longer has.
		expect(graph.requests).toHaveLength(5);
		expect(jsonOf(result)[2].description).toMatch(/Retry Wait Budget/);
	});
});
