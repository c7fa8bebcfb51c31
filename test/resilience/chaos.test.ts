/**
 * Chaos: every operation of every resource, with sandbox latency, Meta's throttling answers (80007,
 * 130429, HTTP 429) and server errors (500/503) injected into its Graph calls. The result must equal
 * a calm run's, and retries must be bounded: exactly one extra attempt per injected failure, and a
 * failure that never ends stops after the retry budget. A create is never sent again after a server
 * error. Backoff waits are shortened here; the count of attempts is what is checked.
 */
import type { IDataObject } from 'n8n-workflow';

import { resources } from '../../nodes/WhatsAppBusinessManagement/actions/router';
import { DEFAULT_RETRY_POLICY } from '../../nodes/shared/graph';
import { useSandbox } from '../helpers/sandbox';
import { runNode, sandboxCredential, type RunResult } from '../helpers/workflow';
import type { FaultRule, Sandbox } from '../sandbox/server';
import { scenarios, type Scenario } from './scenarios';

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
