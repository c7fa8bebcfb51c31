'use strict';
/**
 * The trigger's webhook events of issue 16 through n8n's real production webhook: a second trigger
 * workflow selects every one of them; one signed POST per event kind (built by the sandbox from
 * Meta's documented shapes, test/support/metaEvents.ts) must start one execution with one flat item
 * of that kind, and a forged and an unsigned POST of a new event get 401 and start nothing.
 */
const { N8nClient, sleep } = require('./n8n-run');
const instance = require('./instance');
const { check } = require('./e2e-report');

const VERIFY_TOKEN = 'wabm-e2e-events-verify-token';

/** The Events option of every event issue 16 added, and Orders. */
const NEW_EVENTS = [
	'order',
	'automaticEvent',
	'userPreference',
	'messageEcho',
	'history',
	'accountReviewUpdate',
	'accountAlert',
	'securityUpdate',
	'businessCapabilityUpdate',
	'templateComponentsUpdate',
	'identityChange',
];

/**
 * One POST per event kind: what the sandbox builds, and what the one item must carry. The IDs are
 * this suite's own, so an item is matched to its POST whatever order n8n lists the executions in.
 */
const DELIVERIES = [
	{
		field: 'automatic_events',
		event: { kind: 'automaticEvents', events: [{ id: 'wamid.E2E.AUTO.1', eventName: 'Purchase', ctwaClid: 'e2e-auto-clid', value: 49.5, currency: 'EUR' }] },
		expect: { eventType: 'automaticEvent', messageId: 'wamid.E2E.AUTO.1', eventName: 'Purchase', ctwa_clid: 'e2e-auto-clid', value: 49.5, currency: 'EUR' },
	},
	{
		field: 'user_preferences',
		event: { kind: 'userPreferences', preferences: [{ name: 'E2E Opt Out', waId: '16505550077', userId: 'US.E2E.77', value: 'stop' }] },
		expect: { eventType: 'userPreference', waId: '16505550077', userId: 'US.E2E.77', contactName: 'E2E Opt Out', category: 'marketing_messages', value: 'stop' },
	},
	{
		field: 'smb_message_echoes',
		event: { kind: 'messageEchoes', echoes: [{ id: 'wamid.E2E.ECHO.1', to: '16505550078', text: 'E2E echo from the app' }] },
		expect: { eventType: 'messageEcho', messageId: 'wamid.E2E.ECHO.1', to: '16505550078', text: 'E2E echo from the app' },
	},
	{
		field: 'history',
		event: { kind: 'history', threads: [{ id: '16505550079', messages: [{ id: 'wamid.E2E.HIST.1', from: '16505550079', text: 'E2E history' }] }] },
		expect: { eventType: 'history', messageId: 'wamid.E2E.HIST.1', threadId: '16505550079', text: 'E2E history', historyStatus: 'READ' },
	},
	{ field: 'account_review_update', event: { kind: 'flatChange', field: 'account_review_update', value: { decision: 'DEFERRED' } }, expect: { eventType: 'accountReviewUpdate', decision: 'DEFERRED' } },
	{
		field: 'account_alerts',
		event: { kind: 'flatChange', field: 'account_alerts' },
		expect: { eventType: 'accountAlert', entity_type: 'PHONE_NUMBER', alert_type: 'OBA_REJECTED', alert_severity: 'WARNING' },
	},
	{ field: 'security', event: { kind: 'flatChange', field: 'security' }, expect: { eventType: 'securityUpdate', event: 'PIN_CHANGED' } },
	{
		field: 'business_capability_update',
		event: { kind: 'flatChange', field: 'business_capability_update' },
		expect: { eventType: 'businessCapabilityUpdate', max_daily_conversations_per_business: 2000 },
	},
	{
		field: 'message_template_components_update',
		event: { kind: 'flatChange', field: 'message_template_components_update' },
		expect: { eventType: 'templateComponentsUpdate', message_template_name: 'order_confirmation' },
	},
	{
		field: 'messages',
		event: {
			kind: 'order',
			order: { id: 'wamid.E2E.ORDER.1', from: '16505550082', name: 'E2E Buyer', text: 'Deliver Saturday', items: [{ productRetailerId: 'helmet-01', quantity: 2, itemPrice: 49.9, currency: 'EUR' }, { productRetailerId: 'gloves-07', quantity: 1, itemPrice: 19.95, currency: 'EUR' }] },
		},
		expect: { eventType: 'order', messageId: 'wamid.E2E.ORDER.1', contactName: 'E2E Buyer', text: 'Deliver Saturday', catalogId: '194836987003835', value: 119.75, currency: 'EUR' },
	},
	{
		field: 'messages',
		event: { kind: 'identityChange', change: { type: 'user_changed_number', messageId: 'wamid.E2E.IDENTITY.1', from: '16505550080', previousUserId: 'US.E2E.OLD', userId: 'US.E2E.NEW', waId: '16505550081' } },
		expect: { eventType: 'identityChange', changeType: 'user_changed_number', messageId: 'wamid.E2E.IDENTITY.1', from: '16505550080', waId: '16505550081', previousUserId: 'US.E2E.OLD', userId: 'US.E2E.NEW' },
	},
];

/** The second trigger workflow: every new event, manual setup (the first trigger owns the WABA's override). */
function eventsTriggerWorkflow(description) {
	return instance.triggerWorkflowOf(description, {
		seed: 'e2e:events-trigger',
		nodeName: 'New Events Trigger',
		workflowName: 'E2E new trigger events',
		parameters: { events: NEW_EVENTS, subscribeAutomatically: false, verifyToken: VERIFY_TOKEN },
	});
}

/** What in `item` differs from `expected` (each expected key, plus the field of the POST). */
function mismatches(item, delivery) {
	const expected = { ...delivery.expect, field: delivery.field };
	return Object.entries(expected)
		.filter(([key, value]) => JSON.stringify(item[key]) !== JSON.stringify(value))
		.map(([key, value]) => `${key}: expected ${JSON.stringify(value)}, got ${JSON.stringify(item[key])}`);
}

/** The items of the executions started after the first `before`, each list of items per execution. */
async function itemsPerExecution(run, events, before) {
	const list = await run.client.executions(events.workflow.id);
	const lists = [];
	for (const execution of list.slice(0, list.length - before)) {
		const full = await run.client.execution(execution.id, run.flatted);
		lists.push(N8nClient.itemsOf(full, events.node.name));
	}
	return lists;
}

async function waitForCount(client, workflowId, count, timeoutMs = 45000) {
	const deadline = Date.now() + timeoutMs;
	let list = await client.executions(workflowId);
	while (Date.now() < deadline && !(list.length >= count && list.slice(0, count).every((e) => e.finished || e.status === 'success' || e.status === 'error' || e.stoppedAt))) {
		await sleep(500);
		list = await client.executions(workflowId);
	}
	return list;
}

/** Waits until n8n serves the workflow's webhook (n8n 2.x registers it a moment after activation). */
async function waitForRegistration(url) {
	for (const deadline = Date.now() + 30000; Date.now() < deadline; await sleep(500)) {
		const response = await fetch(`${url}?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=7`);
		if ((await response.text()).trim() === '7') return true;
	}
	return false;
}

/** Forged and unsigned POSTs first: if either started an execution, the count after the signed ones is off. */
async function checkNewEventsRefused(run, url) {
	return check(run.scope, 'new events: a forged and an unsigned POST of an automatic event get 401 and start nothing', async () => {
		const event = { kind: 'automaticEvents', events: [{ id: 'wamid.E2E.AUTO.FORGED', eventName: 'LeadSubmitted', ctwaClid: 'e2e-forged' }] };
		const forged = await run.sandbox.sendWebhook({ url, event, secret: 'not-the-app-secret' });
		const unsigned = await run.sandbox.sendWebhook({ url, event, signature: null });
		const problems = [];
		if (forged.status !== 401) problems.push(`the forged POST answered ${forged.status}`);
		if (unsigned.status !== 401) problems.push(`the unsigned POST answered ${unsigned.status}`);
		return problems;
	});
}

async function checkNewEventsEmitted(run, events, url, before) {
	await check(run.scope, `new events: one signed POST per kind (${DELIVERIES.length}) gives one execution with one flat item of that kind`, async () => {
		const problems = [];
		for (const delivery of DELIVERIES) {
			const sent = await run.sandbox.sendWebhook({ url, event: delivery.event });
			if (sent.status !== 200) problems.push(`${delivery.field}: n8n answered ${sent.status} ${sent.body.slice(0, 200)}`);
		}
		await waitForCount(run.client, events.workflow.id, before + DELIVERIES.length);
		await sleep(1000);
		const lists = await itemsPerExecution(run, events, before);
		if (lists.length !== DELIVERIES.length) problems.push(`expected ${DELIVERIES.length} executions (none from the refused POSTs), found ${lists.length}`);
		for (const delivery of DELIVERIES) {
			const [id, value] = Object.entries(delivery.expect).find(([key]) => key !== 'eventType');
			const matching = lists.filter((items) => items.some((item) => item.eventType === delivery.expect.eventType && JSON.stringify(item[id]) === JSON.stringify(value)));
			if (matching.length !== 1) {
				problems.push(`${delivery.field}: ${matching.length} executions carry its item`);
				continue;
			}
			if (matching[0].length !== 1) problems.push(`${delivery.field}: the execution holds ${matching[0].length} items, expected 1`);
			problems.push(...mismatches(matching[0][0], delivery).map((problem) => `${delivery.field}: ${problem}`));
		}
		return problems;
	});
}

/** Activates the events workflow, runs its checks through the first webhook base, deactivates it. */
async function runNewEvents(run) {
	const events = run.trigger.events;
	if (!events) return;
	const url = `${run.bases[0]}/webhook/${events.webhookPath}`;
	let registered = false;
	await check(run.scope, 'new events: the trigger workflow selecting every new event activates and answers Meta\'s handshake', async () => {
		await run.client.activate(events.workflow.id);
		registered = await waitForRegistration(url);
		return registered ? [] : ['the production webhook did not answer the handshake within 30s'];
	});
	if (registered) {
		const before = (await run.client.executions(events.workflow.id)).length;
		await checkNewEventsRefused(run, url);
		await checkNewEventsEmitted(run, events, url, before);
	}
	await run.client.deactivate(events.workflow.id);
}

module.exports = { eventsTriggerWorkflow, runNewEvents, NEW_EVENTS, DELIVERIES };
