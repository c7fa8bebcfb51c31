/**
 * Media: download of a 100 MB file into n8n binary data in filesystem mode. The download runs in a
 * child process (bench/mediaChild.ts) so peak RSS growth is the node's alone, not the sandbox's,
 * which holds the file in memory here. Goal: growth at most 64 MB.
 */
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { IDataObject } from 'n8n-workflow';

import { resources } from '../nodes/WhatsAppBusinessManagement/actions/router';
import { sandboxCredential } from '../test/helpers/workflow';
import type { Sandbox } from '../test/sandbox/server';
import { mb, ms, unavailable, type BenchResult } from './lib';

const SIZE = 100 * 1024 * 1024;
const LIMIT = 64 * 1024 * 1024;
const PHONE_NUMBER_ID = '106540352242922';

/** The Media > Download parameters for a media id. */
export const downloadParameters = (mediaId: string): IDataObject => ({
	resource: 'media',
	operation: 'download',
	mediaId,
	binaryPropertyName: 'data',
});

function addMedia(sandbox: Sandbox, id: string, data: Buffer) {
	sandbox.seed({ media: [{ id, phone_number_id: PHONE_NUMBER_ID, mime_type: 'video/mp4', data }] });
	return { sha256: createHash('sha256').update(data).digest('hex') };
}

export async function benchMedia(sandbox: Sandbox): Promise<BenchResult> {
	const title = 'Media: 100 MB download into n8n binary data (filesystem mode)';
	if (!resources.media?.operations.download) return unavailable(title, 'no Media > Download operation on this build');
	sandbox.reset();
	sandbox.seed({ phoneNumbers: [{ id: PHONE_NUMBER_ID }] });
	addMedia(sandbox, '990000000000001', randomBytes(1024 * 1024));
	const big = addMedia(sandbox, '990000000000002', randomBytes(SIZE));
	const input = {
		credential: sandboxCredential(sandbox),
		warmupParameters: downloadParameters('990000000000001'),
		parameters: downloadParameters('990000000000002'),
	};
	const output = await new Promise<string>((resolve, reject) => {
		execFile(
			process.execPath,
			['--expose-gc', '-r', 'ts-node/register/transpile-only', join(__dirname, 'mediaChild.ts'), JSON.stringify(input)],
			{ env: { ...process.env, TS_NODE_PREFER_TS_EXTS: 'true' }, maxBuffer: 10 * 1024 * 1024, cwd: join(__dirname, '..') },
			(error, stdout, stderr) => {
				const line = stdout.trim().split('\n').pop() ?? '';
				if (line.startsWith('{')) resolve(line);
				else reject(new Error(`${error?.message ?? ''} ${stderr.slice(-500)}`));
			},
		);
	});
	const figures = JSON.parse(output) as {
		error?: string;
		growth: number;
		baseline: number;
		peak: number;
		elapsed: number;
		binaryId?: string;
		size: number;
		sha256?: string;
	};
	sandbox.reset();
	if (figures.error) return unavailable(title, `the download failed: ${figures.error}`);
	return {
		title,
		figures: [
			{ name: 'peak RSS growth', value: mb(figures.growth), goal: `<= ${mb(LIMIT)}`, pass: figures.growth <= LIMIT },
			{ name: 'RSS before / at peak', value: `${mb(figures.baseline)} / ${mb(figures.peak)}`, goal: 'informational' },
			{ name: 'wall time', value: ms(figures.elapsed), goal: 'informational' },
			{
				name: 'stored in filesystem, bytes intact',
				value: `${figures.binaryId?.split(':')[0] ?? 'none'}, ${mb(figures.size)}`,
				goal: 'filesystem id, 100.0 MB, same sha256',
				pass: !!figures.binaryId?.startsWith('filesystem') && figures.size === SIZE && figures.sha256 === big.sha256,
			},
		],
		notes: ['measured in a child process; the sandbox serving the file runs in the parent'],
	};
}
