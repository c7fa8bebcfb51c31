'use strict';
/**
 * Runs a real n8n with this package installed as a community package: packs the package, installs
 * the tarball into `<N8N_USER_FOLDER>/.n8n/nodes` (where n8n's own "Install community node" puts
 * packages), imports credentials and workflows with n8n's CLI, starts n8n processes and talks to
 * them over HTTP (health, owner setup, activation, executions, credential test).
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawn, execFileSync } = require('node:child_process');

const { ROOT, npm, log } = require('./n8n-install');
const { EVERY_STATUS } = require('./execution-list');

const PACKAGE_NAME = require(path.join(ROOT, 'package.json')).name;
const ENCRYPTION_KEY = 'wabm-local-encryption-key-not-secret';
const OWNER = { email: 'owner@example.com', firstName: 'Local', lastName: 'Owner', password: 'Sandbox-Owner-1' };

/** Builds the package and packs it into `.n8n-dev/`; returns the tarball path. */
function buildAndPack({ skipBuild = false } = {}) {
	const out = path.join(ROOT, '.n8n-dev');
	fs.mkdirSync(out, { recursive: true });
	if (!skipBuild) {
		log('== build');
		execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
	}
	for (const file of fs.readdirSync(out)) if (file.endsWith('.tgz')) fs.rmSync(path.join(out, file));
	const output = execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['pack', '--pack-destination', out, '--json'], {
		cwd: ROOT,
		encoding: 'utf8',
		env: { ...process.env, npm_config_loglevel: 'error' },
	});
	const [{ filename }] = JSON.parse(output.slice(output.indexOf('[')));
	const tarball = path.join(out, path.basename(filename));
	log(`== packed ${path.relative(ROOT, tarball)}`);
	return tarball;
}

/**
 * Installs the tarball into the user folder's `.n8n/nodes` with the steps n8n's own community
 * package installer takes (n8n 1.123 `CommunityPackagesService.downloadPackage`): unpack the tarball
 * into `nodes/node_modules/<name>`, drop dev/peer/optional dependencies from its package.json, run
 * `npm install --bin-links=false --install-strategy=shallow --ignore-scripts=true
 * --package-lock=false` in it, and record it in `nodes/package.json`. n8n then loads every
 * `n8n-nodes-*` package in that folder, and puts its own node_modules on NODE_PATH so the package's
 * `require('n8n-workflow')` finds n8n's copy.
 */
async function installPackage(installation, userFolder, tarball) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const packageDir = path.join(nodesDir, 'node_modules', PACKAGE_NAME);
	fs.rmSync(packageDir, { recursive: true, force: true });
	fs.mkdirSync(packageDir, { recursive: true });
	const manifest = path.join(nodesDir, 'package.json');
	if (!fs.existsSync(manifest)) {
		fs.writeFileSync(manifest, `${JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2)}\n`);
	}
	execFileSync('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1']);
	const packageJsonPath = path.join(packageDir, 'package.json');
	const { devDependencies, peerDependencies, optionalDependencies, ...packageJson } = JSON.parse(fs.readFileSync(packageJsonPath, 'utf8'));
	fs.writeFileSync(packageJsonPath, JSON.stringify(packageJson, null, 2));
	await npm(installation.node, ['install', '--audit=false', '--fund=false', '--bin-links=false', '--install-strategy=shallow', '--ignore-scripts=true', '--package-lock=false'], {
		cwd: packageDir,
		logFile: path.join(userFolder, 'install-package.log'),
		label: `installing ${path.basename(tarball)}`,
	});
	const nodesManifest = JSON.parse(fs.readFileSync(manifest, 'utf8'));
	nodesManifest.dependencies = { ...(nodesManifest.dependencies || {}), [PACKAGE_NAME]: packageJson.version };
	fs.writeFileSync(manifest, JSON.stringify(nodesManifest, null, 2));
	return nodesDir;
}

/** Environment shared by every n8n process of one setup. */
function n8nEnv(installation, { userFolder, port, extra = {} }) {
	return {
		...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('npm_') && !key.startsWith('N8N_') && !key.startsWith('DB_'))),
		PATH: `${path.dirname(installation.node)}${path.delimiter}${process.env.PATH}`,
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: 'localhost',
		N8N_PROTOCOL: 'http',
		// n8n 1.x reads WEBHOOK_URL, n8n 2.x N8N_WEBHOOK_URL (and warns about the old name).
		WEBHOOK_URL: `http://localhost:${port}/`,
		N8N_WEBHOOK_URL: `http://localhost:${port}/`,
		N8N_EDITOR_BASE_URL: `http://localhost:${port}/`,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_SECURE_COOKIE: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		DB_SQLITE_POOL_SIZE: '2',
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
		N8N_LOG_LEVEL: process.env.WABM_N8N_LOG_LEVEL || 'info',
		GENERIC_TIMEZONE: 'UTC',
		...extra,
	};
}

/** Runs one n8n CLI command to completion (import, update); returns its output. */
function n8nCli(installation, args, env) {
	return new Promise((resolve, reject) => {
		const child = spawn(installation.node, [installation.bin, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		child.stdout.on('data', (chunk) => (output += chunk));
		child.stderr.on('data', (chunk) => (output += chunk));
		child.on('error', reject);
		child.on('exit', (code) => {
			if (code === 0) resolve(output);
			else reject(new Error(`n8n ${args.join(' ')} exited with ${code}:\n${output.slice(-4000)}`));
		});
	});
}

/**
 * Starts an n8n process (`start`, `worker` or `webhook`) with its output in `logFile` (and on the
 * terminal when `echo`). Resolves once it answers /healthz.
 */
async function startN8n(installation, { command = 'start', env, logFile, echo = false, healthPort, timeoutMs = 240000 }) {
	const out = fs.openSync(logFile, 'a');
	const child = spawn(installation.node, [installation.bin, command], {
		env,
		stdio: ['ignore', echo ? 'pipe' : out, echo ? 'pipe' : out],
		detached: process.platform !== 'win32',
	});
	if (echo) {
		for (const stream of [child.stdout, child.stderr]) {
			stream.on('data', (chunk) => {
				fs.writeSync(out, chunk);
				process.stdout.write(chunk);
			});
		}
	}
	let exited = false;
	child.on('exit', () => {
		exited = true;
	});
	const port = healthPort || Number(env.N8N_PORT);
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (exited) throw new Error(`n8n ${command} exited early; see ${logFile}:\n${tail(logFile)}`);
		try {
			const response = await fetch(`http://127.0.0.1:${port}/healthz`);
			if (response.ok) break;
		} catch {
			// Not listening yet.
		}
		await sleep(500);
	}
	if (Date.now() >= deadline) throw new Error(`n8n ${command} did not become healthy in ${timeoutMs / 1000}s; see ${logFile}`);
	if (command === 'start') await waitForReady(port, deadline);
	return {
		child,
		port,
		logFile,
		stop: () => stopProcess(child),
	};
}

/**
 * /healthz answers before n8n has loaded nodes and registered its REST API. Until the API is
 * registered, a GET of /rest/settings is answered by the editor's page fallback (200, HTML), so
 * only a JSON answer counts as ready: n8n 1.123 sometimes spends many seconds between "n8n ready"
 * and its REST routes, and checks sent in that gap all got 404.
 */
async function waitForReady(port, deadline) {
	while (Date.now() < deadline) {
		try {
			const response = await fetch(`http://127.0.0.1:${port}/rest/settings`);
			const type = response.headers.get('content-type') ?? '';
			const body = await response.text();
			if (response.ok && type.includes('application/json') && JSON.parse(body).data) return;
		} catch {
			// Not ready yet (not listening, or not JSON yet).
		}
		await sleep(500);
	}
	throw new Error(`n8n did not answer /rest/settings with JSON before the deadline (port ${port})`);
}

function stopProcess(child) {
	return new Promise((resolve) => {
		if (child.exitCode !== null || child.signalCode !== null) return resolve();
		const timer = setTimeout(() => {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				child.kill('SIGKILL');
			}
		}, 20000);
		child.once('exit', () => {
			clearTimeout(timer);
			resolve();
		});
		try {
			process.kill(-child.pid, 'SIGTERM');
		} catch {
			child.kill('SIGTERM');
		}
	});
}

function tail(file, bytes = 4000) {
	try {
		const text = fs.readFileSync(file, 'utf8');
		return text.slice(-bytes);
	} catch {
		return '';
	}
}

function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** n8n's own copy of `flatted`, the format its REST API returns an execution's run data in. */
function loadFlatted(installation) {
	const candidates = [
		path.join(installation.dir, 'node_modules', 'flatted'),
		path.join(installation.dir, 'node_modules', 'n8n', 'node_modules', 'flatted'),
	];
	for (const candidate of candidates) if (fs.existsSync(candidate)) return require(candidate);
	throw new Error('flatted (n8n\'s run-data format) not found in the n8n install');
}

/**
 * A client for n8n's own REST API (the one its editor uses), logged in as the instance owner.
 * It works the same on 1.x and 2.x for what is used here; where the two lines differ it says so.
 */
class N8nClient {
	constructor(baseUrl) {
		this.baseUrl = baseUrl.replace(/\/$/, '');
		this.cookie = '';
		this.browserId = 'wabm-e2e-browser';
	}

	async request(method, pathname, body, { allowError = false } = {}) {
		const response = await fetch(`${this.baseUrl}${pathname}`, {
			method,
			headers: {
				'content-type': 'application/json',
				'browser-id': this.browserId,
				...(this.cookie ? { cookie: this.cookie } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = response.headers.get('set-cookie');
		if (setCookie) {
			const auth = /n8n-auth=[^;]+/.exec(setCookie);
			if (auth) this.cookie = auth[0];
		}
		const text = await response.text();
		let json;
		try {
			json = text ? JSON.parse(text) : undefined;
		} catch {
			json = { raw: text };
		}
		if (!response.ok && !allowError) {
			throw new Error(`${method} ${pathname} -> ${response.status}: ${text.slice(0, 500)}`);
		}
		return { status: response.status, json };
	}

	/** Sets up the owner on a fresh instance, or logs in when that was done before. */
	async signIn() {
		const setup = await this.request('POST', '/rest/owner/setup', OWNER, { allowError: true });
		if (setup.status < 300) return;
		const login = await this.request('POST', '/rest/login', { emailOrLdapLoginId: OWNER.email, email: OWNER.email, password: OWNER.password }, { allowError: true });
		if (login.status >= 300) throw new Error(`could not set up or log in the owner: ${JSON.stringify(setup.json)} / ${JSON.stringify(login.json)}`);
	}

	async getWorkflow(id) {
		return (await this.request('GET', `/rest/workflows/${id}`)).json.data;
	}

	/**
	 * Activates a workflow. n8n 2.x publishes a version (`POST /rest/workflows/:id/activate`); 1.x
	 * sets `active` with a PATCH that names the version being changed.
	 */
	async activate(id) {
		const workflow = await this.getWorkflow(id);
		const publish = await this.request('POST', `/rest/workflows/${id}/activate`, { versionId: workflow.versionId }, { allowError: true });
		if (publish.status < 300) return publish.json.data;
		if (publish.status !== 404) throw new Error(`activating ${id} failed: ${publish.status} ${JSON.stringify(publish.json)}`);
		const patched = await this.request('PATCH', `/rest/workflows/${id}`, { active: true, versionId: workflow.versionId }, { allowError: true });
		if (patched.status >= 300) throw new Error(`activating ${id} failed: ${patched.status} ${JSON.stringify(patched.json)}`);
		return patched.json.data;
	}

	async deactivate(id) {
		const workflow = await this.getWorkflow(id);
		const unpublish = await this.request('POST', `/rest/workflows/${id}/deactivate`, { versionId: workflow.versionId }, { allowError: true });
		if (unpublish.status < 300) return;
		await this.request('PATCH', `/rest/workflows/${id}`, { active: false, versionId: workflow.versionId });
	}

	/** The executions of one workflow, newest first (summaries without data). */
	async executions(workflowId) {
		// With a status filter n8n answers from one query ordered by ID. Without one it concatenates
		// two (new/running, then completed), which lists an execution finishing between them twice.
		const filter = encodeURIComponent(JSON.stringify({ workflowId, status: EVERY_STATUS }));
		const { json } = await this.request('GET', `/rest/executions?filter=${filter}&limit=100`);
		const data = json.data;
		return Array.isArray(data) ? data : data.results;
	}

	/** One execution with its run data parsed (n8n stores it in the `flatted` format). */
	async execution(id, flatted) {
		const { json } = await this.request('GET', `/rest/executions/${id}`);
		const execution = json.data;
		if (typeof execution.data === 'string') execution.data = flatted.parse(execution.data);
		return execution;
	}

	/** The JSON of the items a node output in an execution. */
	static itemsOf(execution, nodeName) {
		const runs = execution.data.resultData.runData[nodeName] || [];
		return runs.flatMap((run) => ((run.data && run.data.main && run.data.main[0]) || []).map((item) => item.json));
	}

	/** Tests credential data the way the editor's "Test" button does. */
	async testCredential(credential) {
		const { json } = await this.request('POST', '/rest/credentials/test', { credentials: credential });
		return json.data;
	}
}

module.exports = {
	PACKAGE_NAME,
	OWNER,
	buildAndPack,
	installPackage,
	n8nEnv,
	n8nCli,
	startN8n,
	stopProcess,
	N8nClient,
	loadFlatted,
	sleep,
	tail,
};
