#!/usr/bin/env node
'use strict';
/**
 * `npm run dev`: this package running in a real n8n on http://localhost:5678, against the local WABA
 * sandbox, with the example workflows imported.
 *
 * Steps: build and pack; install n8n 1.123.x once (cached); start the sandbox on 127.0.0.1:5680
 * seeded with test/e2e/seed.json and a local stand-in for the examples' CRM and team chat on 5681;
 * install the tarball into .n8n-dev/user/.n8n/nodes as n8n installs community packages; import the
 * working sandbox credential (the only one, so n8n pre-selects it for new nodes) and examples/*.json
 * with n8n's CLI (examples only on the first run, so your edits survive; `--reset` starts over);
 * start n8n with SQLite; set up the owner account; activate the trigger examples; print what to
 * open. Ctrl+C stops everything.
 *
 * Options: --reset (fresh n8n data), --line 2 (n8n 2.x on Node 24 instead of 1.x).
 */
const fs = require('node:fs');
const path = require('node:path');

const { ROOT, DEV_DIR, ensureN8n, log } = require('./lib/n8n-install');
const { buildAndPack, n8nEnv, startN8n, N8nClient, OWNER } = require('./lib/n8n-run');
const { startSandbox } = require('./lib/sandbox');
const { startCatcher } = require('./lib/catcher');
const { CREDENTIALS, TRIGGER_TYPE } = require('./lib/cases');
const instance = require('./lib/instance');

const N8N_PORT = Number(process.env.N8N_PORT || 5678);
const SANDBOX_PORT = Number(process.env.WABM_SANDBOX_PORT || 5680);
const CATCHER_PORT = Number(process.env.WABM_CATCHER_PORT || 5681);
const EXAMPLES_DIR = path.join(ROOT, 'examples');
const STATE_FILE = path.join(DEV_DIR, 'dev-state.json');

function loadExamples() {
	if (!fs.existsSync(EXAMPLES_DIR)) return [];
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')));
}

/** Activates the ad-click example; returns the activated workflows with their webhook URLs. */
async function activateAdClickExamples(client, examples) {
	const trigger = instance.builtTrigger();
	const activated = [];
	for (const workflow of examples) {
		const node = workflow.nodes.find((n) => n.type === TRIGGER_TYPE);
		if (!node) continue;
		// A WABA sends its webhooks to one callback URL per app, so only one ad-click example (the
		// first by file name: the template follow-up) is activated; the others are there to open and
		// activate instead.
		if (!(node.parameters.events || ['adReferral']).includes('adReferral')) continue;
		if (activated.length) continue;
		if (!trigger) {
			log(`   not activating "${workflow.name}": this build has no trigger node yet`);
			continue;
		}
		try {
			await client.activate(workflow.id);
			const url = `http://localhost:${N8N_PORT}/webhook/${instance.triggerWebhookPath(trigger, node)}`;
			activated.push({ id: workflow.id, name: workflow.name, nodeName: node.name, url });
		} catch (error) {
			log(`   could not activate "${workflow.name}": ${error.message}`);
		}
	}
	return activated;
}

function printBanner({ installation, sandbox, catcher, examples, activated, adClick }) {
	log('');
	log('================================================================');
	log(` n8n ${installation.version} is running:  http://localhost:${N8N_PORT}`);
	log(`   sign in:     ${OWNER.email} / ${OWNER.password}`);
	log(`   credential:  "${CREDENTIALS.sandbox.name}", the only one imported (Credentials tab; its Test button calls the sandbox)`);
	log('   nodes:       search "WhatsApp Business Management" in the node panel');
	log(`   workflows:   ${examples.map((w) => w.name).join('; ') || '(no examples/ yet)'}`);
	for (const w of activated) log(`   active:      "${w.name}" receives Meta webhooks at ${w.url}`);
	log(` WABA sandbox (Graph API stand-in): ${sandbox.url}  (requests: ${sandbox.url}/__sandbox/requests)`);
	log(` local CRM/chat stand-in:          ${catcher.url}`);
	log(adClick ? ' simulate an ad click:  npm run simulate:ad-click' : ' simulate:ad-click needs the trigger node (not in this build yet)');
	log(' stop: Ctrl+C');
	log('================================================================');
}

/** Stops everything on Ctrl+C, SIGTERM or n8n's exit, and leaves no editor bundle behind. */
function stopOnSignals({ n8n, sandbox, catcher, userFolder }) {
	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		log('\n== stopping n8n, the sandbox and the stand-in');
		await n8n.stop();
		await sandbox.close();
		await catcher.close();
		fs.rmSync(STATE_FILE, { force: true });
		// n8n copies its editor's built files (about 60 MB of minified JS) into the user folder's
		// cache and rebuilds that copy at start when it is missing. Left in the repository folder,
		// they were 60 MB of someone else's code beside ours, and secret scanners took base64 runs in
		// them for Meta access tokens.
		fs.rmSync(path.join(userFolder, '.cache', 'n8n', 'public'), { recursive: true, force: true });
		process.exit(0);
	};
	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());
	n8n.child.on('exit', (code) => {
		if (!stopping) {
			log(`n8n exited (${code}); see ${path.join(userFolder, 'n8n.log')}`);
			void stop();
		}
	});
}

async function main() {
	const args = process.argv.slice(2);
	const line = args.includes('--line') ? Number(args[args.indexOf('--line') + 1]) : 1;
	const reset = args.includes('--reset');

	const tarball = buildAndPack();
	const installation = await ensureN8n(line);

	log('== starting the WABA sandbox and the local CRM/chat stand-in');
	const sandbox = await startSandbox({ port: SANDBOX_PORT, host: '127.0.0.1' });
	const catcher = await startCatcher({ port: CATCHER_PORT });

	const userFolder = path.join(DEV_DIR, `user-n8n-${installation.line}`);
	if (reset) fs.rmSync(userFolder, { recursive: true, force: true });
	const firstRun = !fs.existsSync(path.join(userFolder, '.n8n', 'database.sqlite'));
	fs.mkdirSync(userFolder, { recursive: true });
	const env = n8nEnv(installation, { userFolder, port: N8N_PORT, extra: { N8N_LISTEN_ADDRESS: '0.0.0.0' } });

	log(`== installing ${path.basename(tarball)} into ${path.relative(ROOT, path.join(userFolder, '.n8n', 'nodes'))}`);
	const examples = loadExamples();
	await instance.prepareInstance({ installation, userFolder, tarball, sandbox, workflows: firstRun ? examples : [], env });
	if (!firstRun) log('   examples were imported on the first run; `npm run dev -- --reset` imports them again');

	log(`== starting n8n ${installation.version} (output in ${path.relative(ROOT, path.join(userFolder, 'n8n.log'))})`);
	const n8n = await startN8n(installation, { env, logFile: path.join(userFolder, 'n8n.log') });
	const client = new N8nClient(`http://127.0.0.1:${N8N_PORT}`);
	await client.signIn();
	// Earlier versions of this command also imported a wrong-token credential, which n8n then
	// pre-selected for new nodes; remove it from instances set up back then.
	await client.request('DELETE', `/rest/credentials/${CREDENTIALS.wrongToken.id}`, undefined, { allowError: true });

	const activated = await activateAdClickExamples(client, examples);
	const adClick = activated.find((w) => /ad click/i.test(w.name)) || activated[0];
	const devState = { n8nUrl: `http://localhost:${N8N_PORT}`, sandboxUrl: sandbox.url, wabaId: sandbox.state.wabaId, n8nDir: installation.dir };
	if (adClick) Object.assign(devState, { triggerUrl: adClick.url, triggerWorkflowId: adClick.id, triggerNodeName: adClick.nodeName });
	fs.writeFileSync(STATE_FILE, JSON.stringify(devState, null, 2));

	printBanner({ installation, sandbox, catcher, examples, activated, adClick });
	stopOnSignals({ n8n, sandbox, catcher, userFolder });
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
