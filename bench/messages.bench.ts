/**
 * Messages: 10,000 Send Template items through one node run against the sandbox, whose sender is
 * capped at Meta's default 80 messages per second (130429 above it). Measured from the sandbox's
 * store of accepted messages: the sustained rate (first to last acceptance), messages lost (items
 * without a wamid or never accepted) and messages sent twice (a recipient accepted more than once).
 * Then the same with 30% of all Graph calls throttled (130429, 80007) before they reach the route.
 */
import { resources } from '../nodes/WhatsAppBusinessManagement/actions/router';
import { runNode, sandboxCredential } from '../test/helpers/workflow';
import { messagingOf } from '../test/sandbox/messaging/store';
import type { Sandbox } from '../test/sandbox/server';
import { ms, unavailable, type BenchResult, type Figure } from './lib';

const SENDS = 10_000;
const CAP = 80;
const SENDER = '106540352242922';
const TEMPLATE_ID = '594425479261596';
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const field = (id: string) => ({ id, displayName: id, required: true, defaultMatch: false, canBeUsedToMatch: false, display: true, type: 'string' });

function seed(sandbox: Sandbox): void {
	sandbox.reset();
	sandbox.seed({
		phoneNumbers: [{ id: SENDER, display_phone_number: '+1 555-013-3700' }],
		templates: [
			{
				id: TEMPLATE_ID,
				name: 'order_confirmation',
				language: 'en_US',
				category: 'UTILITY',
				status: 'APPROVED',
				components: [{ type: 'BODY', text: 'Hi {{1}}, your order {{2}} is confirmed.', example: { body_text: [['Pablo', '860198-230332']] } }],
			},
		],
		messaging: { defaultThroughput: CAP, statusWebhooks: { enabled: false } },
	});
}

/** Distinct recipients, so the pair rate never applies and "sent twice" is a recipient accepted twice. */
const inputs = () => Array.from({ length: SENDS }, (_, n) => ({ phone: `+1 650 ${String(1_000_000 + n).slice(1)}`, name: `Lead ${n}`, order: `O-${n}` }));

const parameters = {
	resource: 'message',
	operation: 'sendTemplate',
	phoneNumberId: byId(SENDER),
	recipientPhone: '={{ $json.phone }}',
	templateId: byId(TEMPLATE_ID),
	templateVariables: { mappingMode: 'defineBelow', value: { 'body.1': '={{ $json.name }}', 'body.2': '={{ $json.order }}' }, matchingColumns: [], schema: [field('body.1'), field('body.2')] },
	sendingOptions: { throughput: CAP },
	// 10,000 items under 30% throttling wait far more than the 180 s default in all (each wait counts).
	requestOptions: { retryWaitBudget: 7200 },
};

async function measure(sandbox: Sandbox, label: string): Promise<Figure[]> {
	const began = performance.now();
	const result = await runNode({ parameters, credential: sandboxCredential(sandbox), items: inputs(), continueOnFail: true });
	const elapsed = performance.now() - began;
	const accepted = messagingOf(sandbox.state).sent;
	const times = accepted.map((message) => message.time).sort((a, b) => a - b);
	const rate = times.length > 1 ? ((times.length - 1) * 1000) / (times[times.length - 1] - times[0]) : 0;
	const perRecipient = new Map<string, number>();
	for (const message of accepted) perRecipient.set(message.input, (perRecipient.get(message.input) ?? 0) + 1);
	const twice = [...perRecipient.values()].filter((count) => count > 1).length;
	const withWamid = result.items.filter((item) => typeof item.json.wamid === 'string').length;
	const lost = SENDS - Math.min(withWamid, perRecipient.size);
	const calls = sandbox.requestsTo('POST', `/${SENDER}/messages`);
	const throttled = calls.filter((call) => call.graphErrorCode === 130429 || call.graphErrorCode === 80007).length;
	const firstError = result.items.find((item) => item.json.error !== undefined)?.json.error;
	return [
		{ name: `${label}: sustained rate`, value: `${rate.toFixed(1)}/s`, goal: `>= ${(CAP * 0.9).toFixed(0)}/s (90% of ${CAP})`, pass: rate >= CAP * 0.9 },
		{ name: `${label}: lost`, value: String(lost), goal: '0', pass: lost === 0 },
		{ name: `${label}: sent twice`, value: String(twice), goal: '0 (sandbox store)', pass: twice === 0 },
		{ name: `${label}: calls (throttled)`, value: `${calls.length} (${throttled})`, goal: 'informational' },
		{ name: `${label}: wall time`, value: ms(elapsed), goal: 'informational' },
		...(firstError ? [{ name: `${label}: first failure`, value: '-', goal: String(firstError).slice(0, 120) }] : []),
	];
}

export async function benchMessages(sandbox: Sandbox): Promise<BenchResult> {
	const title = `Messages: ${SENDS.toLocaleString('en')} template sends, sender capped at ${CAP}/s`;
	if (!resources.message?.operations.sendTemplate) return unavailable(title, 'Message > Send Template is not on this build');
	seed(sandbox);
	const calm = await measure(sandbox, 'calm');
	seed(sandbox);
	sandbox.setFaults({ seed: 15, throttle: { rate: 0.3, codes: [130429, 80007] } });
	const throttled = await measure(sandbox, '30% throttled');
	sandbox.reset();
	return { title, figures: [...calm, ...throttled], notes: ['rates from the sandbox\'s acceptance times; Throughput option 80, default concurrency (50), retry wait budget 7,200 s'] };
}
