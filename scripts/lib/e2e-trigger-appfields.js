'use strict';
/**
 * Options > Subscribe App Webhook Fields through real n8n: a third trigger workflow (Subscribe
 * Automatically plus the option, automatic events and user preferences) activated after the ad-click
 * trigger let go of the WABA's override. Activation must make the sandbox's app subscription point at
 * n8n with both fields while keeping the field the app had; an automatic event the sandbox routes as
 * Meta would (to the app's callback, since automatic_events never goes to an override) must start
 * an execution; deactivation must remove the two fields and keep the other.
 */
const { N8nClient, sleep } = require('./n8n-run');
const instance = require('./instance');
const { check } = require('./e2e-report');

const VERIFY_TOKEN = 'wabm-e2e-app-fields-verify-token';
const ADDED = ['automatic_events', 'user_preferences'];
/** A field the app subscribed before, for another system: activation keeps it, deactivation too. */
const KEPT = 'flows';

function appFieldsTriggerWorkflow(description) {
	return instance.triggerWorkflowOf(description, {
		seed: 'e2e:app-fields-trigger',
		nodeName: 'App Fields Trigger',
		workflowName: 'E2E app webhook fields trigger',
		parameters: { events: ['automaticEvent', 'userPreference'], subscribeAutomatically: true, verifyToken: VERIFY_TOKEN, options: { subscribeAppFields: true } },
	});
}

const wabaSubscription = (sandbox) => sandbox.state.appSubscriptions.find((subscription) => subscription.object === 'whatsapp_business_account');
const fieldNames = (sandbox) => ((wabaSubscription(sandbox) || {}).fields || []).map((field) => field.name).sort();

/** Waits (n8n 2.x runs create() and delete() a moment after answering) until `done()`. */
async function waitUntil(done, timeoutMs = 30000) {
	for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(250)) if (done()) return true;
	return done();
}

async function checkSubscribed(run, appFields) {
	const path = `/webhook/${appFields.webhookPath}`;
	await check(run.scope, 'app webhook fields: activation points the app subscription at n8n with automatic_events and user_preferences, keeping the app\'s other field', async () => {
		await run.client.activate(appFields.workflow.id);
		const ours = () => String((wabaSubscription(run.sandbox) || {}).callback_url || '').endsWith(path) && ADDED.every((field) => fieldNames(run.sandbox).includes(field));
		if (!(await waitUntil(ours))) return [`the app subscription is ${JSON.stringify(run.sandbox.state.appSubscriptions)}`];
		const problems = [];
		const subscription = wabaSubscription(run.sandbox);
		if (subscription.verify_token !== VERIFY_TOKEN) problems.push(`subscribed with verify token ${subscription.verify_token}`);
		if (!fieldNames(run.sandbox).includes(KEPT)) problems.push(`the app's ${KEPT} field was dropped: ${fieldNames(run.sandbox).join(', ')}`);
		return problems;
	});
}

async function checkRoutedEvent(run, appFields) {
	await check(run.scope, 'app webhook fields: an automatic event the sandbox sends to the app\'s callback starts one execution with its item', async () => {
		const before = (await run.client.executions(appFields.workflow.id)).length;
		const event = { kind: 'automaticEvents', events: [{ id: 'wamid.E2E.APPFIELDS.1', eventName: 'LeadSubmitted', ctwaClid: 'e2e-app-fields-clid' }] };
		const sent = await run.sandbox.sendWebhook({ event });
		if (sent.status !== 200) return [`the routed delivery answered ${sent.status} (${sent.body.slice(0, 200)}) at ${sent.url}`];
		let list = [];
		for (const deadline = Date.now() + 30000; Date.now() < deadline && list.length <= before; await sleep(500)) list = await run.client.executions(appFields.workflow.id);
		if (list.length !== before + 1) return [`expected ${before + 1} executions, found ${list.length}`];
		await sleep(1000);
		const items = N8nClient.itemsOf(await run.client.execution(list[0].id, run.flatted), appFields.node.name);
		const item = items[0] || {};
		return items.length === 1 && item.eventType === 'automaticEvent' && item.ctwa_clid === 'e2e-app-fields-clid' ? [] : [`items: ${JSON.stringify(items).slice(0, 400)}`];
	});
}

async function checkUnsubscribed(run, appFields) {
	await check(run.scope, 'app webhook fields: deactivation removes the two fields it added and keeps the other', async () => {
		await run.client.deactivate(appFields.workflow.id);
		const removed = () => !ADDED.some((field) => fieldNames(run.sandbox).includes(field));
		if (!(await waitUntil(removed))) return [`still subscribed: ${fieldNames(run.sandbox).join(', ')}`];
		return fieldNames(run.sandbox).includes(KEPT) ? [] : [`the app's ${KEPT} field was removed too`];
	});
}

/** Runs after the ad-click trigger's deactivation, so this workflow may take the WABA's override. */
async function runAppFields(run) {
	const appFields = run.trigger.appFields;
	if (!appFields) return;
	run.sandbox.seed({ appSubscriptions: [{ callback_url: 'https://crm.example.invalid/meta', fields: [KEPT] }] });
	await checkSubscribed(run, appFields);
	await checkRoutedEvent(run, appFields);
	await checkUnsubscribed(run, appFields);
}

module.exports = { appFieldsTriggerWorkflow, runAppFields };
