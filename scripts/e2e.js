#!/usr/bin/env node
'use strict';
/**
 * `npm run test:e2e`: this package inside real n8n, headless, on n8n 1.x (Node 20) and 2.x (Node 24),
 * each also in queue mode (main + worker + two webhook processes, Redis and Postgres).
 *
 * For each n8n: install (cached), pack this package and install the tarball as a community
 * package, import credentials pointing at the WABA sandbox and one workflow per case in
 * test/e2e/cases, start n8n, set up the owner, then through n8n itself:
 *   - the credential test passes with the sandbox credential and fails with a wrong token;
 *   - every case's workflow runs through its production webhook and its items and the sandbox's
 *     request log are checked;
 *   - the trigger workflow is activated; Meta's verification handshake, signed ad-click webhooks
 *     (each one execution with the referral's item), a wrongly signed and an unsigned POST (no
 *     execution) and a duplicate delivery (emitted once) are checked.
 *
 * Options: --line 1|2 (repeatable; default both), --no-queue, --queue-only, --keep (leave the
 * user folders in .e2e/ for inspection). Prints "e2e: N passed, N failed, N skipped" last and exits
 * non-zero when anything failed.
 */
const { loadCases } = require('./lib/cases');
const { log } = require('./lib/n8n-install');
const { buildAndPack } = require('./lib/n8n-run');
const instance = require('./lib/instance');
const { tally, report, options: reportOptions, section } = require('./lib/e2e-report');
const { triggerWorkflow } = require('./lib/e2e-trigger');
const { runRegular, runQueue } = require('./lib/e2e-modes');

function parseArgs() {
	const args = process.argv.slice(2);
	const lines = [];
	for (let i = 0; i < args.length; i++) if (args[i] === '--line') lines.push(Number(args[++i]));
	return {
		lines: lines.length ? lines : [1, 2],
		queue: !args.includes('--no-queue'),
		queueOnly: args.includes('--queue-only'),
		keep: args.includes('--keep'),
		caseFilter: args.includes('--case') ? args[args.indexOf('--case') + 1] : undefined,
		showItems: args.includes('--show-items'),
	};
}

async function main() {
	const options = parseArgs();
	const started = Date.now();
	section('build and pack the package');
	const tarball = buildAndPack();
	const cases = loadCases().filter((c) => !options.caseFilter || c.name.includes(options.caseFilter));
	const available = instance.builtOperations();
	const trigger = triggerWorkflow();
	log(`   ${cases.length} cases in test/e2e/cases; the built node offers ${[...available].join(', ')}`);
	log(`   trigger: ${trigger.workflow ? `present, production webhook /webhook/${trigger.webhookPath}` : `skipped - ${trigger.reason}`}`);
	const context = { tarball, cases, available, trigger, keep: options.keep, runExamples: !options.caseFilter };
	reportOptions.showItems = options.showItems;
	if (!options.queueOnly) for (const line of options.lines) await runRegular(line, context);
	if (options.queue || options.queueOnly) for (const line of options.lines) await runQueue(line, context);

	section('e2e summary');
	for (const line of report) log(`  ${line}`);
	log(`  (${Math.round((Date.now() - started) / 1000)}s)`);
	log(`e2e: ${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped`);
	process.exit(tally.failed ? 1 : 0);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
