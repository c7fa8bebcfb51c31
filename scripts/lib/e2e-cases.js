'use strict';
/** The e2e checks of the action node: n8n loaded the package, the credential test, every case. */
const { log } = require('./n8n-install');
const { sleep } = require('./n8n-run');
const { workflowFor, operationsUsed, checkCase, TRIGGER_TYPE } = require('./cases');
const { seedLeniently, readDemoSeed } = require('./sandbox');
const instance = require('./instance');
const { options, record, check } = require('./e2e-report');

/** POSTs the case's input to its production webhook; resolves with n8n's status and body text. */
async function postCase(webhookBase, testCase) {
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
	return { response, text };
}

/** One case: the sandbox seeded afresh, the workflow run, its items and requests checked. */
async function runCase(testCase, { sandbox, webhookBase, demoSeed }) {
	sandbox.reset();
	seedLeniently(sandbox, demoSeed);
	if (testCase.seed) {
		const skipped = seedLeniently(sandbox, testCase.seed);
		if (skipped.length) return [`the sandbox has no seeder for ${skipped.join(', ')}`];
	}
	sandbox.clearRequests();
	const { response, text } = await postCase(webhookBase, testCase);
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
	if (options.showItems) log(`     ${testCase.name} -> ${response.status} ${text.slice(0, 800)}`);
	if (!response.ok) return [`n8n answered ${response.status}: ${text.slice(0, 400)}`];
	return checkCase(testCase, Array.isArray(items) ? items : [items], sandbox.requests);
}

/**
 * Runs the action cases through `webhookBase` (n8n main, or a webhook process in queue mode).
 */
async function runCases(scope, { cases, available, sandbox, webhookBase }) {
	const demoSeed = readDemoSeed();
	for (const testCase of cases) {
		const missing = operationsUsed(testCase).filter((pair) => !available.has(pair));
		if (missing.length) {
			record(scope, `case ${testCase.name}`, 'skipped', `this build has no ${missing.join(', ')} operation yet`);
			continue;
		}
		await check(scope, `case ${testCase.name}: ${testCase.description || ''}`.trim(), () => runCase(testCase, { sandbox, webhookBase, demoSeed }));
	}
}

/** Activates the workflow of every case whose operations this build offers. */
async function activateCases(client, cases, available) {
	for (const testCase of cases) {
		if (operationsUsed(testCase).every((pair) => available.has(pair))) await client.activate(workflowFor(testCase).id);
	}
}

async function checkCredentialTest(scope, client, sandbox) {
	const [working, wrongToken] = instance.credentialsFor(sandbox);
	await check(scope, 'credential test passes with the sandbox credential', async () => {
		const result = await client.testCredential(working);
		return result && result.status === 'OK' ? [] : [`got ${JSON.stringify(result)}`];
	});
	await check(scope, 'credential test fails with a wrong token, naming error 190', async () => {
		const result = await client.testCredential(wrongToken);
		const problems = [];
		if (!result || result.status !== 'Error') problems.push(`expected status Error, got ${JSON.stringify(result)}`);
		else if (!/error 190/i.test(result.message)) problems.push(`message does not explain the token: ${result.message}`);
		return problems;
	});
	await check(scope, 'credential test fails for a WABA ID the token cannot read, saying so', async () => {
		const result = await client.testCredential({ ...working, data: { ...working.data, businessAccountId: '999999999999999' } });
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

module.exports = { runCases, activateCases, checkCredentialTest, checkNodesLoaded };
