'use strict';
/**
 * Installs real n8n (and, for the 2.x line, a Node 24 binary from the npm `node` package) once, and
 * reuses it afterwards. Plain Node: this file runs before anything is built.
 *
 * Where installs live: a machine-wide cache (`/var/cache/wabm-n8n/<name>` when writable, or
 * WABM_N8N_CACHE) so CI on the same machine is fast; the repo's git-ignored `.n8n-dev/<name>` links to
 * it. Without a writable cache the install goes straight into `.n8n-dev/`. An install counts only
 * once its marker file is written, so an interrupted install is redone, not trusted.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..', '..');
const DEV_DIR = path.join(ROOT, '.n8n-dev');
const MARKER = '.wabm-install-complete';

/** The two n8n lines this package is tested on. Override the exact versions with env vars. */
const N8N_LINES = {
	1: { version: process.env.WABM_N8N_V1 || '1.123.81', nodeMajor: 20 },
	2: { version: process.env.WABM_N8N_V2 || '2.40.7', nodeMajor: 24 },
};

/**
 * Why each override: n8n 1.x pins `xlsx` to a tarball URL outside the npm registry (unreachable
 * here), so the registry's 0.18.5 stands in; isolated-vm 6 needs Node 24, 5.0.4 builds on Node 20.
 */
const OVERRIDES = {
	1: { xlsx: '0.18.5', 'isolated-vm': '5.0.4' },
	2: { xlsx: '0.18.5' },
};

function log(message) {
	process.stdout.write(`${message}\n`);
}

function cacheRoot() {
	const wanted = process.env.WABM_N8N_CACHE || '/var/cache/wabm-n8n';
	try {
		fs.mkdirSync(wanted, { recursive: true });
		fs.accessSync(wanted, fs.constants.W_OK);
		return wanted;
	} catch {
		return undefined;
	}
}

function isComplete(dir, expected) {
	try {
		return fs.readFileSync(path.join(dir, MARKER), 'utf8').trim() === expected;
	} catch {
		return false;
	}
}

const elapsed = (ms) => {
	const seconds = Math.round(ms / 1000);
	return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
};

/** Bytes in use on the file system holding `dir` (statfs: cheap, unlike walking 1.8 GB of files). */
function usedBytes(dir) {
	try {
		const stats = fs.statfsSync(dir);
		return (stats.blocks - stats.bfree) * stats.bsize;
	} catch {
		return undefined;
	}
}

/** Package folders under `dir/node_modules` (scoped ones counted one by one). */
function packagesIn(dir) {
	try {
		return fs
			.readdirSync(path.join(dir, 'node_modules'), { withFileTypes: true })
			.filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
			.reduce((sum, entry) => sum + (entry.name.startsWith('@') ? fs.readdirSync(path.join(dir, 'node_modules', entry.name)).length : 1), 0);
	} catch {
		return 0;
	}
}

/**
 * CPU seconds a process and its finished children have used (Linux /proc; undefined elsewhere). It
 * grows whatever npm is doing, also in the phases where nothing is fetched or unpacked.
 */
function cpuSeconds(pid) {
	try {
		const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
		// utime, stime, cutime, cstime: fields 14-17 of proc(5), in clock ticks (100 per second on Linux).
		return fields.slice(11, 15).reduce((sum, ticks) => sum + Number(ticks), 0) / 100;
	} catch {
		return undefined;
	}
}

/**
 * What an npm run has done so far: registry fetches in this run's part of the log (npm fetches
 * first), top-level packages in node_modules (npm unpacks after), the growth of the disk in use (the
 * whole file system: other writers count too, but it moves while npm writes) and npm's CPU time
 * (which moves in the last phase too, when npm links and finishes without fetching or writing much).
 */
function installProgress({ logFile, logStart, cwd, usedAtStart, pid }) {
	let fetched = 0;
	try {
		const text = fs.readFileSync(logFile, 'utf8').slice(logStart);
		fetched = (text.match(/fetch GET 200/g) || []).length;
	} catch {
		// The log is read only for the progress line.
	}
	const used = usedBytes(cwd);
	const written = used === undefined || usedAtStart === undefined ? undefined : Math.max(0, used - usedAtStart);
	return { fetched, packages: packagesIn(cwd), written, cpu: cpuSeconds(pid) };
}

function describeProgress({ fetched, packages, written, cpu }) {
	const parts = [`${fetched} registry fetches`, `${packages} packages in node_modules`];
	if (written !== undefined) parts.push(`disk +${Math.round(written / 1e6)} MB`);
	if (cpu !== undefined) parts.push(`npm CPU ${Math.round(cpu)} s`);
	return parts.join(', ');
}

/** Runs a command, streaming its output to a log file and printing a progress line while it runs. */
function run(command, args, { cwd, env, logFile, label }) {
	return new Promise((resolve, reject) => {
		const measure = { logFile, logStart: fs.existsSync(logFile) ? fs.statSync(logFile).size : 0, cwd, usedAtStart: usedBytes(cwd) };
		const out = fs.openSync(logFile, 'a');
		const started = Date.now();
		const child = spawn(command, args, { cwd, env: env || process.env, stdio: ['ignore', out, out] });
		measure.pid = child.pid;
		let beats = 0;
		const heartbeat = setInterval(() => {
			beats += 1;
			log(`   ... ${label}: ${elapsed(Date.now() - started)}, ${describeProgress(installProgress(measure))} (log: ${logFile})`);
		}, Number(process.env.WABM_PROGRESS_SECONDS || 15) * 1000);
		child.on('error', reject);
		child.on('exit', (code) => {
			clearInterval(heartbeat);
			fs.closeSync(out);
			if (code === 0) {
				// Runs short enough to print no progress line stay quiet when they end, too.
				if (beats) log(`   ... ${label}: done in ${elapsed(Date.now() - started)}, ${describeProgress(installProgress(measure))}`);
				resolve();
			} else reject(new Error(`${label} failed with exit code ${code}; see ${logFile}`));
		});
	});
}

/** Picks the install folder: cached (and linked from .n8n-dev) when possible, else .n8n-dev itself. */
function locate(name) {
	const cache = cacheRoot();
	const devPath = path.join(DEV_DIR, name);
	return { cache, target: cache ? path.join(cache, name) : devPath, devPath };
}

function linkIntoDevDir(target, devPath) {
	if (target === devPath) return;
	fs.mkdirSync(DEV_DIR, { recursive: true });
	try {
		const stat = fs.lstatSync(devPath);
		if (stat.isSymbolicLink() && fs.readlinkSync(devPath) === target) return;
		fs.rmSync(devPath, { recursive: true, force: true });
	} catch {
		// Nothing there yet.
	}
	fs.symlinkSync(target, devPath);
}

function npmCommand() {
	// npm's own CLI script, run by whichever node binary is given, so a Node 24 install builds for Node 24.
	const candidates = [
		process.env.npm_execpath,
		path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'),
	];
	for (const candidate of candidates) {
		if (candidate && candidate.endsWith('npm-cli.js') && fs.existsSync(candidate)) return candidate;
	}
	return undefined;
}

async function npm(nodeBinary, args, options) {
	const cli = npmCommand();
	const env = { ...process.env, ...(options.env || {}), PATH: `${path.dirname(nodeBinary)}${path.delimiter}${process.env.PATH}` };
	// npm would otherwise read this repository's .npmrc and package settings from the environment.
	for (const key of Object.keys(env)) if (key.startsWith('npm_')) delete env[key];
	if (cli) return run(nodeBinary, [cli, ...args], { ...options, env });
	return run('npm', args, { ...options, env });
}

/** A Node 24 binary from the npm registry's `node` package (n8n 2.x needs Node >= 22). */
async function ensureNode24() {
	if (process.versions.node.split('.')[0] === '24') return process.execPath;
	const { target, devPath } = locate('node-24');
	const binary = path.join(target, 'node_modules', 'node', 'bin', 'node');
	if (!isComplete(target, 'node@24') || !fs.existsSync(binary)) {
		log(`== installing Node 24 from the npm package node@24 into ${target}`);
		fs.mkdirSync(target, { recursive: true });
		fs.writeFileSync(
			path.join(target, 'package.json'),
			`${JSON.stringify({ name: 'wabm-node-24', private: true, dependencies: { node: '^24.0.0' } }, null, 2)}\n`,
		);
		await npm(process.execPath, ['install', '--no-audit', '--no-fund', '--loglevel=http'], {
			cwd: target,
			logFile: path.join(target, 'install.log'),
			label: 'node@24',
		});
		fs.writeFileSync(path.join(target, MARKER), 'node@24\n');
	}
	linkIntoDevDir(target, devPath);
	return binary;
}

/**
 * Installs n8n `version` of `line` (1 or 2) unless a complete install is there; returns
 * `{ dir, bin, node }`: the install folder, n8n's CLI script and the node binary to run it with.
 */
async function ensureN8n(line) {
	const { version } = N8N_LINES[line];
	const name = `n8n-${version}`;
	const { target, devPath } = locate(name);
	const nodeBinary = line === 2 ? await ensureNode24() : process.execPath;
	const bin = path.join(target, 'node_modules', 'n8n', 'bin', 'n8n');
	if (isComplete(target, name) && fs.existsSync(bin)) {
		log(`== n8n ${version}: reusing ${target}`);
	} else {
		log(`== installing n8n ${version} into ${target} (once; about 6-10 minutes and 1.8 GB)`);
		fs.mkdirSync(target, { recursive: true });
		fs.writeFileSync(
			path.join(target, 'package.json'),
			`${JSON.stringify({ name: `wabm-${name}`, private: true, dependencies: { n8n: version }, overrides: OVERRIDES[line] }, null, 2)}\n`,
		);
		const logFile = path.join(target, 'install.log');
		const common = ['--no-audit', '--no-fund', '--loglevel=http'];
		if (line === 2) {
			// One of n8n 2.x's dependencies downloads a binary from outside the registry in its install
			// script; skip scripts, then build the one native module n8n needs here (SQLite) for Node 24.
			await npm(nodeBinary, ['install', '--ignore-scripts', ...common], { cwd: target, logFile, label: `n8n ${version}` });
			await npm(nodeBinary, ['rebuild', 'sqlite3', ...common], { cwd: target, logFile, label: 'sqlite3 for Node 24' });
		} else {
			await npm(nodeBinary, ['install', ...common], { cwd: target, logFile, label: `n8n ${version}` });
		}
		fs.writeFileSync(path.join(target, MARKER), `${name}\n`);
		log(`== n8n ${version} installed`);
	}
	linkIntoDevDir(target, devPath);
	return { dir: target, bin, node: nodeBinary, version, line };
}

module.exports = { ROOT, DEV_DIR, N8N_LINES, ensureN8n, ensureNode24, npm, run, log };
