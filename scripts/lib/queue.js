'use strict';
/**
 * Redis and Postgres for n8n's queue mode, from Debian's packages (installed with apt-get when
 * missing and running as root), each started on a free port with its data in a temporary folder and
 * stopped afterwards. n8n documents Postgres for queue mode: the main, worker and webhook processes
 * share one database, which SQLite's single file does not serve safely across processes.
 */
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { spawn, execFileSync } = require('node:child_process');

const { log } = require('./n8n-install');
const { n8nEnv, startN8n } = require('./n8n-run');
const { freePort } = require('./instance');

function isRoot() {
	return typeof process.getuid === 'function' && process.getuid() === 0;
}

function postgresBin() {
	const base = '/usr/lib/postgresql';
	if (!fs.existsSync(base)) return undefined;
	const versions = fs.readdirSync(base).filter((v) => fs.existsSync(path.join(base, v, 'bin', 'postgres'))).sort((a, b) => Number(b) - Number(a));
	return versions.length ? path.join(base, versions[0], 'bin') : undefined;
}

/** Installs redis-server and postgresql from Debian's packages when they are missing. */
function ensurePackages() {
	const missing = [];
	if (!fs.existsSync('/usr/bin/redis-server')) missing.push('redis-server');
	if (!postgresBin()) missing.push('postgresql');
	if (!missing.length) return;
	if (!isRoot()) throw new Error(`queue mode needs ${missing.join(' and ')} (apt-get install ${missing.join(' ')}; this script installs them when run as root)`);
	log(`   apt-get install ${missing.join(' ')}`);
	execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
	execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
		stdio: 'inherit',
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
	});
}

async function waitForPort(port, child, name, timeoutMs = 30000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`);
		const open = await new Promise((resolve) => {
			const socket = net.connect(port, '127.0.0.1', () => {
				socket.end();
				resolve(true);
			});
			socket.on('error', () => resolve(false));
		});
		if (open) return;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error(`${name} did not listen on ${port} within ${timeoutMs / 1000}s`);
}

function stopper(child) {
	return () =>
		new Promise((resolve) => {
			if (child.exitCode !== null || child.signalCode !== null) return resolve();
			const timer = setTimeout(() => child.kill('SIGKILL'), 15000);
			child.once('exit', () => {
				clearTimeout(timer);
				resolve();
			});
			child.kill('SIGTERM');
		});
}

async function startRedis(folder) {
	ensurePackages();
	const port = await freePort();
	const logFile = fs.openSync(path.join(folder, 'redis.log'), 'a');
	const child = spawn('/usr/bin/redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', os.tmpdir()], {
		stdio: ['ignore', logFile, logFile],
	});
	await waitForPort(port, child, 'redis-server');
	log(`   redis-server on 127.0.0.1:${port}`);
	return { port, stop: stopper(child) };
}

/**
 * A throwaway Postgres cluster. Postgres refuses to run as root, so as root the cluster belongs to
 * the `postgres` user Debian's package creates and the server runs as that user.
 */
async function startPostgres(folder) {
	ensurePackages();
	const bin = postgresBin();
	const port = await freePort();
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wabm-pg-'));
	const asPostgres = (command, args) => (isRoot() ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args]);
	if (isRoot()) execFileSync('chown', ['-R', 'postgres:postgres', dataDir]);
	const [initCommand, initArgs] = asPostgres(path.join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
	execFileSync(initCommand, initArgs, { stdio: 'ignore' });
	const logFile = fs.openSync(path.join(folder, 'postgres.log'), 'a');
	const [command, args] = asPostgres(path.join(bin, 'postgres'), [
		'-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-k', dataDir, '-c', 'fsync=off', '-c', 'full_page_writes=off',
	]);
	const child = spawn(command, args, { stdio: ['ignore', logFile, logFile] });
	await waitForPort(port, child, 'postgres');
	// The server accepts connections a moment after it listens.
	for (let attempt = 0; ; attempt++) {
		try {
			execFileSync(path.join(bin, 'psql'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-c', 'CREATE DATABASE n8n'], { stdio: 'ignore' });
			break;
		} catch (error) {
			if (attempt > 50) throw error;
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
	}
	log(`   postgres (${path.basename(path.dirname(bin))}) on 127.0.0.1:${port}, database n8n`);
	const stop = stopper(child);
	return {
		port,
		stop: async () => {
			await stop();
			fs.rmSync(dataDir, { recursive: true, force: true });
		},
	};
}

/** n8n's environment for queue mode against these services. */
function queueEnv({ redis, postgres }) {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: 'n8n',
		DB_POSTGRESDB_USER: 'postgres',
		DB_POSTGRESDB_PASSWORD: '',
	};
}

/** Starts Redis and Postgres, each pushed onto `services` as soon as it runs (so a caller stops what started). */
async function startServices(folder, services) {
	const redis = await startRedis(folder);
	services.push(redis);
	const postgres = await startPostgres(folder);
	services.push(postgres);
	return { redis, postgres };
}

/**
 * n8n's documented queue setup over these services: free ports for main, worker and two webhook
 * processes, and each process's environment.
 */
async function queueSetup(installation, { userFolder, redis, postgres }) {
	const [main, worker, webhookA, webhookB] = await Promise.all([1, 2, 3, 4].map(() => freePort()));
	const ports = { main, worker, webhookA, webhookB };
	const env = queueEnv({ redis, postgres });
	// Each n8n 2.x process runs its own task broker (for Code nodes); they must not share a port.
	const envFor = (port, extra = {}) =>
		n8nEnv(installation, { userFolder, port, extra: { ...env, N8N_RUNNERS_BROKER_PORT: String(port + 1000 > 65000 ? port - 1000 : port + 1000), ...extra } });
	// Production webhooks go to the webhook processes only, as in n8n's documented setup.
	const webhookUrl = `http://localhost:${webhookA}/`;
	const mainEnv = envFor(main, { N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true', WEBHOOK_URL: webhookUrl, N8N_WEBHOOK_URL: webhookUrl });
	return { ports, envFor, mainEnv };
}

/**
 * Main + worker + two webhook processes, started in that order and pushed onto `started` as each
 * runs (so a caller stops what started if a later one fails); resolves with `started`.
 */
async function startQueueProcesses(installation, { userFolder, ports, envFor, mainEnv }, started = []) {
	started.push(await startN8n(installation, { env: mainEnv, logFile: path.join(userFolder, 'main.log') }));
	started.push(
		await startN8n(installation, {
			command: 'worker',
			env: envFor(ports.worker, { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(ports.worker), N8N_WORKER_SERVER_ADDRESS: '127.0.0.1' }),
			logFile: path.join(userFolder, 'worker.log'),
			healthPort: ports.worker,
		}),
	);
	for (const [port, name] of [
		[ports.webhookA, 'webhook-a'],
		[ports.webhookB, 'webhook-b'],
	]) {
		started.push(await startN8n(installation, { command: 'webhook', env: envFor(port), logFile: path.join(userFolder, `${name}.log`) }));
	}
	return started;
}

module.exports = { startRedis, startPostgres, startServices, queueEnv, queueSetup, startQueueProcesses };
