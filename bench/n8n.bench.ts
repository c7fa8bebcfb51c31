/**
 * n8n: the trigger in a real n8n (scripts/lib/trigger-bench-n8n.js does the work): our trigger's
 * webhook rate and latency against n8n's own Webhook node in the same n8n, the 1,000-message batch
 * case, and re-delivery across a restart in regular and queue mode.
 */
import { ms, type BenchResult, type Figure } from './lib';

interface EndpointFigures {
	rate: number;
	p50: number;
	p99: number;
	failures: number;
	requests: number;
}
type Endpoints = Record<'ours' | 'header' | 'plain', EndpointFigures>;
interface Redelivery {
	executions: number;
	failed: number;
	items: number;
	distinct: number;
	twice: number;
	failures: number;
	stored: number;
	expected: number;
}
interface N8nBench {
	version: string;
	rate: { rounds: number; perRound: number; concurrency: number };
	batch: { rounds: number; perRound: number; concurrency: number; messages: number };
	regular?: { single: Endpoints; batch: Endpoints; oursStored: number; expectedOurs: number; redelivery: Redelivery };
	queue?: Redelivery;
}

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { benchTriggerInN8n } = require('../scripts/lib/trigger-bench-n8n') as { benchTriggerInN8n: (options: { only?: string }) => Promise<N8nBench> };

function endpointFigures(label: string, endpoints: Endpoints, withGoals: boolean): Figure[] {
	const { ours, header, plain } = endpoints;
	const figures: Figure[] = (['ours', 'header', 'plain'] as const).map((name) => ({
		name: `${label}: ${name === 'ours' ? 'our trigger' : name === 'header' ? 'Webhook + Header Auth' : 'Webhook (plain)'}`,
		value: `${endpoints[name].rate.toFixed(1)}/s, p50 ${ms(endpoints[name].p50)}, p99 ${ms(endpoints[name].p99)}`,
		goal: `informational; ${endpoints[name].failures} of ${endpoints[name].requests} not answered 200`,
		pass: withGoals ? endpoints[name].failures === 0 : undefined,
	}));
	const rateVsHeader = ours.rate / header.rate;
	const rateVsPlain = ours.rate / plain.rate;
	const p50VsHeader = ours.p50 / header.p50;
	figures.push(
		{ name: `${label}: rate ours / header-auth`, value: `${rateVsHeader.toFixed(2)}x`, goal: withGoals ? '>= 0.9x' : 'informational', pass: withGoals ? rateVsHeader >= 0.9 : undefined },
		{ name: `${label}: rate ours / plain`, value: `${rateVsPlain.toFixed(2)}x`, goal: withGoals ? '>= 0.75x' : 'informational', pass: withGoals ? rateVsPlain >= 0.75 : undefined },
		{ name: `${label}: p50 ours / header-auth`, value: `${p50VsHeader.toFixed(2)}x`, goal: withGoals ? '<= 1.2x' : 'informational', pass: withGoals ? p50VsHeader <= 1.2 : undefined },
	);
	return figures;
}

function redeliveryFigures(label: string, run: Redelivery): Figure[] {
	return [
		{ name: `${label}: events emitted twice`, value: String(run.twice), goal: '0', pass: run.twice === 0 },
		{ name: `${label}: events emitted`, value: `${run.distinct} distinct of ${run.items}`, goal: `${run.expected}`, pass: run.distinct === run.expected },
		{ name: `${label}: executions (failed)`, value: `${run.executions} (${run.failed})`, goal: `${2 * run.expected} (0)`, pass: run.executions === 2 * run.expected && run.failed === 0 && run.failures === 0 },
		{ name: `${label}: delivery IDs in n8n's store`, value: String(run.stored), goal: `${run.expected}`, pass: run.stored === run.expected },
	];
}

export async function benchN8n(options: { only?: string } = {}): Promise<BenchResult> {
	const result = await benchTriggerInN8n(options);
	const figures: Figure[] = [];
	if (result.regular) {
		figures.push(...endpointFigures('single message', result.regular.single, true));
		figures.push(...endpointFigures(`${result.batch.messages}-message batch`, result.regular.batch, false));
		figures.push({
			name: "our trigger: delivery IDs in n8n's store",
			value: String(result.regular.oursStored),
			goal: `${result.regular.expectedOurs} (one per POST)`,
			pass: result.regular.oursStored === result.regular.expectedOurs,
		});
		figures.push(...redeliveryFigures('restart, regular mode', result.regular.redelivery));
	}
	if (result.queue) figures.push(...redeliveryFigures('restart, queue mode', result.queue));
	const { rate, batch } = result;
	return {
		title: `n8n ${result.version}: our trigger beside n8n's Webhook node, and re-delivery across a restart`,
		figures,
		notes: [
			`single message: ${rate.rounds} rounds x ${rate.perRound} POSTs per endpoint at concurrency ${rate.concurrency}, endpoints alternating (first one rotates), the same signed bodies to each`,
			`batch: ${batch.rounds} rounds x ${batch.perRound} POSTs of ${batch.messages} messages at concurrency ${batch.concurrency}`,
			'SQLite, executions saved; queue mode: Postgres + Redis, main + 1 worker + 2 webhook processes, each re-delivery sent to the other webhook process',
		],
	};
}
