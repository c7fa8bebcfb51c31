/**
 * Webhook fuzz: more than 10,000 bad requests (signatures missing, wrong, truncated or malformed;
 * bodies that are not JSON, cut short or over Meta's 3 MB limit; another `object`; missing and
 * mistyped fields; a byte-order mark or unknown charset; gzip signed as compressed; captures older
 * than Max Event Age) mixed with valid deliveries (some with a charset, UTF-16 or Latin-1, gzip,
 * or a value thousands of levels deep) and Meta-style re-deliveries, then deliveries of more than
 * 1,000 messages and replays of the first deliveries after the trigger's in-process memory has
 * forgotten them, all from one seed, sent over HTTP to the trigger running in n8n-core's
 * WebhookContext and WorkflowExecute (test/helpers/webhook.ts, which decodes gzip and charsets as
 * n8n's body parser does). Expected: no crash (no 5xx), no item from a bad request, every valid
 * message emitted exactly once. The events of issue 16 are mixed in the same way (webhookFuzzEvents.ts):
 * valid deliveries of each new field and identity changes, Meta's retries of them, and malformed
 * variants of each, which must give no item.
 */
import { startTriggerServer, type TriggerServer } from '../helpers/webhook';
import { sandboxCredential } from '../helpers/workflow';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { BAD_ID_MARK, generateFuzzRequests, isBad, type FuzzRequest } from './webhookFuzzCases';
import { NEW_EVENTS, fuzzIdOf } from './webhookFuzzEvents';

const SEED = Number(process.env.WABM_FUZZ_SEED ?? 20261130);

describe(`webhook fuzz (seed ${SEED})`, () => {
	let sandbox: Sandbox;
	let trigger: TriggerServer;
	let requests: FuzzRequest[];
	const crashes: string[] = [];
	const itemsFromBad: string[] = [];
	const emittedBy = new Map<string, number>();
	/** Per late replay: how many executions it started and their items (n8n's store must drop them). */
	const lateReplays: Array<{ executions: number; items: number }> = [];

	beforeAll(async () => {
		sandbox = await startSandbox();
		trigger = await startTriggerServer({
			parameters: { events: ['adReferral', ...NEW_EVENTS], subscribeAutomatically: false, verifyToken: 'fuzz-verify-token', verifySignature: true },
			credential: sandboxCredential(sandbox),
			nodeId: 'fuzz-trigger',
			workflowId: 'fuzz-workflow',
		});
		requests = generateFuzzRequests({
			seed: SEED,
			wabaId: sandbox.state.wabaId,
			appSecret: sandbox.state.appSecret,
			badCount: 10_000,
			validCount: 600,
		});
		for (const request of requests) {
			const before = trigger.executions.length;
			let status = 0;
			try {
				const response = await fetch(trigger.url, { method: 'POST', headers: request.headers, body: new Uint8Array(request.rawBody) });
				status = response.status;
				await response.arrayBuffer();
			} catch (error) {
				crashes.push(`#${request.index} ${request.kind} (${request.detail}): ${(error as Error).message}`);
				continue;
			}
			if (status >= 500) crashes.push(`#${request.index} ${request.kind} (${request.detail}): HTTP ${status}`);
			const items = trigger.executions.slice(before).flatMap((execution) => execution.items.map((item) => item.json));
			if (request.kind === 'lateReplay') lateReplays.push({ executions: trigger.executions.length - before, items: items.length });
			if (isBad(request) && items.length) itemsFromBad.push(`#${request.index} ${request.kind} (${request.detail}): ${items.length} item(s)`);
			for (const item of items) {
				const id = fuzzIdOf(item);
				emittedBy.set(id, (emittedBy.get(id) ?? 0) + 1);
			}
		}
	}, 240_000);

	afterAll(async () => {
		await trigger?.close();
		await sandbox?.close();
	});

	it('sent at least 10,000 bad requests mixed with valid ones', () => {
		expect(requests.filter(isBad).length).toBeGreaterThanOrEqual(10_000);
		expect(requests.filter((r) => r.kind === 'valid').length).toBe(600);
	});

	it('never crashed: no exception, no 5xx answer', () => {
		expect(crashes).toEqual([]);
	});

	it('emitted no item from a bad request', () => {
		expect(itemsFromBad).toEqual([]);
		expect([...emittedBy.keys()].filter((id) => Buffer.from(id.replace(/^wamid\./, ''), 'base64').toString().startsWith(BAD_ID_MARK))).toEqual([]);
	});

	it('replays after the in-process memory forgot them reached n8n\'s store, which dropped them', () => {
		expect(lateReplays).toEqual(Array(20).fill({ executions: 1, items: 0 }));
	});

	it('sent valid, retried and malformed deliveries of the new events', () => {
		expect(requests.filter((r) => r.kind === 'newEvent').length).toBe(150);
		expect(requests.filter((r) => r.kind === 'validRetry' && r.detail.startsWith('retry of') && requests[Number(r.detail.slice('retry of #'.length))]?.kind === 'newEvent').length).toBeGreaterThan(0);
		expect(requests.filter((r) => r.kind === 'newEventMalformed').length).toBeGreaterThan(500);
	});

	it('emitted every valid message exactly once, re-deliveries included', () => {
		const expected = requests.flatMap((r) => r.expectIds);
		const missing = expected.filter((id) => !emittedBy.has(id));
		const twice = expected.filter((id) => (emittedBy.get(id) ?? 0) > 1);
		expect(missing).toEqual([]);
		expect(twice).toEqual([]);
		expect(emittedBy.size).toBe(expected.length);
	});
});
