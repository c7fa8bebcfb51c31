/**
 * `npm run sandbox`: starts the WABA sandbox in the foreground and prints how to point the credential
 * at it. Options: --port N (default 0, a free port), --seed FILE (JSON for sandbox.seed()).
 */
import { readFileSync } from 'node:fs';

import { startSandbox } from './server';

async function main() {
	const args = process.argv.slice(2);
	const argument = (name: string) => {
		const index = args.indexOf(name);
		return index === -1 ? undefined : args[index + 1];
	};
	const seedFile = argument('--seed');
	const sandbox = await startSandbox({
		port: Number(argument('--port') ?? 0),
		seed: seedFile ? (JSON.parse(readFileSync(seedFile, 'utf8')) as Record<string, unknown>) : undefined,
	});
	const { state } = sandbox;
	console.log(`WABA sandbox listening on ${sandbox.url}`);
	console.log(`Credential: Base URL ${sandbox.url} · WABA ID ${state.wabaId} · Access Token ${state.token}`);
	console.log(`            App ID ${state.appId} · App Secret ${state.appSecret}`);
	console.log(`Controls:   GET ${sandbox.url}/__sandbox/requests · POST /__sandbox/seed · /__sandbox/faults · /__sandbox/webhook`);
	const stop = async () => {
		await sandbox.close();
		process.exit(0);
	};
	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());
}

void main();
