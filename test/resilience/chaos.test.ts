/**
 * Chaos: every operation of every resource, with sandbox latency, Meta's throttling answers (80007,
 * 130429, HTTP 429) and server errors (500/503) injected into its Graph calls. The result must equal
 * a calm run's, and retries must be bounded: exactly one extra attempt per injected failure, and a
 * failure that never ends stops after the retry budget. A create is never sent again after a server
 * error. Backoff waits are shortened here; the count of attempts is what is checked. And the trigger's
 * events of issue 16 under Meta's retries: the same delivery arriving several times at once, while
 * n8n's store answers slowly, and again after a restart, is emitted once.
 */
import type { IDataObject } from 'n8n-workflow';

import { resources } from '../../nodes/WhatsAppBusinessManagement/actions/router';
import { DEFAULT_RETRY_POLICY } from '../../nodes/shared/graph';
import { useSandbox } from '../helpers/sandbox';
import { runNode, sandboxCredential, type RunResult } from '../helpers/workflow';
import type { FaultRule, Sandbox } from '../sandbox/server';
import { scenarios, type Scenario } from './scenarios';
import { deduplicator, startTriggerServer } from '../helpers/webhook';
import { VALID as NEW_EVENT_DELIVERIES, NEW_EVENTS, fuzzIdOf } from './webhookFuzzEvents';
import { wamid } from '../support/metaWebhooks';
import { clearProcessMemory } from '../../nodes/WhatsAppBusinessManagementTrigger/WhatsAppBusinessManagementTrigger.node';

const operations = Object.entries(resources).flatMap(([resource, module]) => Object.keys(module.operations).map((operation) => `${resource}.${operation}`));

describe('chaos: latency, throttling and server errors on every operation', () => {
	const sandbox = useSandbox();
	const savedPolicy = { ...DEFAULT_RETRY_POLICY };

	beforeAll(() => {
		DEFAULT_RETRY_POLICY.baseDelayMs = 2;
		DEFAULT_RETRY_POLICY.maxDelayMs = 20;
	});
	afterAll(() => {
		Object.assign(DEFAULT_RETRY_POLICY, savedPolicy);
	});

	it('has a scenario for every operation the node offers', () => {
		expect(operations.filter((key) => !scenarios[key])).toEqual([]);
	});

	const run = async (scenario: Scenario, faults?: (sandbox: Sandbox) => void): Promise<{ result: RunResult; calls: number }> => {
		sandbox.reset();
		const { parameters, items } = scenario.prepare(sandbox);
		faults?.(sandbox);
		sandbox.clearRequests();
		const result = await runNode({ parameters, items, credential: sandboxCredential(sandbox) });
		return { result, calls: sandbox.requestsTo(scenario.call.method, scenario.call.path).length };
	};
	const output = (scenario: Scenario, result: RunResult) =>
		result.items.map((item) => (scenario.normalize ? scenario.normalize(item.json) : item.json) as IDataObject);
	const rule = (scenario: Scenario, fault: Omit<FaultRule, 'method' | 'pathIncludes'>): FaultRule => ({
		method: scenario.call.method,
		pathIncludes: scenario.call.path,
		...fault,
	});
	const throttles = (scenario: Scenario): FaultRule[] => [
		rule(scenario, { status: 400, code: 80007 }),
		rule(scenario, { status: 400, code: 130429 }),
		rule(scenario, { status: 429, code: 4 }),
	];

	describe.each(operations.filter((key) => scenarios[key]))('%s', (key) => {
		const scenario = scenarios[key];

		const compare = async (injected: FaultRule[]) => {
			const calm = await run(scenario);
			expect(calm.result.error).toBeUndefined();
			const chaotic = await run(scenario, (s) => {
				s.setFaults({ latencyMs: 15 });
				s.faults.queue.push(...injected.map((fault) => ({ ...fault })));
			});
			expect(chaotic.result.error).toBeUndefined();
			expect(output(scenario, chaotic.result)).toEqual(output(scenario, calm.result));
			// Bounded: one more attempt per injected failure, nothing else.
			expect(chaotic.calls).toBe(calm.calls + injected.length);
		};

		it('gives the calm result under latency and three throttling answers (80007, 130429, 429)', async () => {
			await compare(throttles(scenario));
		});

		if (!scenario.createsSomething) {
			it('gives the calm result under latency and two server errors (500, 503)', async () => {
				await compare([rule(scenario, { status: 500, code: 1 }), rule(scenario, { status: 503, code: 2 })]);
			});
		}

		it('stops after the retry budget when Meta keeps throttling, with Meta\'s code in the error', async () => {
			const endless = await run(scenario, (s) => s.faults.queue.push(rule(scenario, { status: 400, code: 80007, times: 1000 })));
			expect(endless.result.error).toBeDefined();
			expect(`${endless.result.error?.message} ${endless.result.error?.description}`).toMatch(/80007/);
			expect(endless.calls).toBe(DEFAULT_RETRY_POLICY.maxThrottleRetries + 1);
		});

		if (scenario.createsSomething) {
			it('does not send a change again after a server error (it may have been carried out)', async () => {
				const failed = await run(scenario, (s) => s.faults.queue.push(rule(scenario, { status: 500, code: 1 })));
				expect(failed.result.error).toBeDefined();
				expect(failed.calls).toBe(1);
			});
		}
	});
});

describe("chaos: the trigger's new events under Meta's retries", () => {
	const sandbox = useSandbox();
	const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));
	afterEach(() => {
		deduplicator.interleave = undefined;
		clearProcessMemory();
	});

	it('each new event, delivered 4 times at once with a slow store and 4 times more after a restart, is emitted once', async () => {
		const trigger = await startTriggerServer({
			parameters: { events: NEW_EVENTS, subscribeAutomatically: false, verifyToken: 'chaos-verify-token' },
			credential: sandboxCredential(sandbox),
			nodeId: 'chaos-events-node',
			workflowId: 'chaos-events-workflow',
		});
		try {
			// Each store call yields between its read and its write, as a database round trip does.
			deduplicator.interleave = nextTick;
			const tags = NEW_EVENT_DELIVERIES.map((_, index) => wamid('CHAOS', index));
			const bodies = NEW_EVENT_DELIVERIES.map((build, index) => JSON.stringify(build(sandbox.state.wabaId, tags[index])));
			const burst = () => Promise.all(bodies.flatMap((rawBody) => Array.from({ length: 4 }, () => sandbox.sendWebhook({ url: trigger.url, rawBody }))));
			const first = await burst();
			clearProcessMemory();
			const second = await burst();
			expect([...first, ...second].filter((response) => response.status !== 200)).toEqual([]);
			const counts = new Map<string, number>();
			for (const item of trigger.emitted()) counts.set(fuzzIdOf(item), (counts.get(fuzzIdOf(item)) ?? 0) + 1);
			expect(Object.fromEntries(counts)).toEqual(Object.fromEntries(tags.map((tag) => [tag, 1])));
		} finally {
			await trigger.close();
		}
	});
});
