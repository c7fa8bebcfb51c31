/**
 * Trigger: one 1,000-message Meta batch (about 525 KB) through our trigger's webhook() and through
 * n8n's built-in WhatsApp Trigger, alternating, on the same bytes. Both run through n8n-core's real
 * WebhookContext and then the execution n8n starts with the items (WorkflowExecute, where our trigger's
 * execute() de-duplicates against n8n's store); see test/helpers/webhookHarness.ts. The clock covers
 * webhook() plus that execution, after n8n's body parser has run (the same work for both).
 */
import type { INodeType } from 'n8n-workflow';

import { referralBatch } from '../test/support/metaWebhooks';
import { signedWebhookHeaders } from '../test/support/signature';
import { createWebhookHarness, type WebhookHarness } from '../test/helpers/webhookHarness';
import { DEFAULT_IDENTITY } from '../test/sandbox/state';
import { median, ms, unavailable, type BenchResult } from './lib';

export const BUILTIN_PREFIX = process.env.WABM_BENCH_PREFIX ?? '/var/cache/wabm-bench';
const OUR_TYPE = 'n8n-nodes-whatsapp-business-management.whatsAppBusinessManagementTrigger';
const MESSAGES = 1_000;

function loadOurTrigger(): INodeType | string {
	try {
		// eslint-disable-next-line @typescript-eslint/no-var-requires
		const module = require('../nodes/WhatsAppBusinessManagementTrigger/WhatsAppBusinessManagementTrigger.node');
		const Trigger = module.WhatsAppBusinessManagementTrigger;
		return new Trigger() as INodeType;
	} catch (error) {
		return `our trigger is not on this build (${(error as Error).message.split('\n')[0]})`;
	}
}

function loadBuiltin(): INodeType | string {
	try {
		const path = require.resolve('n8n-nodes-base/dist/nodes/WhatsApp/WhatsAppTrigger.node.js', { paths: [BUILTIN_PREFIX] });
		// eslint-disable-next-line @typescript-eslint/no-var-requires
		const { WhatsAppTrigger } = require(path);
		const version = require(require.resolve('n8n-nodes-base/package.json', { paths: [BUILTIN_PREFIX] })).version as string;
		const trigger = new WhatsAppTrigger() as INodeType;
		(trigger as unknown as { version: string }).version = version;
		return trigger;
	} catch (error) {
		return `n8n-nodes-base is not installed in ${BUILTIN_PREFIX} (run bench/setup.sh): ${(error as Error).message.split('\n')[0]}`;
	}
}

export async function benchTrigger(options: { rounds?: number; warmup?: number } = {}): Promise<BenchResult> {
	const title = `Trigger: ${MESSAGES.toLocaleString('en-US')}-message Meta batch per POST, ours vs n8n's built-in WhatsApp Trigger`;
	const ours = loadOurTrigger();
	const builtin = loadBuiltin();
	if (typeof ours === 'string') return unavailable(title, ours);
	if (typeof builtin === 'string') return unavailable(title, builtin);
	const builtinVersion = (builtin as unknown as { version: string }).version;
	const rounds = options.rounds ?? 200;
	const warmup = options.warmup ?? 20;
	const secret = DEFAULT_IDENTITY.appSecret;

	const ourHarness: WebhookHarness = createWebhookHarness({
		typeName: OUR_TYPE,
		nodeType: ours,
		parameters: { events: ['adReferral'], subscribeAutomatically: true, verifySignature: true },
		execute: true,
		credentials: {
			whatsAppBusinessManagementApi: {
				accessToken: DEFAULT_IDENTITY.token,
				businessAccountId: DEFAULT_IDENTITY.wabaId,
				apiVersion: 'v25.0',
				baseUrl: 'http://127.0.0.1:9',
				appId: DEFAULT_IDENTITY.appId,
				appSecret: secret,
			},
		},
	});
	const builtinHarness: WebhookHarness = createWebhookHarness({
		typeName: 'n8n-nodes-base.whatsAppTrigger',
		nodeType: builtin,
		parameters: { updates: ['messages'], options: {} },
		credentials: { whatsAppTriggerApi: { clientId: DEFAULT_IDENTITY.appId, clientSecret: secret } },
		execute: true,
	});

	const oursMs: number[] = [];
	const builtinMs: number[] = [];
	let bodyBytes = 0;
	const problems: string[] = [];
	let oursItems = 0;
	let builtinItems = 0;
	let flat = true;
	let duplicatesEmitted = -1;

	const timed = async (harness: WebhookHarness, rawBody: Buffer) => {
		const headers = signedWebhookHeaders(rawBody, secret);
		let elapsed = 0;
		// Measure webhook() alone: wrap the node's method for this call.
		const result = await harness.deliver({ rawBody, headers, timing: (value) => (elapsed = value) });
		return { result, elapsed };
	};

	for (let round = 0; round < warmup + rounds; round++) {
		// New message ids every round: a steady stream, and our de-duplication store keeps filling.
		const { payload, ids } = referralBatch({ wabaId: DEFAULT_IDENTITY.wabaId, messageCount: MESSAGES, idPrefix: `bench-${round}` });
		const rawBody = Buffer.from(JSON.stringify(payload));
		bodyBytes = rawBody.length;
		const order: Array<'ours' | 'builtin'> = round % 2 === 0 ? ['ours', 'builtin'] : ['builtin', 'ours'];
		for (const side of order) {
			const { result, elapsed } = await timed(side === 'ours' ? ourHarness : builtinHarness, rawBody);
			if (round < warmup) continue;
			if (side === 'ours') {
				oursMs.push(elapsed);
				oursItems = result.items.length;
				if (result.items.length !== MESSAGES) problems.push(`round ${round}: ours emitted ${result.items.length} items`);
				const sample = result.items[0]?.json ?? {};
				// Flat: the referral's fields are on the item itself, not buried in entry/changes/value.
				if ('entry' in sample || 'changes' in sample || !JSON.stringify(sample).includes(ids[0])) flat = false;
			} else {
				builtinMs.push(elapsed);
				builtinItems = result.items.length;
			}
		}
		if (round === warmup) {
			const again = await ourHarness.deliver({ rawBody, headers: signedWebhookHeaders(rawBody, secret) });
			duplicatesEmitted = again.items.length;
		}
	}

	const oursMedian = median(oursMs);
	const builtinMedian = median(builtinMs);
	const ratio = oursMedian / builtinMedian;
	const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
	return {
		title,
		figures: [
			{ name: 'payload', value: `${(bodyBytes / 1024).toFixed(0)} KB`, goal: `about 525 KB, ${MESSAGES} messages with referral` },
			{ name: 'ours: per POST (median)', value: ms(oursMedian), goal: 'informational' },
			{ name: 'built-in: per POST (median)', value: ms(builtinMedian), goal: 'informational' },
			{ name: 'ours: mean / built-in: mean', value: `${ms(mean(oursMs))} / ${ms(mean(builtinMs))}`, goal: 'informational' },
			{ name: 'ours / built-in (median)', value: `${ratio.toFixed(2)}x`, goal: '<= 1.5x', pass: ratio <= 1.5 },
			{ name: 'ours: items per POST', value: String(oursItems), goal: `${MESSAGES} flat referral items`, pass: oursItems === MESSAGES && flat },
			{ name: 'built-in: items per POST', value: String(builtinItems), goal: 'informational (one per change, nested)' },
			{ name: 'ours: items from a re-sent POST', value: String(duplicatesEmitted), goal: '0 (de-duplicated)', pass: duplicatesEmitted === 0 },
		],
		notes: [
			`${rounds} measured rounds after ${warmup} warm-up rounds, alternating which side goes first; new message ids every round`,
			`built-in: n8n-nodes-base@${builtinVersion} from ${BUILTIN_PREFIX}`,
			"n8n's deduplication store (ours only): an in-memory stand-in that checks and records as n8n's DeduplicationHelper does, without its database row",
			...problems.slice(0, 5),
		],
	};
}
