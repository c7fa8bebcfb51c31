#!/usr/bin/env node
'use strict';
/**
 * `npm run test:e2e`: this package inside real n8n, headless, on n8n 1.x (Node 20) and 2.x (Node 24),
 * each also in queue mode (main + worker + two webhook processes, Redis and Postgres).
 *
 * For each n8n: install (cached), pack this package and install the tarball as a community
 * package, import credentials pointing at the WABA sandbox and one workflow per case in
 * test/e2e/cases, start n8n, set up the owner, then through n8n itself:
 *   - the credential test passes with the sandbox credential and fails with a wrong token;
 *   - every case's workflow runs through its production webhook and its items and the sandbox's
 *     request log are checked;
 *   - the trigger workflow is activated; Meta's verification handshake, signed ad-click webhooks
 *     (each one execution with the referral's item), a wrongly signed and an unsigned POST (no
 *     execution) and a duplicate delivery (emitted once) are checked.
 *
 * Options: --line 1|2 (repeatable; default both), --no-queue, --queue-only, --keep (leave the
 * user folders in .e2e/ for inspection). Prints "e2e: N passed, N failed, N skipped" last and exits
 * non-zero when anything failed.
 */
const fs = require('node:fs');
const path = require('node:path');

const { ROOT, N8N_LINES, ensureN8n, log } = require('./lib/n8n-install');
const { buildAndPack, n8nEnv, startN8n, N8nClient, sleep, tail } = require('./lib/n8n-run');
const { loadCases, workflowFor, operationsUsed, checkCase, CREDENTIALS, stableId, stableUuid, TRIGGER_TYPE } = require('./lib/cases');
const { startSandbox, seedLeniently, readDemoSeed } = require('./lib/sandbox');
const { adClickPayload, templateStatusPayload } = require('./lib/meta-webhooks');
const { startCatcher } = require('./lib/catcher');
const instance = require('./lib/instance');
const queue = require('./lib/queue');

const E2E_DIR = path.join(ROOT, '.e2e');
const EXAMPLES_DIR = path.join(ROOT, 'examples');
/** Where the examples send their CRM and chat calls; the e2e points them at its own stand-in. */
const EXAMPLE_STAND_IN = 'http://127.0.0.1:5681';
const VERIFY_TOKEN = 'wabm-e2e-verify-token';

const tally = { passed: 0, failed: 0, skipped: 0 };
let showItems = false;
const report = [];

function section(title) {
	log(`\n======== ${title} ========`);
}

function record(scope, name, status, detail = '') {
	tally[status] += 1;
	const mark = { passed: 'PASS', failed: 'FAIL', skipped: 'SKIP' }[status];
	const line = `[${scope}] ${mark} ${name}${detail ? ` - ${detail}` : ''}`;
	report.push(line);
	log(`  ${line}`);
}

async function check(scope, name, fn) {
	try {
		const problems = (await fn()) || [];
		if (problems.length) record(scope, name, 'failed', problems.join('; '));
		else record(scope, name, 'passed');
	} catch (error) {
		record(scope, name, 'failed', String((error && error.stack) || error).split('\n').slice(0, 4).join(' | '));
	}
}

function parseArgs() {
	const args = process.argv.slice(2);
	const lines = [];
	for (let i = 0; i < args.length; i++) if (args[i] === '--line') lines.push(Number(args[++i]));
	return {
		lines: lines.length ? lines : [1, 2],
		queue: !args.includes('--no-queue'),
		queueOnly: args.includes('--queue-only'),
		keep: args.includes('--keep'),
		caseFilter: args.includes('--case') ? args[args.indexOf('--case') + 1] : undefined,
		showItems: args.includes('--show-items'),
	};
}

/** The trigger workflow, or undefined (with the reason) when this build has no trigger node yet. */
function triggerWorkflow() {
	const description = instance.builtTrigger();
	if (!description) return { reason: 'this build has no whatsAppBusinessManagementTrigger node yet (package.json n8n.nodes does not list it)' };
	const node = {
		id: stableUuid('e2e:trigger:node'),
		name: 'Ad Click Trigger',
		type: TRIGGER_TYPE,
		typeVersion: Array.isArray(description.version) ? Math.max(...description.version) : description.version || 1,
		position: [0, 0],
		webhookId: stableUuid('e2e:trigger:webhookId'),
		parameters: instance.triggerParameters(description, { path: 'wabm-e2e-ad-clicks', verifyToken: VERIFY_TOKEN }),
		credentials: { whatsAppBusinessManagementApi: { id: CREDENTIALS.sandbox.id, name: CREDENTIALS.sandbox.name } },
	};
	const workflow = {
		id: stableId('e2e:trigger'),
		name: 'E2E ad click trigger',
		active: false,
		nodes: [node],
		connections: {},
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
	return { workflow, node, webhookPath: instance.triggerWebhookPath(description, node) };
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

function loadFlatted(installation) {
	const candidates = [
		path.join(installation.dir, 'node_modules', 'flatted'),
		path.join(installation.dir, 'node_modules', 'n8n', 'node_modules', 'flatted'),
	];
	for (const candidate of candidates) if (fs.existsSync(candidate)) return require(candidate);
	throw new Error('flatted (n8n\'s run-data format) not found in the n8n install');
}

/**
 * Runs the action cases through `webhookBase` (n8n main, or a webhook process in queue mode).
 */
async function runCases(scope, { cases, available, sandbox, client, webhookBase }) {
	const demoSeed = readDemoSeed();
	for (const testCase of cases) {
		const missing = operationsUsed(testCase).filter((pair) => !available.has(pair));
		if (missing.length) {
			record(scope, `case ${testCase.name}`, 'skipped', `this build has no ${missing.join(', ')} operation yet`);
			continue;
		}
		await check(scope, `case ${testCase.name}: ${testCase.description || ''}`.trim(), async () => {
			sandbox.reset();
			seedLeniently(sandbox, demoSeed);
			if (testCase.seed) {
				const skipped = seedLeniently(sandbox, testCase.seed);
				if (skipped.length) return [`the sandbox has no seeder for ${skipped.join(', ')}`];
			}
			sandbox.clearRequests();
			const { webhookPath } = workflowFor(testCase);
			// n8n 2.x registers an activated workflow's webhooks shortly after the activation request
			// answers; until then n8n says "not registered" and runs nothing, so asking again is safe.
			let response;
			let text;
			for (const deadline = Date.now() + 30000; ; ) {
				response = await fetch(`${webhookBase}/webhook/${webhookPath}`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify(testCase.input || {}),
				});
				text = await response.text();
				if (response.status !== 404 || !text.includes('is not registered') || Date.now() > deadline) break;
				await sleep(500);
			}
			let items;
			try {
				items = JSON.parse(text);
			} catch {
				items = text;
			}
			if (testCase.expect && testCase.expect.error) {
				const problems = [];
				if (response.ok) problems.push(`expected the workflow to fail, n8n answered ${response.status}`);
				return problems;
			}
			if (showItems) log(`     ${testCase.name} -> ${response.status} ${text.slice(0, 800)}`);
			if (!response.ok) return [`n8n answered ${response.status}: ${text.slice(0, 400)}`];
			return checkCase(testCase, Array.isArray(items) ? items : [items], sandbox.requests);
		});
	}
}

async function checkCredentialTest(scope, client, sandbox) {
	const credentials = instance.credentialsFor(sandbox);
	await check(scope, 'credential test passes with the sandbox credential', async () => {
		const result = await client.testCredential(credentials[0]);
		return result && result.status === 'OK' ? [] : [`got ${JSON.stringify(result)}`];
	});
	await check(scope, 'credential test fails with a wrong token, naming error 190', async () => {
		const result = await client.testCredential(credentials[1]);
		const problems = [];
		if (!result || result.status !== 'Error') problems.push(`expected status Error, got ${JSON.stringify(result)}`);
		else if (!/error 190/i.test(result.message)) problems.push(`message does not explain the token: ${result.message}`);
		return problems;
	});
	await check(scope, 'credential test fails for a WABA ID the token cannot read, saying so', async () => {
		const result = await client.testCredential({ ...credentials[0], data: { ...credentials[0].data, businessAccountId: '999999999999999' } });
		const problems = [];
		if (!result || result.status !== 'Error') problems.push(`expected status Error, got ${JSON.stringify(result)}`);
		else if (!/could not find|WABA ID/i.test(result.message)) problems.push(`message does not explain the WABA ID: ${result.message}`);
		return problems;
	});
}

async function checkNodesLoaded(scope, client) {
	await check(scope, 'n8n loaded both nodes and the credential from the community package', async () => {
		const problems = [];
		const nodes = (await client.request('GET', '/types/nodes.json')).json;
		const names = new Set(nodes.map((n) => n.name));
		if (!names.has('n8n-nodes-whatsapp-business-management.whatsAppBusinessManagement')) problems.push('action node missing from /types/nodes.json');
		const trigger = instance.builtTrigger();
		if (trigger && !names.has(TRIGGER_TYPE)) problems.push('trigger node missing from /types/nodes.json');
		const credentials = (await client.request('GET', '/types/credentials.json')).json;
		if (!credentials.some((c) => c.name === 'whatsAppBusinessManagementApi')) problems.push('credential type missing from /types/credentials.json');
		return problems;
	});
}

/**
 * The trigger through n8n's real production webhook: handshake, signed ad clicks, bad signatures,
 * duplicates. `bases` are the HTTP bases that serve production webhooks (two in queue mode).
 */
async function runTrigger(scope, { trigger, client, sandbox, bases, flatted }) {
	const { workflow, webhookPath } = trigger;
	const url = (base) => `${base}/webhook/${webhookPath}`;
	const waitForWebhook = async (target, done, timeoutMs = 30000) => {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			const response = await fetch(`${target}?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1`);
			await response.text();
			if (done(response.status)) return true;
			await sleep(500);
		}
		return false;
	};
	await check(scope, 'trigger workflow activates and subscribes the app with n8n\'s production URL as callback', async () => {
		await client.activate(workflow.id);
		// n8n 2.x registers a published workflow's webhooks a moment after answering the request.
		if (!(await waitForWebhook(url(bases[0]), (status) => status !== 404))) return ['the production webhook was not registered within 30s'];
		const findSubscription = () => sandbox.state.subscribedApps.find((app) => String(app.override_callback_uri || '').endsWith(`/webhook/${webhookPath}`));
		// n8n 2.x may serve the webhook before the trigger's create() has finished subscribing.
		for (let waited = 0; !findSubscription() && waited < 30000; waited += 250) await sleep(250);
		const subscribed = findSubscription();
		const problems = [];
		if (!subscribed) problems.push(`the sandbox holds no subscription to /webhook/${webhookPath}: ${JSON.stringify(sandbox.state.subscribedApps)}`);
		else if (subscribed.verify_token !== VERIFY_TOKEN) problems.push(`subscribed with verify token ${subscribed.verify_token}`);
		return problems;
	});
	await check(scope, 'Meta verification handshake: right token echoes hub.challenge, wrong token is refused', async () => {
		const problems = [];
		const good = await fetch(`${url(bases[0])}?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444`);
		const goodText = await good.text();
		if (good.status !== 200 || goodText.trim() !== '1158201444') problems.push(`right token: ${good.status} ${goodText.slice(0, 200)}`);
		const bad = await fetch(`${url(bases[0])}?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=42`);
		const badText = await bad.text();
		if (bad.status === 200 && badText.trim() === '42') problems.push('a wrong verify token got the challenge back');
		return problems;
	});

	const executionsBefore = (await client.executions(workflow.id)).length;
	const wabaId = sandbox.state.wabaId;
	const first = adClickPayload({ wabaId, messageId: 'wamid.E2E.FIRST', ctwaClid: 'e2e-ctwa-clid-first', from: '16505550001' });
	await check(scope, 'a signed ad-click webhook starts one execution whose item carries the referral', async () => {
		const sent = await sandbox.sendWebhook({ url: url(bases[0]), payload: first });
		if (sent.status !== 200) return [`n8n answered ${sent.status}: ${sent.body.slice(0, 300)}`];
		const list = await waitForExecutions(client, workflow.id, executionsBefore + 1);
		if (list.length !== executionsBefore + 1) return [`expected ${executionsBefore + 1} executions, found ${list.length}`];
		const execution = await client.execution(list[0].id, flatted);
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

	await check(scope, 'two ad-click leads with empty wa_id (business-scoped user IDs) each keep their own name and user ID', async () => {
		const count = (await client.executions(workflow.id)).length;
		const now = Math.floor(Date.now() / 1000);
		const leads = [
			{ name: 'E2E Ana', userId: 'BR.1502576394655843', username: '@e2e.ana', messageId: 'wamid.E2E.BSUID.1', ctwaClid: 'e2e-bsuid-ana', timestamp: now },
			{ name: 'E2E Ben', userId: 'NG.8830016643001177', messageId: 'wamid.E2E.BSUID.2', ctwaClid: 'e2e-bsuid-ben', timestamp: now },
		];
		const sent = await sandbox.sendWebhook({ url: url(bases[0]), event: { kind: 'bsuidLeads', leads } });
		if (sent.status !== 200) return [`n8n answered ${sent.status}: ${sent.body.slice(0, 300)}`];
		const list = await waitForExecutions(client, workflow.id, count + 1);
		const execution = await client.execution(list[0].id, flatted);
		const items = N8nClient.itemsOf(execution, trigger.node.name);
		log(`     BSUID items: ${JSON.stringify(items.map((i) => [i.contactName, i.userId, i.username, i.ctwa_clid]))}`);
		const pairs = JSON.stringify(items.map((item) => [item.contactName, item.userId, item.ctwa_clid]));
		const expected = JSON.stringify(leads.map((lead) => [lead.name, lead.userId, lead.ctwaClid]));
		return pairs === expected ? [] : [`expected ${expected}, got ${pairs}`];
	});

	await check(scope, 'a wrongly signed and an unsigned POST start no execution', async () => {
		const problems = [];
		const count = (await client.executions(workflow.id)).length;
		const payload = adClickPayload({ wabaId, messageId: 'wamid.E2E.FORGED', ctwaClid: 'e2e-forged' });
		const forged = await sandbox.sendWebhook({ url: url(bases[0]), payload, secret: 'not-the-app-secret' });
		const unsigned = await sandbox.sendWebhook({ url: url(bases[0]), payload, signature: null });
		if (forged.status < 400) problems.push(`forged signature answered ${forged.status}`);
		if (unsigned.status < 400) problems.push(`missing signature answered ${unsigned.status}`);
		await sleep(3000);
		const after = (await client.executions(workflow.id)).length;
		if (after !== count) problems.push(`${after - count} execution(s) started`);
		return problems;
	});

	await check(scope, `a duplicate delivery${bases.length > 1 ? ' reaching a second webhook process' : ''} is emitted once`, async () => {
		const count = (await client.executions(workflow.id)).length;
		const payload = adClickPayload({ wabaId, messageId: 'wamid.E2E.DUPLICATE', ctwaClid: 'e2e-duplicate' });
		const body = JSON.stringify(payload);
		const one = await sandbox.sendWebhook({ url: url(bases[0]), rawBody: body });
		await waitForExecutions(client, workflow.id, count + 1);
		const two = await sandbox.sendWebhook({ url: url(bases[bases.length - 1]), rawBody: body });
		const problems = [];
		if (one.status !== 200 || two.status !== 200) problems.push(`deliveries answered ${one.status} and ${two.status} (Meta retries anything but 200)`);
		await sleep(3000);
		const list = await client.executions(workflow.id);
		// A delivery whose referrals were all seen before may start no execution, or one with no items.
		let emitted = 0;
		for (const execution of list.slice(0, list.length - count)) {
			const full = await client.execution(execution.id, flatted);
			emitted += N8nClient.itemsOf(full, trigger.node.name).filter((item) => JSON.stringify(item).includes('e2e-duplicate')).length;
		}
		if (emitted !== 1) problems.push(`the ad click was emitted ${emitted} times`);
		log(`     first delivery answered "${one.body.slice(0, 60)}", the re-delivery "${two.body.slice(0, 60)}"`);
		return problems;
	});

	if (bases.length > 1) {
		await check(scope, 'the same delivery reaching both webhook processes at the same moment is emitted once', async () => {
			const count = (await client.executions(workflow.id)).length;
			const body = JSON.stringify(adClickPayload({ wabaId, messageId: 'wamid.E2E.RACE', ctwaClid: 'e2e-race' }));
			const answers = await Promise.all(bases.map((base) => sandbox.sendWebhook({ url: url(base), rawBody: body })));
			await sleep(4000);
			const list = await waitForExecutions(client, workflow.id, count + 1);
			let emitted = 0;
			for (const execution of list.slice(0, list.length - count)) {
				const full = await client.execution(execution.id, flatted);
				emitted += N8nClient.itemsOf(full, trigger.node.name).filter((item) => JSON.stringify(item).includes('e2e-race')).length;
			}
			log(`     answers: ${answers.map((a) => `${a.status} "${a.body.slice(0, 40)}"`).join(', ')}; ${list.length - count} execution(s) started`);
			return emitted === 1 ? [] : [`the ad click was emitted ${emitted} times`];
		});
	}

	await check(scope, 'deactivating the trigger removes the webhook and the callback override', async () => {
		await client.deactivate(workflow.id);
		const problems = [];
		if (!(await waitForWebhook(url(bases[0]), (status) => status === 404))) problems.push('the production webhook still answers 30s after deactivation');
		const subscribedNow = () => sandbox.state.subscribedApps.some((app) => String(app.override_callback_uri || '').endsWith(`/webhook/${webhookPath}`));
		// n8n 2.x runs the trigger's delete() a moment after it stops serving the webhook.
		for (let waited = 0; subscribedNow() && waited < 30000; waited += 250) await sleep(250);
		if (subscribedNow()) problems.push('the sandbox still sends webhooks to n8n');
		const after = await sandbox.sendWebhook({ url: url(bases[0]), payload: adClickPayload({ wabaId, messageId: 'wamid.E2E.AFTER' }) });
		if (after.status !== 404) problems.push(`n8n answered ${after.status} after deactivation, expected 404`);
		return problems;
	});
}

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
async function checkAutomaticEventsExample(scope, { example, triggerNode, client, sandbox, webhookBase }) {
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

/** The examples/ workflows, run in n8n: the manual ones executed, the trigger ones fed webhooks. */
async function runExamples(scope, { examples, client, sandbox, catcher, trigger, flatted, webhookBase }) {
	const lastItems = (execution) => {
		const runData = execution.data.resultData.runData;
		const names = Object.keys(runData);
		return N8nClient.itemsOf(execution, names[names.length - 1]);
	};
	for (const example of examples) {
		const manual = example.nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger');
		const triggerNode = example.nodes.find((node) => node.type === TRIGGER_TYPE);
		if (manual) {
			await check(scope, `example ${example.file} runs`, async () => {
				sandbox.reset();
				seedLeniently(sandbox, readDemoSeed());
				const execution = await runManually(client, example.id, manual.name, flatted);
				const error = execution.data.resultData.error;
				if (error) return [`the execution failed: ${error.message}`];
				const items = lastItems(execution);
				const problems = [];
				if (!items.length) problems.push('the last node output nothing');
				items.forEach((item, index) => {
					if (item.error !== undefined || item.success === false) problems.push(`item[${index}]: ${JSON.stringify(item).slice(0, 300)}`);
				});
				log(`     ${example.file}: ${JSON.stringify(items).slice(0, 200)}`);
				return problems;
			});
		} else if (triggerNode && trigger.workflow && (triggerNode.parameters.events || []).includes('automaticEvent')) {
			await checkAutomaticEventsExample(scope, { example, triggerNode, client, sandbox, webhookBase });
		} else if (triggerNode && trigger.workflow) {
			await check(scope, `example ${example.file} turns a webhook into calls to the CRM/chat stand-in`, async () => {
				sandbox.reset();
				seedLeniently(sandbox, readDemoSeed());
				catcher.received.length = 0;
				await client.activate(example.id);
				const url = `${webhookBase}/webhook/${instance.triggerWebhookPath(instance.builtTrigger(), triggerNode)}`;
				try {
					const registered = await waitFor(() => sandbox.state.subscribedApps.some((app) => app.override_callback_uri && app.override_callback_uri.endsWith(url.replace(webhookBase, ''))));
					if (!registered) return ['activating the example subscribed no callback'];
					const wabaId = sandbox.state.wabaId;
					const events = (triggerNode.parameters.events || ['adReferral']);
					const payload = events.includes('adReferral')
						? adClickPayload({ wabaId, messageId: `wamid.E2E.${example.id}`, from: '447700900123', name: 'Sam Lee' })
						: templateStatusPayload({ wabaId, event: 'REJECTED', reason: 'INVALID_FORMAT' });
					const sent = await sendOnceRegistered(sandbox, { url, payload });
					if (sent.status !== 200) return [`n8n answered ${sent.status}: ${sent.body.slice(0, 200)}`];
					const expected = events.includes('adReferral') ? ['/crm/leads', '/crm/tasks'] : ['/chat/notify'];
					await waitFor(() => expected.every((p) => catcher.received.some((r) => r.path === p)));
					const problems = [];
					for (const p of expected) if (!catcher.received.some((r) => r.path === p)) problems.push(`nothing reached ${p}`);
					const text = JSON.stringify(catcher.received);
					for (const needle of events.includes('adReferral') ? ['447700900123', 'Sam Lee', '120211111111111111', 'local-1'] : ['order_confirmation', 'INVALID_FORMAT']) {
						if (!text.includes(needle)) problems.push(`the stand-in never saw ${needle}: ${text.slice(0, 400)}`);
					}
					log(`     ${example.file}: ${catcher.received.map((r) => `${r.path} ${JSON.stringify(r.body)}`).join(' | ').slice(0, 400)}`);
					return problems;
				} finally {
					await client.deactivate(example.id);
					await waitFor(() => !sandbox.state.subscribedApps.some((app) => String(app.override_callback_uri || '').endsWith(url.replace(webhookBase, ''))));
				}
			});
		}
	}
}

function userFolderFor(label) {
	const folder = path.join(E2E_DIR, label);
	fs.rmSync(folder, { recursive: true, force: true });
	fs.mkdirSync(folder, { recursive: true });
	return folder;
}

/** n8n in its default (regular) mode with SQLite. */
async function runRegular(line, context) {
	const { tarball, cases, available, trigger } = context;
	const scope = `n8n ${N8N_LINES[line].version}`;
	section(`${scope} on Node ${line === 2 ? 24 : process.versions.node.split('.')[0]}: install`);
	const installation = await ensureN8n(line);
	const sandbox = await startSandbox({ quiet: true });
	const catcher = await startCatcher({ print: () => {} });
	const examples = loadExamples(catcher.url);
	const port = await instance.freePort();
	const userFolder = userFolderFor(`n8n-${installation.version}`);
	const env = n8nEnv(installation, { userFolder, port });
	let n8n;
	try {
		section(`${scope}: install the package, import credentials, ${cases.length} case workflows, the trigger workflow and the examples`);
		const workflows = cases.map(workflowFor);
		if (trigger.workflow) workflows.push(trigger.workflow);
		workflows.push(...examples.map(({ file: _file, ...workflow }) => workflow));
		await instance.prepareInstance({ installation, userFolder, tarball, sandbox, workflows, env });
		section(`${scope}: start n8n on port ${port}`);
		n8n = await startN8n(installation, { env, logFile: path.join(userFolder, 'n8n.log') });
		const baseUrl = `http://127.0.0.1:${port}`;
		const client = new N8nClient(baseUrl);
		await client.signIn();
		section(`${scope}: checks`);
		await checkNodesLoaded(scope, client);
		await checkCredentialTest(scope, client, sandbox);
		for (const testCase of cases) {
			if (operationsUsed(testCase).every((pair) => available.has(pair))) await client.activate(workflowFor(testCase).id);
		}
		await runCases(scope, { cases, available, sandbox, client, webhookBase: baseUrl });
		if (trigger.workflow) {
			await runTrigger(scope, { trigger, client, sandbox, bases: [baseUrl], flatted: loadFlatted(installation) });
		} else {
			record(scope, 'trigger checks', 'skipped', trigger.reason);
		}
		if (context.runExamples) await runExamples(scope, { examples, client, sandbox, catcher, trigger, flatted: loadFlatted(installation), webhookBase: baseUrl });
	} catch (error) {
		record(scope, 'setup', 'failed', String(error.stack || error).split('\n').slice(0, 6).join(' | '));
		if (n8n) log(tail(n8n.logFile));
	} finally {
		if (n8n) await n8n.stop();
		await sandbox.close();
		await catcher.close();
		if (!context.keep) fs.rmSync(userFolder, { recursive: true, force: true });
	}
}

/** Queue mode: Redis + Postgres, main + worker + two webhook processes sharing one user folder. */
async function runQueue(line, context) {
	const { tarball, cases, available, trigger } = context;
	const scope = `n8n ${N8N_LINES[line].version} queue mode`;
	section(`${scope}: Redis, Postgres, main + worker + 2 webhook processes`);
	const installation = await ensureN8n(line);
	const sandbox = await startSandbox({ quiet: true });
	const userFolder = userFolderFor(`n8n-${installation.version}-queue`);
	const services = [];
	const processes = [];
	try {
		const redis = await queue.startRedis(userFolder);
		services.push(redis);
		const postgres = await queue.startPostgres(userFolder);
		services.push(postgres);
		const [mainPort, workerPort, webhookPortA, webhookPortB] = await Promise.all([1, 2, 3, 4].map(() => instance.freePort()));
		const queueEnv = queue.queueEnv({ redis, postgres });
		// Each n8n 2.x process runs its own task broker (for Code nodes); they must not share a port.
		const envFor = (port, extra = {}) =>
			n8nEnv(installation, { userFolder, port, extra: { ...queueEnv, N8N_RUNNERS_BROKER_PORT: String(port + 1000 > 65000 ? port - 1000 : port + 1000), ...extra } });
		// Production webhooks go to the webhook processes only, as in n8n's documented setup.
		const webhookUrl = `http://localhost:${webhookPortA}/`;
		const mainEnv = envFor(mainPort, { N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true', WEBHOOK_URL: webhookUrl, N8N_WEBHOOK_URL: webhookUrl });
		const workflows = cases.map(workflowFor);
		if (trigger.workflow) workflows.push(trigger.workflow);
		await instance.prepareInstance({ installation, userFolder, tarball, sandbox, workflows, env: mainEnv });
		const main = await startN8n(installation, { env: mainEnv, logFile: path.join(userFolder, 'main.log') });
		processes.push(main);
		const client = new N8nClient(`http://127.0.0.1:${mainPort}`);
		await client.signIn();
		const worker = await startN8n(installation, {
			command: 'worker',
			env: envFor(workerPort, { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(workerPort), N8N_WORKER_SERVER_ADDRESS: '127.0.0.1' }),
			logFile: path.join(userFolder, 'worker.log'),
			healthPort: workerPort,
		});
		processes.push(worker);
		for (const [port, name] of [
			[webhookPortA, 'webhook-a'],
			[webhookPortB, 'webhook-b'],
		]) {
			processes.push(await startN8n(installation, { command: 'webhook', env: envFor(port), logFile: path.join(userFolder, `${name}.log`) }));
		}
		section(`${scope}: checks`);
		await checkCredentialTest(scope, client, sandbox);
		for (const testCase of cases) {
			if (operationsUsed(testCase).every((pair) => available.has(pair))) await client.activate(workflowFor(testCase).id);
		}
		await runCases(scope, { cases, available, sandbox, client, webhookBase: `http://127.0.0.1:${webhookPortA}` });
		await check(scope, 'the case executions were enqueued by the webhook process and ran on the worker', async () => {
			const ran = cases.filter((c) => operationsUsed(c).every((pair) => available.has(pair))).length;
			const worker = fs.readFileSync(path.join(userFolder, 'worker.log'), 'utf8');
			const webhook = fs.readFileSync(path.join(userFolder, 'webhook-a.log'), 'utf8');
			const finished = (worker.match(/Worker finished execution/g) || []).length;
			const enqueued = (webhook.match(/Enqueued execution/g) || []).length;
			const problems = [];
			if (finished !== ran) problems.push(`the worker log shows ${finished} finished executions for ${ran} cases`);
			if (enqueued !== ran) problems.push(`the webhook process log shows ${enqueued} enqueued executions for ${ran} cases`);
			return problems;
		});
		if (trigger.workflow) {
			await runTrigger(scope, {
				trigger,
				client,
				sandbox,
				bases: [`http://127.0.0.1:${webhookPortA}`, `http://127.0.0.1:${webhookPortB}`],
				flatted: loadFlatted(installation),
			});
		} else {
			record(scope, 'trigger checks', 'skipped', trigger.reason);
		}
	} catch (error) {
		record(scope, 'setup', 'failed', String(error.stack || error).split('\n').slice(0, 6).join(' | '));
		for (const p of processes) log(`--- ${p.logFile}\n${tail(p.logFile, 2000)}`);
	} finally {
		for (const p of processes.reverse()) await p.stop();
		for (const service of services.reverse()) await service.stop();
		await sandbox.close();
		if (!context.keep) fs.rmSync(userFolder, { recursive: true, force: true });
	}
}

async function main() {
	const options = parseArgs();
	const started = Date.now();
	section('build and pack the package');
	const tarball = buildAndPack();
	const cases = loadCases().filter((c) => !options.caseFilter || c.name.includes(options.caseFilter));
	const available = instance.builtOperations();
	const trigger = triggerWorkflow();
	log(`   ${cases.length} cases in test/e2e/cases; the built node offers ${[...available].join(', ')}`);
	log(`   trigger: ${trigger.workflow ? `present, production webhook /webhook/${trigger.webhookPath}` : `skipped - ${trigger.reason}`}`);
	const context = { tarball, cases, available, trigger, keep: options.keep, runExamples: !options.caseFilter };
	showItems = options.showItems;
	if (!options.queueOnly) for (const line of options.lines) await runRegular(line, context);
	if (options.queue || options.queueOnly) for (const line of options.lines) await runQueue(line, context);

	section('e2e summary');
	for (const line of report) log(`  ${line}`);
	log(`  (${Math.round((Date.now() - started) / 1000)}s)`);
	log(`e2e: ${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped`);
	process.exit(tally.failed ? 1 : 0);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
