/**
 * Runs in its own process (started by media.bench.ts) so its RSS is the node's alone: downloads a
 * warm-up file, then the big one, into n8n binary data in filesystem mode while sampling RSS.
 * Prints one JSON line.
 */
import '../test/helpers/setupEnv';

import { createHash } from 'node:crypto';
import { Container } from '@n8n/di';
import { BinaryDataService } from 'n8n-core';
import type { IBinaryData, IDataObject } from 'n8n-workflow';

import { initBinaryData, runNode } from '../test/helpers/workflow';

interface ChildInput {
	credential: IDataObject;
	warmupParameters: IDataObject;
	parameters: IDataObject;
}

async function main() {
	const input = JSON.parse(process.argv[2]) as ChildInput;
	process.env.N8N_DEFAULT_BINARY_DATA_MODE = 'filesystem';
	await initBinaryData();
	const warm = await runNode({ parameters: input.warmupParameters, credential: input.credential as never });
	if (warm.error) throw warm.error;
	(global as { gc?: () => void }).gc?.();
	await new Promise((resolve) => setTimeout(resolve, 200));
	const baseline = process.memoryUsage().rss;
	let peak = baseline;
	const timer = setInterval(() => {
		const rss = process.memoryUsage().rss;
		if (rss > peak) peak = rss;
	}, 2);
	const began = performance.now();
	const result = await runNode({ parameters: input.parameters, credential: input.credential as never });
	const elapsed = performance.now() - began;
	clearInterval(timer);
	peak = Math.max(peak, process.memoryUsage().rss);
	if (result.error) {
		console.log(JSON.stringify({ error: result.error.message }));
		return;
	}
	const binaries = Object.values(result.items[0]?.binary ?? {}) as IBinaryData[];
	const binary = binaries[0];
	let sha256: string | undefined;
	let size = 0;
	if (binary?.id) {
		const hash = createHash('sha256');
		const stream = await Container.get(BinaryDataService).getAsStream(binary.id);
		for await (const chunk of stream) {
			hash.update(chunk as Buffer);
			size += (chunk as Buffer).length;
		}
		sha256 = hash.digest('hex');
	}
	console.log(JSON.stringify({ baseline, peak, growth: peak - baseline, elapsed, binaryId: binary?.id, storedInline: !!binary?.data && binary.data.length > 100, size, sha256 }));
}

main().then(
	() => process.exit(0),
	(error) => {
		console.log(JSON.stringify({ error: (error as Error).message }));
		process.exit(1);
	},
);
