#!/usr/bin/env node
'use strict';
/**
 * `npm run simulate:ad-click`: while `npm run dev` runs, sends a Click-to-WhatsApp referral webhook,
 * signed with the App Secret as Meta signs it, to the active trigger's production webhook URL. The
 * WABA sandbox sends it (`POST /__sandbox/webhook`), so the signature comes from the sandbox's App
 * Secret, the one the imported credential holds. Options: --from <wa_id>, --name <profile name>,
 * --text <message>, --url <webhook URL> (default: the ad-click trigger `npm run dev` activated).
 * Then it finds the execution the webhook started through n8n's REST API and prints its ID, status
 * and the trigger item's lead fields.
 */
const fs = require('node:fs');
const path = require('node:path');
const { reportExecution } = require('./lib/dev-execution');

const { adClickPayload } = require('./lib/meta-webhooks');

const STATE_FILE = path.join(__dirname, '..', '.n8n-dev', 'dev-state.json');

async function main() {
	const args = process.argv.slice(2);
	const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
	if (!fs.existsSync(STATE_FILE)) {
		console.error('No running `npm run dev` found (.n8n-dev/dev-state.json is missing). Start it first.');
		process.exit(1);
	}
	const state = JSON.parse(fs.readFileSync(STATE_FILE, 'utf8'));
	const url = option('--url') || state.triggerUrl;
	if (!url) {
		console.error('`npm run dev` activated no ad-click trigger workflow (this build has no trigger node yet?). Pass --url to send anyway.');
		process.exit(1);
	}
	const payload = adClickPayload({
		wabaId: state.wabaId,
		from: option('--from'),
		name: option('--name'),
		text: option('--text'),
	});
	const response = await fetch(`${state.sandboxUrl}/__sandbox/webhook`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ url, payload }),
	});
	const delivery = await response.json();
	const message = payload.entry[0].changes[0].value.messages[0];
	console.log(`Sent a signed ad-click webhook to ${url}`);
	console.log(`  from ${message.from}, ad ${message.referral.source_id} ("${message.referral.headline}"), ctwa_clid ${message.referral.ctwa_clid}`);
	if (delivery.status !== 200) {
		console.log(`  n8n refused it: HTTP ${delivery.status} ${String(delivery.body).slice(0, 200)}`);
		process.exit(1);
	}
	if (!(await reportExecution(state, message.id))) process.exit(1);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
