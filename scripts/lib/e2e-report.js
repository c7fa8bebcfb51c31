'use strict';
/** The e2e suite's tally: each check passes, fails or is skipped, and the summary lists them all. */
const { log } = require('./n8n-install');

const tally = { passed: 0, failed: 0, skipped: 0 };
const report = [];
const options = { showItems: false };

function section(title) {
	log(`\n======== ${title} ========`);
}

function record(scope, name, status, detail = '') {
	tally[status] += 1;
	const mark = { passed: 'PASS', failed: 'FAIL', skipped: 'SKIP' }[status];
	const line = `[${scope}] ${mark} ${name}${detail ? ` - ${detail}` : ''}`;
	report.push(line);
	log(`  ${line}`);
}

/** Runs one check: `fn` resolves with the problems it found; none means it passed. */
async function check(scope, name, fn) {
	try {
		const problems = (await fn()) || [];
		if (problems.length) record(scope, name, 'failed', problems.join('; '));
		else record(scope, name, 'passed');
	} catch (error) {
		record(scope, name, 'failed', String((error && error.stack) || error).split('\n').slice(0, 4).join(' | '));
	}
}

/** Records a failure of a whole run's setup, with the first lines of its stack. */
function recordSetupFailure(scope, error) {
	record(scope, 'setup', 'failed', String(error.stack || error).split('\n').slice(0, 6).join(' | '));
}

module.exports = { tally, report, options, section, record, check, recordSetupFailure };
