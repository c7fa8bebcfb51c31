'use strict';
/**
 * The load `npm run bench -- n8n` puts on a real n8n (see trigger-bench-n8n.js): the workflows
 * compared (our trigger, n8n's Webhook node plain and with Header Auth), signed Meta deliveries,
 * and sending them to several endpoints in alternating rounds.
 */
const instance = require('./instance');
const { adClickPayload, signWebhookBody } = require('./meta-webhooks');
const { stableId, stableUuid } = require('./cases');

const VERIFY_TOKEN = 'wabm-bench-verify-token';
const HEADER_AUTH = { id: 'wabmBenchHeader1', name: 'Bench header auth', header: 'x-bench-auth', value: 'bench-header-auth-value' };
const WABA_ID = '102290129340398';
/** When the bench's messages were sent: recent, so the trigger's Max Event Age keeps them. */
const SENT_AT = Math.floor(Date.now() / 1000);

/** The three workflows compared, and a second trigger workflow of our own for the re-delivery runs. */
function benchWorkflows(description) {
	const trigger = (label) =>
		instance.triggerWorkflowOf(description, {
			seed: `bench:${label}`,
			nodeName: 'WhatsApp Trigger',
			workflowName: `Bench ${label}`,
			parameters: { events: ['adReferral'], subscribeAutomatically: false, verifyToken: VERIFY_TOKEN, verifySignature: true, options: {} },
		});
	const webhook = (label, extra) => {
		const node = {
			id: stableUuid(`bench:${label}:node`),
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: stableUuid(`bench:${label}:webhookId`),
			parameters: { httpMethod: 'POST', path: `wabm-bench-${label}`, responseMode: 'onReceived', options: {}, ...extra.parameters },
			...(extra.credentials ? { credentials: extra.credentials } : {}),
		};
		return { workflow: workflowOf(label, node), node, webhookPath: `wabm-bench-${label}` };
	};
	return {
		ours: trigger('ours'),
		plain: webhook('plain', {}),
		header: webhook('header', {
			parameters: { authentication: 'headerAuth' },
			credentials: { httpHeaderAuth: { id: HEADER_AUTH.id, name: HEADER_AUTH.name } },
		}),
		redelivery: trigger('redelivery'),
	};
}

function workflowOf(label, node) {
	return { id: stableId(`bench:${label}`), name: `Bench ${label}`, active: false, nodes: [node], connections: {}, settings: { executionOrder: 'v1' }, pinData: {} };
}

/** A signed delivery: the body, and the headers Meta sends (plus the header-auth header, ignored elsewhere). */
function signedDelivery(payload, appSecret) {
	const body = JSON.stringify(payload);
	return {
		body,
		headers: {
			'content-type': 'application/json',
			'x-hub-signature-256': signWebhookBody(body, appSecret),
			[HEADER_AUTH.header]: HEADER_AUTH.value,
		},
	};
}

function singleMessage(tag, appSecret) {
	return signedDelivery(adClickPayload({ wabaId: WABA_ID, messageId: `wamid.bench-${tag}`, ctwaClid: `clid-${tag}`, timestamp: SENT_AT }), appSecret);
}

function batchOf(tag, count, appSecret) {
	const template = adClickPayload({ wabaId: WABA_ID, timestamp: SENT_AT });
	const change = template.entry[0].changes[0];
	template.entry[0].changes = Array.from({ length: count }, (_, index) => {
		const copy = JSON.parse(JSON.stringify(change));
		copy.value.messages[0].id = `wamid.bench-${tag}-${index}`;
		copy.value.messages[0].referral.ctwa_clid = `clid-${tag}-${index}`;
		return copy;
	});
	return signedDelivery(template, appSecret);
}

/** Sends the deliveries to `url`, `concurrency` at a time; the latency of each and the wall time. */
async function sendAll(url, deliveries, concurrency) {
	const latencies = [];
	const failures = [];
	let next = 0;
	const began = performance.now();
	const workerLoop = async () => {
		while (next < deliveries.length) {
			const delivery = deliveries[next++];
			const started = performance.now();
			try {
				// A POST n8n has not answered in two minutes counts as failed rather than holding the run.
				const response = await fetch(url, { method: 'POST', headers: delivery.headers, body: delivery.body, signal: AbortSignal.timeout(120_000) });
				await response.arrayBuffer();
				if (response.status !== 200) failures.push(response.status);
			} catch (error) {
				failures.push(String(error.message || error));
			}
			latencies.push(performance.now() - started);
		}
	};
	await Promise.all(Array.from({ length: concurrency }, workerLoop));
	return { latencies, failures, seconds: (performance.now() - began) / 1000 };
}

function percentile(values, fraction) {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
}

/**
 * Rounds of `perRound` deliveries per endpoint, the endpoints taking turns (which one goes first
 * rotates every round); every endpoint gets the same bodies. Per endpoint: requests/s, p50, p99.
 * `settle` runs after each endpoint's turn, outside the clock (the bench waits there for n8n to
 * finish the executions, so no endpoint is timed while another's are still running).
 */
async function compareEndpoints(endpoints, { rounds, perRound, concurrency, makeDelivery, settle = async () => {} }) {
	const totals = Object.fromEntries(Object.keys(endpoints).map((name) => [name, { latencies: [], failures: [], seconds: 0, requests: 0 }]));
	const names = Object.keys(endpoints);
	for (let round = 0; round < rounds; round++) {
		const deliveries = Array.from({ length: perRound }, (_, index) => makeDelivery(round, index));
		const order = names.map((_, index) => names[(index + round) % names.length]);
		for (const name of order) {
			const result = await sendAll(endpoints[name], deliveries, concurrency);
			const total = totals[name];
			total.latencies.push(...result.latencies);
			total.failures.push(...result.failures);
			total.seconds += result.seconds;
			total.requests += deliveries.length;
			await settle();
		}
	}
	return Object.fromEntries(
		names.map((name) => {
			const total = totals[name];
			return [name, { rate: total.requests / total.seconds, p50: percentile(total.latencies, 0.5), p99: percentile(total.latencies, 0.99), failures: total.failures.length, requests: total.requests }];
		}),
	);
}

module.exports = { benchWorkflows, singleMessage, batchOf, sendAll, compareEndpoints, HEADER_AUTH, VERIFY_TOKEN };
