import type { IDataObject } from 'n8n-workflow';

import { DEFAULT_RETRY_POLICY, DEFAULT_RETRY_WAIT_BUDGET_MS, DEFAULT_TIMEOUT_MS } from '../../nodes/shared/graph';
import { WhatsAppBusinessManagement } from '../../nodes/WhatsAppBusinessManagement/WhatsAppBusinessManagement.node';
import { startFakeServer, type FakeServer } from '../helpers/fakeServer';
import { runNode } from '../helpers/workflow';

/** Point 2 of issue 14: a server that accepts the connection and never answers does not hold the execution. */
describe('every request is bounded in time', () => {
	let silent: FakeServer;
	const saved = { ...DEFAULT_RETRY_POLICY };

	beforeEach(async () => {
		// Accepts, reads the request, never answers.
		silent = await startFakeServer(() => undefined);
		Object.assign(DEFAULT_RETRY_POLICY, { baseDelayMs: 5, maxDelayMs: 20 });
	});
	afterEach(async () => {
		Object.assign(DEFAULT_RETRY_POLICY, saved);
		await silent.close();
	});

	const run = (parameters: IDataObject) =>
		runNode({
			parameters: { resource: 'sequence', requestOptions: { timeout: 300 }, ...parameters },
			credential: { accessToken: 'test-token-timeout-0123456789', businessAccountId: '1000', apiVersion: 'v25.0', baseUrl: silent.url },
		});

	it('a read that times out is retried like a 5xx, then fails saying it timed out', async () => {
		const started = Date.now();
		const result = await run({ operation: 'get', sequenceId: { __rl: true, mode: 'id', value: '4362' } });
		expect(silent.requests).toHaveLength(DEFAULT_RETRY_POLICY.maxRetries + 1);
		expect(result.error?.message).toBe('Meta did not answer within 0.3 s');
		expect(result.error?.description).toMatch(/^Request: GET \/1000\/welcome_message_sequences\. Tried 5 time\(s\)/);
		expect(Date.now() - started).toBeLessThan(10_000);
	});

	it('a write that times out is not resent, and its error says it may have been carried out', async () => {
		const result = await run({ operation: 'create', name: 'New', defineUsing: 'fields', text: 'Hi' });
		expect(silent.requests).toHaveLength(1);
		expect(result.error?.message).toBe('Meta did not answer within 0.3 s');
		expect(result.error?.description).toContain('may have been carried out; check before retrying');
	});
});

describe('Request Options defaults', () => {
	it('show the Graph client\'s own defaults', () => {
		const collection = new WhatsAppBusinessManagement().description.properties.find((property) => property.name === 'requestOptions');
		const defaults = Object.fromEntries((collection?.options ?? []).map((option) => [(option as { name: string }).name, (option as { default: unknown }).default]));
		expect(defaults.timeout).toBe(DEFAULT_TIMEOUT_MS);
		expect(defaults.retryWaitBudget).toBe(DEFAULT_RETRY_WAIT_BUDGET_MS / 1000);
	});
});
