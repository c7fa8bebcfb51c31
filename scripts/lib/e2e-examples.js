'use strict';
/** The examples/ workflows in n8n: the manual ones executed, the trigger ones fed webhooks. */
const fs = require('node:fs');
const path = require('node:path');

const { ROOT, log } = require('./n8n-install');
const { N8nClient, sleep } = require('./n8n-run');
const { TRIGGER_TYPE } = require('./cases');
const { seedLeniently, readDemoSeed } = require('./sandbox');
const { adClickPayload, templateStatusPayload } = require('./meta-webhooks');
const instance = require('./instance');
const { check } = require('./e2e-report');

const EXAMPLES_DIR = path.join(ROOT, 'examples');
/** Where the examples send their CRM and chat calls; the e2e points them at its own stand-in. */
const EXAMPLE_STAND_IN = 'http://127.0.0.1:5681';

/**
 * Examples that show a failure on purpose: the items of the last node expected to be error items,
 * by index, with the Meta code each carries. Every other item must succeed.
 */
const EXPECTED_ERROR_ITEMS = {
	// The second number has a two-step PIN other than the one given: Meta's 133005.
	'bulk-register-numbers.json': { count: 2, errors: { 1: 133005 } },
};

/** The example workflows, with their CRM/chat URLs pointed at `standInUrl`. */
function loadExamples(standInUrl) {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => ({ file, ...JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8').split(EXAMPLE_STAND_IN).join(standInUrl)) }));
}

/** Runs a workflow as the editor's "Execute workflow" button does; resolves with the finished execution. */
async function runManually(client, workflowId, triggerName, flatted) {
	const workflowData = await client.getWorkflow(workflowId);
	const { json } = await client.request('POST', `/rest/workflows/${workflowId}/run`, { workflowData, triggerToStartFrom: { name: triggerName } });
	const executionId = json.data && json.data.executionId;
	if (!executionId) throw new Error(`n8n started no execution: ${JSON.stringify(json).slice(0, 300)}`);
	for (const deadline = Date.now() + 60000; Date.now() < deadline; ) {
		const execution = await client.execution(executionId, flatted);
		if (execution.finished || execution.stoppedAt) return execution;
		await sleep(500);
	}
	throw new Error(`execution ${executionId} did not finish within 60s`);
}

async function waitFor(predicate, timeoutMs = 30000) {
	for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; ) {
		if (predicate()) return true;
		await sleep(250);
	}
	return predicate();
}

const lastItems = (execution) => {
	const names = Object.keys(execution.data.resultData.runData);
	return N8nClient.itemsOf(execution, names[names.length - 1]);
};

/** The problems with a manual example's last items: every item succeeds but the expected error items. */
function lastItemProblems(file, items) {
	const expected = EXPECTED_ERROR_ITEMS[file] || { errors: {} };
	const problems = [];
	if (!items.length) problems.push('the last node output nothing');
	if (expected.count !== undefined && items.length !== expected.count) problems.push(`expected ${expected.count} items, got ${items.length}`);
	items.forEach((item, index) => {
		const failed = item.error !== undefined || item.success === false;
		const code = expected.errors[index];
		if (code === undefined && failed) problems.push(`item[${index}]: ${JSON.stringify(item).slice(0, 300)}`);
		if (code !== undefined && (item.error === undefined || item.metaCode !== code)) {
			problems.push(`item[${index}] should be an error item with Meta code ${code}: ${JSON.stringify(item).slice(0, 300)}`);
		}
	});
	return problems;
}

async function checkManualExample(scope, example, manual, { client, sandbox, flatted }) {
	await check(scope, `example ${example.file} runs`, async () => {
		sandbox.reset();
		seedLeniently(sandbox, readDemoSeed());
		const execution = await runManually(client, example.id, manual.name, flatted);
		const error = execution.data.resultData.error;
		if (error) return [`the execution failed: ${error.message}`];
		const items = lastItems(execution);
		log(`     ${example.file}: ${JSON.stringify(items).slice(0, 400)}`);
		return lastItemProblems(example.file, items);
	});
}

/**
 * What a trigger example must make reach the CRM/chat stand-in, by file; the others follow their
 * events (ad referral: a lead and a task; template status: a chat notification). The follow-up
 * example's last call comes from the status webhooks of the template it sent.
 */
const LEAD_ID = Symbol('the id the stand-in gave the lead');
const EXAMPLE_EXPECTATIONS = {
	'ad-click-template-follow-up.json': {
		paths: ['/crm/leads', '/crm/leads/messages', '/crm/leads/status'],
		needles: ['447700900123', 'Sam Lee', LEAD_ID, 'wamid.', '"status":"read"'],
	},
};

function exampleExpectations(file, adClick) {
	if (EXAMPLE_EXPECTATIONS[file]) return EXAMPLE_EXPECTATIONS[file];
	return adClick
		? { paths: ['/crm/leads', '/crm/tasks'], needles: ['447700900123', 'Sam Lee', '120211111111111111', LEAD_ID] }
		: { paths: ['/chat/notify'], needles: ['order_confirmation', 'INVALID_FORMAT'] };
}

/** The stand-in's ids count up over the whole run: a needle LEAD_ID is the id it gave this example's lead. */
function resolveNeedles(needles, received) {
	const lead = received.find((entry) => entry.path === '/crm/leads');
	return needles.map((needle) => (needle === LEAD_ID ? `"${lead ? lead.id : 'no lead created'}"` : needle));
}

/** Sends a webhook, again every 500 ms while n8n answers 404 (it registers an activated workflow's webhooks a moment later), for up to 30 s. */
async function sendOnceRegistered(sandbox, delivery) {
	for (const deadline = Date.now() + 30000; ; ) {
		const sent = await sandbox.sendWebhook(delivery);
		if (sent.status !== 404 || Date.now() > deadline) return sent;
		await sleep(500);
	}
}

/**
 * The automatic_events example: a signed automatic_events webhook (a lead and a purchase Meta
 * detected) reaches the activated trigger, and its Send Event node reports both to the WABA's dataset.
 */
async function checkAutomaticEventsExample(scope, example, triggerNode, { client, sandbox, webhookBase }) {
	await check(scope, `example ${example.file} turns an automatic_events webhook into Conversions API events`, async () => {
		sandbox.reset();
		seedLeniently(sandbox, readDemoSeed());
		sandbox.seed({ datasets: [{ id: '7700000000001', name: 'Sandbox Motors dataset' }] });
		await client.activate(example.id);
		const url = `${webhookBase}/webhook/${instance.triggerWebhookPath(instance.builtTrigger(), triggerNode)}`;
		try {
			const now = Math.floor(Date.now() / 1000);
			const event = {
				kind: 'automaticEvents',
				events: [
					{ id: `wamid.E2E.AE.${example.id}.1`, eventName: 'LeadSubmitted', ctwaClid: 'e2e-auto-lead', timestamp: now - 60 },
					{ id: `wamid.E2E.AE.${example.id}.2`, eventName: 'Purchase', ctwaClid: 'e2e-auto-purchase', timestamp: now - 30, value: 42.5, currency: 'EUR' },
				],
			};
			const sent = await sendOnceRegistered(sandbox, { url, event });
			if (sent.status !== 200) return [`n8n answered ${sent.status}: ${sent.body.slice(0, 200)}`];
			const posted = () => sandbox.requestsTo('POST', '/events').flatMap((request) => (request.body && request.body.data) || []);
			await waitFor(() => posted().length >= 2);
			const events = posted();
			log(`     ${example.file}: ${JSON.stringify(events).slice(0, 400)}`);
			const problems = [];
			const lead = events.find((e) => e.event_name === 'LeadSubmitted');
			const purchase = events.find((e) => e.event_name === 'Purchase');
			if (!lead || lead.user_data.ctwa_clid !== 'e2e-auto-lead') problems.push(`no LeadSubmitted keyed by e2e-auto-lead: ${JSON.stringify(events).slice(0, 300)}`);
			if (!purchase || purchase.user_data.ctwa_clid !== 'e2e-auto-purchase' || !purchase.custom_data || purchase.custom_data.value !== 42.5 || purchase.custom_data.currency !== 'EUR') {
				problems.push(`no Purchase of 42.5 EUR keyed by e2e-auto-purchase: ${JSON.stringify(events).slice(0, 300)}`);
			}
			return problems;
		} finally {
			await client.deactivate(example.id);
		}
	});
}

/** Sends the example's webhook and checks what reached the CRM/chat stand-in. */
async function deliverToExample({ sandbox, catcher }, example, triggerNode, url) {
	const wabaId = sandbox.state.wabaId;
	const events = triggerNode.parameters.events || ['adReferral'];
	const adClick = events.includes('adReferral');
	const payload = adClick
		? adClickPayload({ wabaId, messageId: `wamid.E2E.${example.id}`, from: '447700900123', name: 'Sam Lee' })
		: templateStatusPayload({ wabaId, event: 'REJECTED', reason: 'INVALID_FORMAT' });
	const sent = await sendOnceRegistered(sandbox, { url, payload });
	if (sent.status !== 200) return [`n8n answered ${sent.status}: ${sent.body.slice(0, 200)}`];
	const { paths: expected, needles: wanted } = exampleExpectations(example.file, adClick);
	// The bodies only: the lead's id must come back in a later call, not just as its own id.
	const text = () => JSON.stringify(catcher.received.map((r) => r.body));
	const needles = () => resolveNeedles(wanted, catcher.received);
	await waitFor(() => expected.every((p) => catcher.received.some((r) => r.path === p)) && needles().every((needle) => text().includes(needle)));
	const problems = [];
	for (const p of expected) if (!catcher.received.some((r) => r.path === p)) problems.push(`nothing reached ${p}`);
	for (const needle of needles()) {
		if (!text().includes(needle)) problems.push(`the stand-in never saw ${needle}: ${text().slice(0, 400)}`);
	}
	log(`     ${example.file}: ${catcher.received.map((r) => `${r.path} ${JSON.stringify(r.body)}`).join(' | ').slice(0, 400)}`);
	return problems;
}

async function checkTriggerExample(scope, example, triggerNode, context) {
	const { client, sandbox, catcher, webhookBase } = context;
	await check(scope, `example ${example.file} turns a webhook into calls to the CRM/chat stand-in`, async () => {
		sandbox.reset();
		seedLeniently(sandbox, readDemoSeed());
		catcher.received.length = 0;
		await client.activate(example.id);
		const url = `${webhookBase}/webhook/${instance.triggerWebhookPath(instance.builtTrigger(), triggerNode)}`;
		const callbackPath = url.replace(webhookBase, '');
		const subscribed = () => sandbox.state.subscribedApps.some((app) => String(app.override_callback_uri || '').endsWith(callbackPath));
		try {
			const registered = await waitFor(() => sandbox.state.subscribedApps.some((app) => app.override_callback_uri && app.override_callback_uri.endsWith(callbackPath)));
			if (!registered) return ['activating the example subscribed no callback'];
			return await deliverToExample(context, example, triggerNode, url);
		} finally {
			await client.deactivate(example.id);
			await waitFor(() => !subscribed());
		}
	});
}

/** The examples/ workflows, run in n8n: the manual ones executed, the trigger ones fed webhooks. */
async function runExamples(scope, context) {
	for (const example of context.examples) {
		const manual = example.nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger');
		const triggerNode = example.nodes.find((node) => node.type === TRIGGER_TYPE);
		if (manual) await checkManualExample(scope, example, manual, context);
		else if (triggerNode && context.trigger.workflow && (triggerNode.parameters.events || []).includes('automaticEvent')) {
			await checkAutomaticEventsExample(scope, example, triggerNode, context);
		} else if (triggerNode && context.trigger.workflow) await checkTriggerExample(scope, example, triggerNode, context);
	}
}

module.exports = { loadExamples, runExamples };
