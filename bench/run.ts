/**
 * `npm run bench`: runs every benchmark (or those named on the command line: trigger, paging,
 * batches, media, conversions, analytics, messages, n8n) and prints each figure beside its goal, with the date and the machine.
 * `n8n` (a real n8n under load, about 15 minutes) runs only when named; `n8n regular` or
 * `n8n queue` runs one half of it.
 */
import '../test/helpers/setupEnv';

import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

import { startSandbox } from '../test/sandbox/server';
import { benchAnalytics } from './analytics.bench';
import { benchBatches } from './batches.bench';
import { benchConversions } from './conversions.bench';
import { machine, printResult, type BenchResult } from './lib';
import { benchMedia } from './media.bench';
import { benchMessages } from './messages.bench';
import { benchN8n } from './n8n.bench';
import { benchPaging } from './paging.bench';
import { benchTrigger } from './trigger.bench';

const ALL = ['trigger', 'paging', 'batches', 'media', 'conversions', 'analytics', 'messages'] as const;
const NAMED_ONLY = ['n8n'] as const;

function setupBuiltins(): string | undefined {
	try {
		execFileSync('bash', [join(__dirname, 'setup.sh')], { stdio: ['ignore', 'inherit', 'inherit'] });
		return undefined;
	} catch (error) {
		return (error as Error).message.split('\n')[0];
	}
}

async function main() {
	const args = process.argv.slice(2);
	const wanted = args.filter((arg) => [...ALL, ...NAMED_ONLY].includes(arg as never));
	const selected = wanted.length ? wanted : [...ALL];
	console.log('# WhatsApp Business Management benchmarks');
	console.log(`date:    ${new Date().toISOString()}`);
	console.log(`machine: ${machine()}`);
	const results: BenchResult[] = [];
	const run = async (name: string, work: () => Promise<BenchResult>) => {
		if (!selected.includes(name)) return;
		const began = Date.now();
		try {
			const result = await work();
			result.notes.push(`ran in ${((Date.now() - began) / 1000).toFixed(1)} s`);
			results.push(result);
			printResult(result);
		} catch (error) {
			const result: BenchResult = { title: name, figures: [{ name: 'crashed', value: '-', goal: (error as Error).message, pass: false }], notes: [] };
			results.push(result);
			printResult(result);
		}
	};

	if (selected.includes('trigger')) {
		const setupError = setupBuiltins();
		if (setupError) console.log(`bench setup could not install n8n-nodes-base: ${setupError}`);
	}
	await run('trigger', () => benchTrigger());
	await run('n8n', () => benchN8n({ only: args.find((arg) => arg === 'regular' || arg === 'queue') }));
	if (!selected.some((name) => ['paging', 'batches', 'media', 'conversions', 'analytics', 'messages'].includes(name))) return summarize(results);
	const sandbox = await startSandbox();
	try {
		await run('paging', () => benchPaging(sandbox));
		await run('batches', () => benchBatches(sandbox));
		await run('media', () => benchMedia(sandbox));
		await run('conversions', () => benchConversions(sandbox));
		await run('analytics', () => benchAnalytics(sandbox));
		await run('messages', () => benchMessages(sandbox));
	} finally {
		await sandbox.close();
	}
	summarize(results);
}

function summarize(results: BenchResult[]): void {
	const verdicts = results.flatMap((r) => r.figures).filter((f) => f.pass !== undefined);
	const failed = verdicts.filter((f) => !f.pass).length;
	console.log(`\n${verdicts.length - failed} of ${verdicts.length} goals met.`);
}

main().then(
	() => process.exit(0),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
