/**
 * Analytics: Get Template Analytics for 100 templates x 90 days through WorkflowExecute against the
 * sandbox. Goal: the fewest calls Meta's limits allow. template_analytics takes at most 10 template
 * IDs per call and looks back 90 days, so 100 templates x 90 days need ceil(100 / 10) x ceil(90 / 90)
 * = 10 analytics calls, plus one message_templates page (100 a page) for the names beside the IDs.
 * Records wall time and memory growth (the sandbox runs in the same process).
 */
import { MAX_TEMPLATE_IDS_PER_CALL, TEMPLATE_ANALYTICS_LOOKBACK_DAYS } from '../nodes/WhatsAppBusinessManagement/actions/analytics/rules';
import { runNode, sandboxCredential } from '../test/helpers/workflow';
import type { Sandbox } from '../test/sandbox/server';
import { mb, ms, withMemory, type BenchResult } from './lib';

const TEMPLATES = 100;
const DAYS = 90;
const DAY_MS = 86_400_000;

export async function benchAnalytics(sandbox: Sandbox): Promise<BenchResult> {
	sandbox.reset();
	const ids = Array.from({ length: TEMPLATES }, (_, i) => String(8_300_000_000 + i));
	sandbox.seed({
		templates: ids.map((id, i) => ({
			id,
			name: `bench_analytics_${i}`,
			language: 'en_US',
			category: 'MARKETING',
			status: 'APPROVED',
			components: [{ type: 'BODY', text: 'Hi' }, { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Yes' }, { type: 'URL', text: 'Shop', url: 'https://example.com' }] }],
		})),
	});
	sandbox.clearRequests();
	const today = Math.floor(Date.now() / DAY_MS) * DAY_MS;
	const measured = await withMemory(() =>
		runNode({
			parameters: {
				resource: 'analytics',
				operation: 'getTemplateAnalytics',
				templateSource: 'ids',
				templateIds: ids.join(','),
				start: new Date(today - DAYS * DAY_MS).toISOString(),
				end: new Date(today).toISOString(),
			},
			credential: sandboxCredential(sandbox),
		}),
	);
	const result = measured.value;
	if (result.error) throw result.error;
	const analyticsCalls = sandbox.requestsTo('GET', '/template_analytics').length;
	const nameCalls = sandbox.requestsTo('GET', '/message_templates').length;
	const fewest = Math.ceil(TEMPLATES / MAX_TEMPLATE_IDS_PER_CALL) * Math.ceil(DAYS / TEMPLATE_ANALYTICS_LOOKBACK_DAYS);
	const rowsExpected = TEMPLATES * DAYS;
	return {
		title: `Analytics: template analytics, ${TEMPLATES} templates x ${DAYS} days`,
		figures: [
			{
				name: 'template_analytics calls',
				value: String(analyticsCalls),
				goal: `${fewest} = ceil(${TEMPLATES} / ${MAX_TEMPLATE_IDS_PER_CALL} IDs per call) x ceil(${DAYS} / ${TEMPLATE_ANALYTICS_LOOKBACK_DAYS}-day lookback)`,
				pass: analyticsCalls === fewest,
			},
			{ name: 'message_templates calls (names)', value: String(nameCalls), goal: `1 (${TEMPLATES} templates, 100 a page)`, pass: nameCalls === 1 },
			{ name: 'rows (template x day)', value: String(result.items.length), goal: String(rowsExpected), pass: result.items.length === rowsExpected },
			{ name: 'wall time', value: ms(measured.ms), goal: 'informational' },
			{ name: 'RSS growth', value: mb(measured.rssGrowth), goal: 'informational' },
			{ name: 'heap growth', value: mb(measured.heapGrowth), goal: 'informational' },
		],
		notes: ['the 10-IDs-per-call figure is from a partner doc of the call; Meta\'s page states the 90-day lookback'],
	};
}
