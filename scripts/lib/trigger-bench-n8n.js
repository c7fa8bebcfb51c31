'use strict';
/**
 * `npm run bench -- n8n`: the trigger in a real n8n 1.123 with this package installed as a
 * community package (scripts/lib/n8n-run.js), executions saved.
 * - Regular mode (SQLite): our trigger and n8n's Webhook node (plain, and with Header Auth: the same
 *   credential work as our signature check) active side by side, the same signed POSTs alternating;
 *   the 1,000-message batch case; then re-delivery across a restart.
 * - Queue mode (Postgres, Redis, main + worker + two webhook processes): re-delivery across a
 *   restart, each delivery and its re-delivery sent to different webhook processes.
 * WABM_BENCH_SCALE (default 1) scales every count down for a quick try.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const { ensureN8n, log } = require('./n8n-install');
const { buildAndPack, n8nCli, n8nEnv, startN8n, N8nClient, loadFlatted, sleep } = require('./n8n-run');
const instance = require('./instance');
const queue = require('./queue');
const { startSandbox, sandboxCredentialData } = require('./sandbox');
const load = require('./trigger-load');
const { allExecutions, executionCounts } = require('./execution-list');

const SCALE = Number(process.env.WABM_BENCH_SCALE) || 1;
const scaled = (count) => Math.max(2, Math.round(count * SCALE));
const RATE = { rounds: 4, perRound: scaled(200), concurrency: 8 };
const BATCH = { rounds: 2, perRound: scaled(10), concurrency: 1, messages: 1000 };
const REDELIVERY = { deliveries: scaled(800), concurrency: 8 };

function benchFolder(label) {
	const folder = path.join(os.tmpdir(), 'wabm-bench-n8n', label);
	fs.rmSync(folder, { recursive: true, force: true });
	fs.mkdirSync(folder, { recursive: true });
	return folder;
}

/** The package, the sandbox credentials, the header-auth credential and the workflows. */
async function prepare({ installation, userFolder, tarball, sandbox, workflows, env }) {
	await instance.prepareInstance({ installation, userFolder, tarball, sandbox, workflows, env });
	const file = path.join(userFolder, 'import', 'header-credential.json');
	const { id, name, header, value } = load.HEADER_AUTH;
	fs.writeFileSync(file, JSON.stringify([{ id, name, type: 'httpHeaderAuth', data: { name: header, value } }]));
	await n8nCli(installation, ['import:credentials', `--input=${file}`], env);
}

/** Waits until `count` executions of the workflow exist and none is still running. */
async function waitForExecutions(client, workflowId, count, timeoutMs = 8 * 60 * 1000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const { total, unfinished } = await executionCounts(client, workflowId);
		if (total >= count && unfinished === 0) return total;
		await sleep(1000);
	}
	throw new Error(`fewer than ${count} finished executions of ${workflowId} after ${timeoutMs / 1000} s`);
}

/** Every event the trigger emitted, over all executions of the workflow: how many, how many distinct. */
async function emittedEvents(client, workflowId, nodeName, flatted) {
	const executions = await allExecutions(client, workflowId);
	const executionsOf = new Map();
	let items = 0;
	let failed = 0;
	let next = 0;
	const fetchLoop = async () => {
		while (next < executions.length) {
			const summary = executions[next++];
			if (summary.status !== 'success') failed++;
			const execution = await client.execution(summary.id, flatted);
			for (const item of N8nClient.itemsOf(execution, nodeName)) {
				items++;
				executionsOf.set(item.messageId, [...(executionsOf.get(item.messageId) || []), summary.id]);
			}
		}
	};
	await Promise.all(Array.from({ length: 8 }, fetchLoop));
	// Which executions emitted an event twice, so that a non-zero count can be looked into.
	const repeated = [...executionsOf].filter(([, ids]) => ids.length > 1).slice(0, 10);
	if (repeated.length > 0) log(`   emitted more than once (message ID: execution IDs): ${JSON.stringify(Object.fromEntries(repeated))}`);
	return { executions: executions.length, failed, items, distinct: executionsOf.size, twice: items - executionsOf.size };
}

/** How many delivery IDs n8n's deduplication store holds for the workflow (table processed_data). */
function storedDeliveries(database, workflowId) {
	const sql = `SELECT value FROM processed_data WHERE "workflowId" = '${workflowId}'`;
	const output = database.postgres
		? execFileSync('psql', ['-h', '127.0.0.1', '-p', String(database.postgres.port), '-U', 'postgres', '-d', 'n8n', '-At', '-c', sql], { encoding: 'utf8' })
		: execFileSync('sqlite3', [database.sqlite, sql], { encoding: 'utf8' });
	return output
		.split('\n')
		.filter(Boolean)
		.reduce((sum, row) => sum + (JSON.parse(row).data || []).length, 0);
}

const redeliveryBatch = (appSecret) => Array.from({ length: REDELIVERY.deliveries }, (_, index) => load.singleMessage(`redelivery-${index}`, appSecret));

/** Sends every delivery, alternating between the URLs (delivery i to urls[i % urls.length]). */
async function deliverAcross(urls, deliveries) {
	const groups = urls.map((_, which) => deliveries.filter((_, index) => index % urls.length === which));
	const results = await Promise.all(urls.map((url, which) => load.sendAll(url, groups[which], Math.max(1, REDELIVERY.concurrency / urls.length))));
	return results.reduce((sum, result) => sum + result.failures.length, 0);
}

/** Rates and latencies of the three endpoints, single messages and 1,000-message batches. */
async function measureEndpoints(client, base, workflows, appSecret) {
	const endpoints = { ours: `${base}/webhook/${workflows.ours.webhookPath}`, header: `${base}/webhook/${workflows.header.webhookPath}`, plain: `${base}/webhook/${workflows.plain.webhookPath}` };
	// Sending has stopped when this runs, so waiting for the three workflows one after another is enough.
	const settle = async () => {
		for (const name of ['ours', 'header', 'plain']) await waitForExecutions(client, workflows[name].workflow.id, 0);
	};
	log(`== bench: ${RATE.rounds} x ${RATE.perRound} single-message POSTs per endpoint at concurrency ${RATE.concurrency}`);
	const single = await load.compareEndpoints(endpoints, { ...RATE, settle, makeDelivery: (round, index) => load.singleMessage(`rate-${round}-${index}`, appSecret) });
	log(`   ${JSON.stringify(single)}`);
	log(`== bench: ${BATCH.rounds} x ${BATCH.perRound} ${BATCH.messages}-message POSTs per endpoint at concurrency ${BATCH.concurrency}`);
	const batch = await load.compareEndpoints(endpoints, { ...BATCH, settle, makeDelivery: (round, index) => load.batchOf(`batch-${round}-${index}`, BATCH.messages, appSecret) });
	log(`   ${JSON.stringify(batch)}`);
	return { single, batch };
}

/** Regular mode: the endpoint comparison, then 800 deliveries, a restart, the same 800 again. */
async function runRegular(installation, tarball) {
	const sandbox = await startSandbox({ quiet: true });
	const userFolder = benchFolder(`n8n-${installation.version}`);
	const port = await instance.freePort();
	const env = n8nEnv(installation, { userFolder, port });
	const workflows = load.benchWorkflows(instance.builtTrigger());
	const appSecret = sandboxCredentialData(sandbox).appSecret;
	let n8n;
	try {
		await prepare({ installation, userFolder, tarball, sandbox, workflows: Object.values(workflows).map((w) => w.workflow), env });
		n8n = await startN8n(installation, { env, logFile: path.join(userFolder, 'n8n.log') });
		const client = new N8nClient(`http://127.0.0.1:${port}`);
		await client.signIn();
		for (const { workflow } of Object.values(workflows)) await client.activate(workflow.id);
		const base = `http://127.0.0.1:${port}`;
		const { single, batch } = await measureEndpoints(client, base, workflows, appSecret);
		const expectedOurs = RATE.rounds * RATE.perRound + BATCH.rounds * BATCH.perRound;
		await waitForExecutions(client, workflows.ours.workflow.id, expectedOurs);
		const database = { sqlite: path.join(userFolder, '.n8n', 'database.sqlite') };
		const oursStored = storedDeliveries(database, workflows.ours.workflow.id);
		const redeliveryUrl = `${base}/webhook/${workflows.redelivery.webhookPath}`;
		const deliveries = redeliveryBatch(appSecret);
		log(`== bench: ${deliveries.length} deliveries, restart, the same ${deliveries.length} again (regular mode)`);
		let failures = await deliverAcross([redeliveryUrl], deliveries);
		await waitForExecutions(client, workflows.redelivery.workflow.id, deliveries.length);
		await n8n.stop();
		n8n = await startN8n(installation, { env, logFile: path.join(userFolder, 'n8n.log') });
		await client.signIn();
		failures += await deliverAcross([redeliveryUrl], deliveries);
		await waitForExecutions(client, workflows.redelivery.workflow.id, 2 * deliveries.length);
		const emitted = await emittedEvents(client, workflows.redelivery.workflow.id, workflows.redelivery.node.name, loadFlatted(installation));
		const stored = storedDeliveries(database, workflows.redelivery.workflow.id);
		return { single, batch, oursStored, expectedOurs, redelivery: { ...emitted, failures, stored, expected: deliveries.length } };
	} finally {
		if (n8n) await n8n.stop();
		await sandbox.close();
	}
}

async function runQueue(installation, tarball) {
	const sandbox = await startSandbox({ quiet: true });
	const userFolder = benchFolder(`n8n-${installation.version}-queue`);
	const services = [];
	let processes = [];
	try {
		const { redis, postgres } = await queue.startServices(userFolder, services);
		const setup = await queue.queueSetup(installation, { userFolder, redis, postgres });
		const { ports, mainEnv } = setup;
		const { redelivery } = load.benchWorkflows(instance.builtTrigger());
		await prepare({ installation, userFolder, tarball, sandbox, workflows: [redelivery.workflow], env: mainEnv });
		processes = [];
		await queue.startQueueProcesses(installation, { userFolder, ...setup }, processes);
		const client = new N8nClient(`http://127.0.0.1:${ports.main}`);
		await client.signIn();
		await client.activate(redelivery.workflow.id);
		// Webhook processes pick up an activation from the database; give them a moment.
		await sleep(3000);
		const urls = [ports.webhookA, ports.webhookB].map((port) => `http://127.0.0.1:${port}/webhook/${redelivery.webhookPath}`);
		const deliveries = redeliveryBatch(sandboxCredentialData(sandbox).appSecret);
		log(`== bench: ${deliveries.length} deliveries over two webhook processes, restart, the same again to the other process (queue mode)`);
		let failures = await deliverAcross(urls, deliveries);
		await waitForExecutions(client, redelivery.workflow.id, deliveries.length);
		for (const process of processes.reverse()) await process.stop();
		processes = [];
		await queue.startQueueProcesses(installation, { userFolder, ...setup }, processes);
		await client.signIn();
		await sleep(3000);
		failures += await deliverAcross([...urls].reverse(), deliveries);
		await waitForExecutions(client, redelivery.workflow.id, 2 * deliveries.length);
		const emitted = await emittedEvents(client, redelivery.workflow.id, redelivery.node.name, loadFlatted(installation));
		const stored = storedDeliveries({ postgres }, redelivery.workflow.id);
		return { ...emitted, failures, stored, expected: deliveries.length };
	} finally {
		for (const process of processes.reverse()) await process.stop();
		for (const service of services.reverse()) await service.stop();
		await sandbox.close();
	}
}

/** Everything `npm run bench -- n8n` measures; `only` ('regular' or 'queue') limits it. */
async function benchTriggerInN8n({ only } = {}) {
	const installation = await ensureN8n(1);
	const tarball = buildAndPack();
	const regular = only === 'queue' ? undefined : await runRegular(installation, tarball);
	const queued = only === 'regular' ? undefined : await runQueue(installation, tarball);
	return { version: installation.version, rate: RATE, batch: BATCH, regular, queue: queued };
}

module.exports = { benchTriggerInN8n };
