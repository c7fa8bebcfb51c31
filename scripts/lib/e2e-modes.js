'use strict';
/** One e2e run per n8n line and mode: regular (SQLite, one process) and queue mode. */
const fs = require('node:fs');
const path = require('node:path');

const { ROOT, N8N_LINES, ensureN8n, log } = require('./n8n-install');
const { n8nEnv, startN8n, N8nClient, loadFlatted, tail } = require('./n8n-run');
const { workflowFor, operationsUsed } = require('./cases');
const { startSandbox } = require('./sandbox');
const { startCatcher } = require('./catcher');
const instance = require('./instance');
const queue = require('./queue');
const { section, record, check, recordSetupFailure } = require('./e2e-report');
const { runCases, activateCases, checkCredentialTest, checkNodesLoaded } = require('./e2e-cases');
const { runTrigger } = require('./e2e-trigger');
const { loadExamples, runExamples } = require('./e2e-examples');

const E2E_DIR = path.join(ROOT, '.e2e');

function userFolderFor(label) {
	const folder = path.join(E2E_DIR, label);
	fs.rmSync(folder, { recursive: true, force: true });
	fs.mkdirSync(folder, { recursive: true });
	return folder;
}

/** The case workflows and the trigger's, which every run imports. */
function caseWorkflows({ cases, trigger }) {
	const workflows = cases.map(workflowFor);
	if (trigger.workflow) workflows.push(trigger.workflow, trigger.events.workflow, trigger.appFields.workflow);
	return workflows;
}

/** The checks of a regular-mode n8n, once it runs and the owner is signed in. */
async function regularChecks(scope, context, { client, sandbox, catcher, examples, installation, baseUrl }) {
	const { cases, available, trigger } = context;
	await checkNodesLoaded(scope, client);
	await checkCredentialTest(scope, client, sandbox);
	await activateCases(client, cases, available);
	await runCases(scope, { cases, available, sandbox, webhookBase: baseUrl });
	if (trigger.workflow) {
		await runTrigger(scope, { trigger, client, sandbox, bases: [baseUrl], flatted: loadFlatted(installation) });
	} else {
		record(scope, 'trigger checks', 'skipped', trigger.reason);
	}
	if (context.runExamples) await runExamples(scope, { examples, client, sandbox, catcher, trigger, flatted: loadFlatted(installation), webhookBase: baseUrl });
}

/** n8n in its default (regular) mode with SQLite. */
async function runRegular(line, context) {
	const { tarball, cases } = context;
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
		const workflows = [...caseWorkflows(context), ...examples.map(({ file: _file, ...workflow }) => workflow)];
		await instance.prepareInstance({ installation, userFolder, tarball, sandbox, workflows, env, credentials: instance.credentialsFor(sandbox) });
		section(`${scope}: start n8n on port ${port}`);
		n8n = await startN8n(installation, { env, logFile: path.join(userFolder, 'n8n.log') });
		const baseUrl = `http://127.0.0.1:${port}`;
		const client = new N8nClient(baseUrl);
		await client.signIn();
		section(`${scope}: checks`);
		await regularChecks(scope, context, { client, sandbox, catcher, examples, installation, baseUrl });
	} catch (error) {
		recordSetupFailure(scope, error);
		if (n8n) log(tail(n8n.logFile));
	} finally {
		if (n8n) await n8n.stop();
		await sandbox.close();
		await catcher.close();
		if (!context.keep) fs.rmSync(userFolder, { recursive: true, force: true });
	}
}

/** The checks of a queue-mode n8n: cases through a webhook process, run on the worker. */
async function queueChecks(scope, context, { client, sandbox, installation, userFolder, ports }) {
	const { cases, available, trigger } = context;
	await checkCredentialTest(scope, client, sandbox);
	await activateCases(client, cases, available);
	await runCases(scope, { cases, available, sandbox, webhookBase: `http://127.0.0.1:${ports.webhookA}` });
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
		const bases = [ports.webhookA, ports.webhookB].map((port) => `http://127.0.0.1:${port}`);
		await runTrigger(scope, { trigger, client, sandbox, bases, flatted: loadFlatted(installation) });
	} else {
		record(scope, 'trigger checks', 'skipped', trigger.reason);
	}
}

/** Queue mode: Redis + Postgres, main + worker + two webhook processes sharing one user folder. */
async function runQueue(line, context) {
	const { tarball } = context;
	const scope = `n8n ${N8N_LINES[line].version} queue mode`;
	section(`${scope}: Redis, Postgres, main + worker + 2 webhook processes`);
	const installation = await ensureN8n(line);
	const sandbox = await startSandbox({ quiet: true });
	const userFolder = userFolderFor(`n8n-${installation.version}-queue`);
	const services = [];
	const processes = [];
	try {
		const { redis, postgres } = await queue.startServices(userFolder, services);
		const setup = await queue.queueSetup(installation, { userFolder, redis, postgres });
		const credentials = instance.credentialsFor(sandbox);
		await instance.prepareInstance({ installation, userFolder, tarball, sandbox, workflows: caseWorkflows(context), env: setup.mainEnv, credentials });
		await queue.startQueueProcesses(installation, { userFolder, ...setup }, processes);
		const client = new N8nClient(`http://127.0.0.1:${setup.ports.main}`);
		await client.signIn();
		section(`${scope}: checks`);
		await queueChecks(scope, context, { client, sandbox, installation, userFolder, ports: setup.ports });
	} catch (error) {
		recordSetupFailure(scope, error);
		for (const p of processes) log(`--- ${p.logFile}\n${tail(p.logFile, 2000)}`);
	} finally {
		for (const p of processes.reverse()) await p.stop();
		for (const service of services.reverse()) await service.stop();
		await sandbox.close();
		if (!context.keep) fs.rmSync(userFolder, { recursive: true, force: true });
	}
}

module.exports = { runRegular, runQueue };
