'use strict';
/**
 * The e2e checks of the trigger through n8n's real production webhook: activation and subscription,
 * Meta's handshake, signed ad clicks, bad signatures, the webhook events of issue 16 (their own
 * workflow, e2e-trigger-events.js), duplicates, deactivation, then Subscribe App Webhook Fields (a
 * third workflow, e2e-trigger-appfields.js).
 */
const { log } = require('./n8n-install');
const { N8nClient, sleep } = require('./n8n-run');
const { adClickPayload } = require('./meta-webhooks');
const instance = require('./instance');
const { check } = require('./e2e-report');
const { eventsTriggerWorkflow, runNewEvents } = require('./e2e-trigger-events');
const { appFieldsTriggerWorkflow, runAppFields } = require('./e2e-trigger-appfields');

const VERIFY_TOKEN = 'wabm-e2e-verify-token';

/** The trigger workflow, or undefined (with the reason) when this build has no trigger node yet. */
function triggerWorkflow() {
	const description = instance.builtTrigger();
	if (!description) return { reason: 'this build has no whatsAppBusinessManagementTrigger node yet (package.json n8n.nodes does not list it)' };
	const trigger = instance.triggerWorkflowOf(description, {
		seed: 'e2e:trigger',
		nodeName: 'Ad Click Trigger',
		workflowName: 'E2E ad click trigger',
		parameters: instance.triggerParameters(description, { path: 'wabm-e2e-ad-clicks', verifyToken: VERIFY_TOKEN }),
	});
	return { ...trigger, events: eventsTriggerWorkflow(description), appFields: appFieldsTriggerWorkflow(description) };
}

async function waitForExecutions(client, workflowId, count, { timeoutMs = 30000 } = {}) {
	const deadline = Date.now() + timeoutMs;
	let list = [];
	while (Date.now() < deadline) {
		list = await client.executions(workflowId);
		if (list.length >= count && list.slice(0, count).every((e) => e.finished || e.status === 'success' || e.status === 'error' || e.stoppedAt)) {
			return list;
		}
		await sleep(500);
	}
	return list;
}

/** Asks the webhook's GET (Meta's handshake) until `done(status)`; false after the timeout. */
async function waitForWebhook(target, done, timeoutMs = 30000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const response = await fetch(`${target}?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1`);
		await response.text();
		if (done(response.status)) return true;
		await sleep(500);
	}
	return false;
}

/** How many items carrying `needle` the trigger emitted in the executions newer than the first `before`. */
async function emittedWith(run, list, before, needle) {
	let emitted = 0;
	for (const execution of list.slice(0, list.length - before)) {
		const full = await run.client.execution(execution.id, run.flatted);
		emitted += N8nClient.itemsOf(full, run.trigger.node.name).filter((item) => JSON.stringify(item).includes(needle)).length;
	}
	return emitted;
}

const subscribedTo = (sandbox, webhookPath) =>
	sandbox.state.subscribedApps.find((app) => String(app.override_callback_uri || '').endsWith(`/webhook/${webhookPath}`));

async function checkActivation(run) {
	const { scope, client, sandbox, trigger } = run;
	await check(scope, 'trigger workflow activates and subscribes the app with n8n\'s production URL as callback', async () => {
		await client.activate(trigger.workflow.id);
		// n8n 2.x registers a published workflow's webhooks a moment after answering the request.
		if (!(await waitForWebhook(run.url(0), (status) => status !== 404))) return ['the production webhook was not registered within 30s'];
		// n8n 2.x may serve the webhook before the trigger's create() has finished subscribing.
		for (let waited = 0; !subscribedTo(sandbox, trigger.webhookPath) && waited < 30000; waited += 250) await sleep(250);
		const subscribed = subscribedTo(sandbox, trigger.webhookPath);
		const problems = [];
		if (!subscribed) problems.push(`the sandbox holds no subscription to /webhook/${trigger.webhookPath}: ${JSON.stringify(sandbox.state.subscribedApps)}`);
		else if (subscribed.verify_token !== VERIFY_TOKEN) problems.push(`subscribed with verify token ${subscribed.verify_token}`);
		return problems;
	});
	await check(scope, 'Meta verification handshake: right token echoes hub.challenge, wrong token is refused', async () => {
		const problems = [];
		const good = await fetch(`${run.url(0)}?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444`);
		const goodText = await good.text();
		if (good.status !== 200 || goodText.trim() !== '1158201444') problems.push(`right token: ${good.status} ${goodText.slice(0, 200)}`);
		const bad = await fetch(`${run.url(0)}?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=42`);
		const badText = await bad.text();
		if (bad.status === 200 && badText.trim() === '42') problems.push('a wrong verify token got the challenge back');
		return problems;
	});
}

async function checkSignedDeliveries(run) {
	const { scope, client, sandbox, trigger } = run;
	const workflowId = trigger.workflow.id;
	const executionsBefore = (await client.executions(workflowId)).length;
	const wabaId = sandbox.state.wabaId;
	const first = adClickPayload({ wabaId, messageId: 'wamid.E2E.FIRST', ctwaClid: 'e2e-ctwa-clid-first', from: '16505550001' });
	await check(scope, 'a signed ad-click webhook starts one execution whose item carries the referral', async () => {
		const sent = await sandbox.sendWebhook({ url: run.url(0), payload: first });
		if (sent.status !== 200) return [`n8n answered ${sent.status}: ${sent.body.slice(0, 300)}`];
		const list = await waitForExecutions(client, workflowId, executionsBefore + 1);
		if (list.length !== executionsBefore + 1) return [`expected ${executionsBefore + 1} executions, found ${list.length}`];
		const execution = await client.execution(list[0].id, run.flatted);
		const items = N8nClient.itemsOf(execution, trigger.node.name);
		log(`     trigger item: ${JSON.stringify(items[0]).slice(0, 600)}`);
		const problems = [];
		if (items.length !== 1) problems.push(`expected 1 item, got ${items.length}: ${JSON.stringify(items).slice(0, 400)}`);
		const text = JSON.stringify(items);
		for (const needle of ['e2e-ctwa-clid-first', '16505550001', '120211111111111111', 'wamid.E2E.FIRST']) {
			if (!text.includes(needle)) problems.push(`the item does not carry ${needle}: ${text.slice(0, 400)}`);
		}
		return problems;
	});

	await check(scope, 'a wrongly signed and an unsigned POST start no execution', async () => {
		const problems = [];
		const count = (await client.executions(workflowId)).length;
		const payload = adClickPayload({ wabaId, messageId: 'wamid.E2E.FORGED', ctwaClid: 'e2e-forged' });
		const forged = await sandbox.sendWebhook({ url: run.url(0), payload, secret: 'not-the-app-secret' });
		const unsigned = await sandbox.sendWebhook({ url: run.url(0), payload, signature: null });
		if (forged.status < 400) problems.push(`forged signature answered ${forged.status}`);
		if (unsigned.status < 400) problems.push(`missing signature answered ${unsigned.status}`);
		await sleep(3000);
		const after = (await client.executions(workflowId)).length;
		if (after !== count) problems.push(`${after - count} execution(s) started`);
		return problems;
	});
}

/** Leads whose wa_id is empty (business-scoped user IDs): each item keeps its own contact. */
async function checkBusinessScopedLeads(run) {
	const { scope, client, sandbox, trigger } = run;
	const workflowId = trigger.workflow.id;
	await check(scope, 'two ad-click leads with empty wa_id (business-scoped user IDs) each keep their own name and user ID', async () => {
		const count = (await client.executions(workflowId)).length;
		const now = Math.floor(Date.now() / 1000);
		const leads = [
			{ name: 'E2E Ana', userId: 'BR.1502576394655843', username: '@e2e.ana', messageId: 'wamid.E2E.BSUID.1', ctwaClid: 'e2e-bsuid-ana', timestamp: now },
			{ name: 'E2E Ben', userId: 'NG.8830016643001177', messageId: 'wamid.E2E.BSUID.2', ctwaClid: 'e2e-bsuid-ben', timestamp: now },
		];
		const sent = await sandbox.sendWebhook({ url: run.url(0), event: { kind: 'bsuidLeads', leads } });
		if (sent.status !== 200) return [`n8n answered ${sent.status}: ${sent.body.slice(0, 300)}`];
		const list = await waitForExecutions(client, workflowId, count + 1);
		const execution = await client.execution(list[0].id, run.flatted);
		const items = N8nClient.itemsOf(execution, trigger.node.name);
		log(`     BSUID items: ${JSON.stringify(items.map((i) => [i.contactName, i.userId, i.username, i.ctwa_clid]))}`);
		const pairs = JSON.stringify(items.map((item) => [item.contactName, item.userId, item.ctwa_clid]));
		const expected = JSON.stringify(leads.map((lead) => [lead.name, lead.userId, lead.ctwaClid]));
		return pairs === expected ? [] : [`expected ${expected}, got ${pairs}`];
	});
}

async function checkDuplicates(run) {
	const { scope, client, sandbox, trigger, bases } = run;
	const workflowId = trigger.workflow.id;
	const wabaId = sandbox.state.wabaId;
	await check(scope, `a duplicate delivery${bases.length > 1 ? ' reaching a second webhook process' : ''} is emitted once`, async () => {
		const count = (await client.executions(workflowId)).length;
		const payload = adClickPayload({ wabaId, messageId: 'wamid.E2E.DUPLICATE', ctwaClid: 'e2e-duplicate' });
		const body = JSON.stringify(payload);
		const one = await sandbox.sendWebhook({ url: run.url(0), rawBody: body });
		await waitForExecutions(client, workflowId, count + 1);
		const two = await sandbox.sendWebhook({ url: run.url(bases.length - 1), rawBody: body });
		const problems = [];
		if (one.status !== 200 || two.status !== 200) problems.push(`deliveries answered ${one.status} and ${two.status} (Meta retries anything but 200)`);
		await sleep(3000);
		const list = await client.executions(workflowId);
		// A delivery whose referrals were all seen before may start no execution, or one with no items.
		const emitted = await emittedWith(run, list, count, 'e2e-duplicate');
		if (emitted !== 1) problems.push(`the ad click was emitted ${emitted} times`);
		log(`     first delivery answered "${one.body.slice(0, 60)}", the re-delivery "${two.body.slice(0, 60)}"`);
		return problems;
	});
	if (bases.length < 2) return;
	await check(scope, 'the same delivery reaching both webhook processes at the same moment is emitted once', async () => {
		const count = (await client.executions(workflowId)).length;
		const body = JSON.stringify(adClickPayload({ wabaId, messageId: 'wamid.E2E.RACE', ctwaClid: 'e2e-race' }));
		const answers = await Promise.all(bases.map((_, index) => sandbox.sendWebhook({ url: run.url(index), rawBody: body })));
		await sleep(4000);
		const list = await waitForExecutions(client, workflowId, count + 1);
		const emitted = await emittedWith(run, list, count, 'e2e-race');
		log(`     answers: ${answers.map((a) => `${a.status} "${a.body.slice(0, 40)}"`).join(', ')}; ${list.length - count} execution(s) started`);
		return emitted === 1 ? [] : [`the ad click was emitted ${emitted} times`];
	});
}

async function checkDeactivation(run) {
	const { scope, client, sandbox, trigger } = run;
	await check(scope, 'deactivating the trigger removes the webhook and the callback override', async () => {
		await client.deactivate(trigger.workflow.id);
		const problems = [];
		if (!(await waitForWebhook(run.url(0), (status) => status === 404))) problems.push('the production webhook still answers 30s after deactivation');
		// n8n 2.x runs the trigger's delete() a moment after it stops serving the webhook.
		for (let waited = 0; subscribedTo(sandbox, trigger.webhookPath) && waited < 30000; waited += 250) await sleep(250);
		if (subscribedTo(sandbox, trigger.webhookPath)) problems.push('the sandbox still sends webhooks to n8n');
		const payload = adClickPayload({ wabaId: sandbox.state.wabaId, messageId: 'wamid.E2E.AFTER' });
		const after = await sandbox.sendWebhook({ url: run.url(0), payload });
		if (after.status !== 404) problems.push(`n8n answered ${after.status} after deactivation, expected 404`);
		return problems;
	});
}

/**
 * The trigger through n8n's real production webhook: handshake, signed ad clicks, bad signatures,
 * duplicates. `bases` are the HTTP bases that serve production webhooks (two in queue mode).
 */
async function runTrigger(scope, { trigger, client, sandbox, bases, flatted }) {
	const run = { scope, trigger, client, sandbox, bases, flatted, url: (index) => `${bases[index]}/webhook/${trigger.webhookPath}` };
	await checkActivation(run);
	await checkSignedDeliveries(run);
	await checkBusinessScopedLeads(run);
	await runNewEvents(run);
	await checkDuplicates(run);
	await checkDeactivation(run);
	await runAppFields(run);
}

module.exports = { triggerWorkflow, runTrigger, waitForExecutions };
