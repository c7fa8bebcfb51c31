'use strict';
/**
 * Starts the WABA sandbox (test/sandbox, TypeScript) inside this Node process through ts-node, so
 * the scripts can seed it and read its request log directly, and seeds it leniently: a key whose
 * seeder does not exist yet is skipped with a note instead of failing the run.
 */
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const DEMO_SEED_FILE = path.join(ROOT, 'test', 'e2e', 'seed.json');

let registered = false;
function loadSandboxModule() {
	if (!registered) {
		require('ts-node').register({ transpileOnly: true, project: path.join(ROOT, 'tsconfig.json') });
		registered = true;
	}
	return require(path.join(ROOT, 'test', 'sandbox', 'server.ts'));
}

/**
 * Seeds key by key. `sandbox.seed` assigns a plain value to a state field that has no seeder; for
 * the record collections (Maps) that would break the sandbox, so such a key counts as "no seeder".
 * Returns the keys that were skipped.
 */
function seedLeniently(sandbox, data) {
	const skipped = [];
	for (const [key, value] of Object.entries(data)) {
		if (key.startsWith('//')) continue;
		const before = sandbox.state[key];
		try {
			sandbox.seed({ [key]: value });
		} catch (error) {
			if (/no seeder/i.test(String(error && error.message))) {
				skipped.push(key);
				continue;
			}
			throw error;
		}
		if (before instanceof Map && !(sandbox.state[key] instanceof Map)) {
			sandbox.state[key] = before;
			skipped.push(key);
		}
	}
	return skipped;
}

function readDemoSeed() {
	return JSON.parse(fs.readFileSync(DEMO_SEED_FILE, 'utf8'));
}

/** Starts a sandbox on `port` (0: any free port) seeded with the demo data. */
async function startSandbox({ port = 0, host = '127.0.0.1', seed = readDemoSeed(), quiet = false } = {}) {
	const { startSandbox: start } = loadSandboxModule();
	const sandbox = await start({ port, host });
	const skipped = seedLeniently(sandbox, seed);
	if (!quiet && skipped.length) {
		console.log(`   sandbox: no seeder yet for ${skipped.join(', ')}; that demo data is skipped`);
	}
	return sandbox;
}

/** The credential n8n imports: the sandbox's identity and URL. */
function sandboxCredentialData(sandbox) {
	const { state } = sandbox;
	return {
		accessToken: state.token,
		businessAccountId: state.wabaId,
		apiVersion: 'v25.0',
		baseUrl: sandbox.url,
		appId: state.appId,
		appSecret: state.appSecret,
	};
}

module.exports = { startSandbox, seedLeniently, readDemoSeed, sandboxCredentialData, loadSandboxModule };
