/**
 * Batches: 1,000 input items through a read and a delete operation with 100 ms sandbox latency,
 * one request at a time (concurrency 1, what n8n's built-in node does) against the default
 * concurrency; then the same with 30% of calls throttled (80007, 130429, 429), plus creates, checking
 * that every item completes, none is lost and no create is carried out twice (sandbox request log).
 */
import type { IDataObject } from 'n8n-workflow';

import { DEFAULT_CONCURRENCY, resources } from '../nodes/WhatsAppBusinessManagement/actions/router';
import { runNode, sandboxCredential, type RunResult } from '../test/helpers/workflow';
import type { Sandbox } from '../test/sandbox/server';
import { ms, type BenchResult, type Figure } from './lib';

const ITEMS = 1_000;
const LATENCY_MS = 100;

export interface BatchOperation {
	label: string;
	resource: string;
	operation: string;
	/** Seeds the sandbox and returns the input items. */
	prepare: (sandbox: Sandbox, count: number) => IDataObject[];
	parameters: IDataObject;
	/** The sandbox log filter for this operation's calls. */
	call: { method: string; path: string };
}

const seedSequences = (sandbox: Sandbox, count: number) => {
	const records = Array.from({ length: count }, (_, i) => ({ sequence_id: String(900000 + i), name: `Batch ${i}`, welcome_message_sequence: { text: `Hi ${i}` } }));
	sandbox.seed({ sequences: records });
	return records.map((record) => ({ sequenceId: record.sequence_id }));
};

/** In order of preference; the first whose operation exists on this build is measured. */
export const READ_OPERATIONS: BatchOperation[] = [
	{
		label: 'Sequence > Get',
		resource: 'sequence',
		operation: 'get',
		prepare: seedSequences,
		parameters: { resource: 'sequence', operation: 'get', sequenceId: { __rl: true, mode: 'id', value: '={{ $json.sequenceId }}' } },
		call: { method: 'GET', path: '/welcome_message_sequences' },
	},
	{
		label: 'Sequence > Get Many (limit 1)',
		resource: 'sequence',
		operation: 'getAll',
		prepare: seedSequences,
		parameters: { resource: 'sequence', operation: 'getAll', returnAll: false, limit: 1 },
		call: { method: 'GET', path: '/welcome_message_sequences' },
	},
];

export const DELETE_OPERATIONS: BatchOperation[] = [
	{
		label: 'Sequence > Delete',
		resource: 'sequence',
		operation: 'delete',
		prepare: seedSequences,
		parameters: { resource: 'sequence', operation: 'delete', sequenceId: { __rl: true, mode: 'id', value: '={{ $json.sequenceId }}' } },
		call: { method: 'DELETE', path: '/welcome_message_sequences' },
	},
];

export const CREATE_OPERATIONS: BatchOperation[] = [
	{
		label: 'Sequence > Create',
		resource: 'sequence',
		operation: 'create',
		prepare: (_sandbox, count) => Array.from({ length: count }, (_, i) => ({ name: `Created ${i}` })),
		parameters: { resource: 'sequence', operation: 'create', name: '={{ $json.name }}', defineUsing: 'fields', text: 'Hi! How can we help?' },
		call: { method: 'POST', path: '/welcome_message_sequences' },
	},
];

export const available = (list: BatchOperation[]) => list.find((entry) => resources[entry.resource]?.operations[entry.operation]);

async function runBatch(sandbox: Sandbox, op: BatchOperation, concurrency: number | undefined): Promise<{ result: RunResult; elapsed: number; inputs: IDataObject[] }> {
	const inputs = op.prepare(sandbox, ITEMS);
	sandbox.clearRequests();
	const parameters: IDataObject = { ...op.parameters };
	if (concurrency !== undefined) parameters.requestOptions = { concurrency };
	const began = performance.now();
	const result = await runNode({ parameters, credential: sandboxCredential(sandbox), items: inputs, continueOnFail: true });
	return { result, elapsed: performance.now() - began, inputs };
}

const failed = (result: RunResult) => result.items.filter((item) => item.json.error !== undefined).length;

export async function benchBatches(sandbox: Sandbox): Promise<BenchResult> {
	const figures: Figure[] = [];
	const notes: string[] = [];
	const measured = [available(READ_OPERATIONS), available(DELETE_OPERATIONS)].filter((op): op is BatchOperation => !!op);
	if (!available(DELETE_OPERATIONS)) notes.push('no delete operation on this build: Sequence > Delete is not there yet');

	for (const op of measured) {
		const timings: Record<string, number> = {};
		for (const concurrency of [1, undefined]) {
			sandbox.reset();
			sandbox.setFaults({ latencyMs: LATENCY_MS });
			const { result, elapsed } = await runBatch(sandbox, op, concurrency);
			const name = concurrency === 1 ? 'concurrency 1' : `default (${DEFAULT_CONCURRENCY})`;
			timings[name] = elapsed;
			const calls = sandbox.requestsTo(op.call.method, op.call.path).length;
			figures.push({
				name: `${op.label}, ${name}: ${ITEMS} items`,
				value: ms(elapsed),
				goal: `all ${ITEMS} done`,
				pass: result.items.length >= ITEMS && failed(result) === 0 && calls === ITEMS,
			});
			if (result.error) notes.push(`${op.label}: ${result.error.message}`);
		}
		const speedup = timings['concurrency 1'] / timings[`default (${DEFAULT_CONCURRENCY})`];
		figures.push({ name: `${op.label}: speed-up`, value: `${speedup.toFixed(1)}x`, goal: '>= 5x', pass: speedup >= 5 });
	}

	// Throttling: 30% of Graph calls refused with Meta's throttling answers, latency kept.
	const throttled = [...measured, ...[available(CREATE_OPERATIONS)].filter((op): op is BatchOperation => !!op)];
	for (const op of throttled) {
		sandbox.reset();
		sandbox.setFaults({ latencyMs: LATENCY_MS, seed: 8, throttle: { rate: 0.3, codes: [80007, 130429, 429] } });
		const { result, elapsed, inputs } = await runBatch(sandbox, op, undefined);
		const calls = sandbox.requestsTo(op.call.method, op.call.path);
		const throttledCalls = calls.filter((call) => call.status === 429 || call.graphErrorCode === 80007 || call.graphErrorCode === 130429 || call.graphErrorCode === 4).length;
		const lost = failed(result) + Math.max(0, inputs.length - new Set(result.items.map((item) => (item.pairedItem as { item: number }).item)).size);
		figures.push(
			{ name: `${op.label}, 30% throttled: items completed`, value: `${ITEMS - lost} / ${ITEMS}`, goal: `${ITEMS} / ${ITEMS}, none lost`, pass: lost === 0 },
			{ name: `${op.label}, 30% throttled: calls (throttled)`, value: `${calls.length} (${throttledCalls})`, goal: 'informational', },
			{ name: `${op.label}, 30% throttled: wall time`, value: ms(elapsed), goal: 'informational' },
		);
		if (op.operation === 'create') {
			const carriedOut = new Map<string, number>();
			for (const call of calls) {
				if (call.status !== undefined && call.status < 300) {
					const name = String((call.body as IDataObject | undefined)?.name ?? call.query.name);
					carriedOut.set(name, (carriedOut.get(name) ?? 0) + 1);
				}
			}
			const twice = [...carriedOut.values()].filter((count) => count > 1).length;
			const stored = sandbox.state.sequences.size;
			figures.push(
				{ name: `${op.label}, 30% throttled: creates carried out twice`, value: String(twice), goal: '0 (sandbox log)', pass: twice === 0 },
				{ name: `${op.label}, 30% throttled: records stored`, value: String(stored), goal: String(ITEMS), pass: stored === ITEMS },
			);
		}
		const firstError = result.items.find((item) => item.json.error !== undefined);
		if (firstError) notes.push(`${op.label} throttled, first failure: ${String(firstError.json.error)}`);
	}
	if (!available(CREATE_OPERATIONS)) notes.push('no create operation on this build: Sequence > Create is not there yet');
	sandbox.reset();
	return { title: `Batches: ${ITEMS} input items, ${LATENCY_MS} ms sandbox latency`, figures, notes };
}
