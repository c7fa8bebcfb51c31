/**
 * Conversions: 10,000 Send Event items through WorkflowExecute against the sandbox (100 ms latency
 * per request). Goal: at most 10 requests (Meta takes 1,000 events per request), every event recorded
 * once. Then the same with 30% of calls throttled (retried: Meta did not carry them out), and with one
 * refused click ID (the refused request is split until that event is alone).
 */
import type { IDataObject } from 'n8n-workflow';

import { runNode, sandboxCredential } from '../test/helpers/workflow';
import type { Sandbox } from '../test/sandbox/server';
import { mb, ms, withMemory, type BenchResult, type Figure } from './lib';

const ITEMS = 10_000;
const LATENCY_MS = 100;
const DATASET = '7700000000001';

const parameters: IDataObject = {
	resource: 'conversion',
	operation: 'sendEvent',
	datasetId: DATASET,
	eventName: 'Purchase',
	value: '={{ $json.total }}',
	currency: 'USD',
	eventId: '={{ "order-" + $json.order }}',
};

async function sendAll(sandbox: Sandbox, prepare?: (sandbox: Sandbox) => void) {
	sandbox.reset();
	sandbox.seed({ datasets: [{ id: DATASET }] });
	sandbox.setFaults({ latencyMs: LATENCY_MS });
	prepare?.(sandbox);
	const items = Array.from({ length: ITEMS }, (_, n) => ({ ctwa_clid: `ARAkLkA8rmlFeiCk-${n}`, total: 10 + (n % 90), order: n }));
	const measured = await withMemory(() => runNode({ parameters, items, credential: sandboxCredential(sandbox), continueOnFail: true }));
	const posts = sandbox.requestsTo('POST', '/events');
	const recorded = sandbox.state.datasets.get(DATASET)!.events;
	const orders = new Set(recorded.map((event) => event.event_id));
	const errors = measured.value.items.filter((item) => item.json.error !== undefined).length;
	return { measured, posts, accepted: posts.filter((call) => call.status === 200).length, recorded: recorded.length, distinct: orders.size, errors, outputs: measured.value.items.length };
}

export async function benchConversions(sandbox: Sandbox): Promise<BenchResult> {
	const figures: Figure[] = [];
	const calm = await sendAll(sandbox);
	figures.push(
		{ name: 'requests for 10,000 events', value: String(calm.posts.length), goal: '<= 10', pass: calm.posts.length <= 10 },
		{ name: 'events recorded (distinct)', value: `${calm.recorded} (${calm.distinct})`, goal: '10,000 (10,000)', pass: calm.recorded === ITEMS && calm.distinct === ITEMS },
		{ name: 'output items, errors', value: `${calm.outputs}, ${calm.errors}`, goal: '10,000, 0', pass: calm.outputs === ITEMS && calm.errors === 0 },
		{ name: 'wall time', value: ms(calm.measured.ms), goal: 'informational' },
		{ name: 'heap growth', value: mb(calm.measured.heapGrowth), goal: 'informational' },
	);

	const throttled = await sendAll(sandbox, (s) => s.setFaults({ throttle: { rate: 0.3, codes: [80007, 130429, 429] }, seed: 7 }));
	figures.push(
		{ name: '30% throttled: accepted requests', value: `${throttled.accepted} of ${throttled.posts.length} sent`, goal: '<= 10 accepted', pass: throttled.accepted <= 10 },
		{ name: '30% throttled: events recorded', value: `${throttled.recorded} (${throttled.distinct})`, goal: '10,000 (10,000), none twice', pass: throttled.recorded === ITEMS && throttled.distinct === ITEMS },
	);

	const refused = await sendAll(sandbox, (s) => s.state.datasets.get(DATASET)!.refusedClickIds.push('ARAkLkA8rmlFeiCk-4321'));
	figures.push(
		{ name: 'one refused click: requests', value: String(refused.posts.length), goal: 'informational (split halves)' },
		{ name: 'one refused click: recorded, errors', value: `${refused.recorded}, ${refused.errors}`, goal: '9,999, 1', pass: refused.recorded === ITEMS - 1 && refused.errors === 1 },
	);
	sandbox.setFaults({ latencyMs: 0, throttle: undefined });
	return { title: `Conversions: ${ITEMS.toLocaleString('en-US')} Send Event items, ${LATENCY_MS} ms per request`, figures, notes: [] };
}
