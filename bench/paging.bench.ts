/**
 * Paging: Get Many with Return All over large lists in the sandbox. Counts the Graph calls made
 * (goal: ceil(N / largest page), the largest page being what the sandbox - written from Meta's docs -
 * serves for that edge at most), wall time and memory growth (RSS and heap; the sandbox runs in the
 * same process, so its answers are included).
 */
import { resources } from '../nodes/WhatsAppBusinessManagement/actions/router';
import { runNode, sandboxCredential } from '../test/helpers/workflow';
import type { Sandbox } from '../test/sandbox/server';
import { mb, ms, withMemory, type BenchResult, type Figure } from './lib';

interface PagingCase {
	resource: string;
	count: number;
	seedKey: string;
	edge: string;
	record: (index: number) => Record<string, unknown>;
	prepare?: (sandbox: Sandbox) => void;
	label?: string;
}

const CASES: PagingCase[] = [
	{
		resource: 'template',
		count: 10_000,
		seedKey: 'templates',
		edge: 'message_templates',
		record: (i) => ({ name: `bench_template_${i}`, language: 'en_US', category: 'MARKETING', status: 'APPROVED', components: [{ type: 'BODY', text: `Hello ${i}` }] }),
	},
	{
		resource: 'flow',
		count: 2_000,
		seedKey: 'flows',
		edge: 'flows',
		record: (i) => ({ name: `bench_flow_${i}`, status: 'DRAFT', categories: ['OTHER'] }),
	},
	{
		resource: 'sequence',
		count: 2_000,
		seedKey: 'sequences',
		edge: 'welcome_message_sequences',
		record: (i) => ({ sequence_id: String(700000 + i), name: `Bench sequence ${i}`, welcome_message_sequence: { text: `Hi ${i}` } }),
		prepare: (sandbox) => sandbox.seed({ sequenceListShape: 'edge' }),
		label: 'sequence (Graph edge shape)',
	},
	{
		resource: 'sequence',
		count: 2_000,
		seedKey: 'sequences',
		edge: 'welcome_message_sequences',
		record: (i) => ({ sequence_id: String(700000 + i), name: `Bench sequence ${i}`, welcome_message_sequence: { text: `Hi ${i}` } }),
		label: "sequence (guide's bare-array shape)",
	},
];

/** The most the sandbox serves in one page of this edge, whatever `limit` asks. */
async function largestPage(sandbox: Sandbox, edge: string): Promise<number> {
	const url = `${sandbox.url}/v25.0/${sandbox.state.wabaId}/${edge}?limit=100000`;
	const response = await fetch(url, { headers: { authorization: `Bearer ${sandbox.state.token}` } });
	const body = (await response.json()) as { data?: unknown[] } | unknown[];
	const list = Array.isArray(body) ? body : body.data ?? [];
	sandbox.clearRequests();
	return list.length;
}

export async function benchPaging(sandbox: Sandbox): Promise<BenchResult> {
	const figures: Figure[] = [];
	const notes: string[] = [];
	for (const testCase of CASES) {
		const label = testCase.label ?? testCase.resource;
		if (!resources[testCase.resource]?.operations.getAll) {
			figures.push({ name: `${label}: not measured`, value: '-', goal: `no ${testCase.resource} Get Many operation on this build` });
			continue;
		}
		sandbox.reset();
		testCase.prepare?.(sandbox);
		try {
			sandbox.seed({ [testCase.seedKey]: Array.from({ length: testCase.count }, (_, i) => testCase.record(i)) });
		} catch (error) {
			figures.push({ name: `${label}: not measured`, value: '-', goal: (error as Error).message });
			continue;
		}
		const page = await largestPage(sandbox, testCase.edge);
		const goalCalls = Math.ceil(testCase.count / page);
		const measured = await withMemory(() =>
			runNode({ parameters: { resource: testCase.resource, operation: 'getAll', returnAll: true }, credential: sandboxCredential(sandbox) }),
		);
		const result = measured.value;
		const calls = sandbox.requestsTo('GET', `/${testCase.edge}`).length;
		const got = result.items.length;
		const n = testCase.count.toLocaleString('en-US');
		figures.push(
			{ name: `${label} x${n}: items returned`, value: String(got), goal: `${testCase.count}`, pass: got === testCase.count && !result.error },
			{ name: `${label} x${n}: Graph calls`, value: String(calls), goal: `<= ${goalCalls} (ceil(${testCase.count} / ${page}))`, pass: calls <= goalCalls },
			{ name: `${label} x${n}: wall time`, value: ms(measured.ms), goal: 'informational' },
			{ name: `${label} x${n}: peak RSS / heap growth`, value: `${mb(measured.rssGrowth)} / ${mb(measured.heapGrowth)}`, goal: 'informational' },
		);
		if (result.error) notes.push(`${label}: ${result.error.message}`);
	}
	sandbox.reset();
	return { title: 'Paging: Get Many with Return All', figures, notes };
}
