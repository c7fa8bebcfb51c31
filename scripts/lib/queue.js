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

function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

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

module.exports = { startRedis, startPostgres, queueEnv };
