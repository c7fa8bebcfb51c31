import { createHash } from 'node:crypto';
import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';

import { graphRequestFull } from './index';

export interface DownloadedFile {
	binary: IBinaryData;
	/** Hex sha256 of the bytes as they streamed past. */
	sha256: string;
	size: number;
	contentType?: string;
}

export type DownloadResult = { expired: true } | ({ expired: false } & DownloadedFile);

/**
 * Streams a file from a URL straight into n8n's binary data store, hashing it on the way: the bytes
 * are never collected in memory, so a 100 MB document costs a buffer's worth, not 100 MB (twice).
 * A 404 is handed back as `expired` (Meta's media URLs live five minutes) instead of thrown.
 */
export async function downloadToBinary(
	this: IExecuteFunctions,
	options: { url: string; fileName: string; mimeType?: string; authenticate?: boolean; itemIndex: number },
): Promise<DownloadResult> {
	const response = await graphRequestFull.call(this, {
		method: 'GET',
		path: '',
		absoluteUrl: options.url,
		download: 'stream',
		authenticate: options.authenticate,
		passStatusCodes: [404],
		itemIndex: options.itemIndex,
	});
	// Typed structurally: n8n's community rules refuse node:stream, and nothing here needs more.
	const source = response.body as NodeJS.ReadableStream & { destroy(): void };
	if (response.statusCode === 404) {
		source.destroy();
		return { expired: true };
	}
	const headerType = response.headers['content-type'];
	const contentType = (Array.isArray(headerType) ? headerType[0] : headerType)?.split(';')[0].trim() || undefined;
	const hash = createHash('sha256');
	let size = 0;
	// Every chunk the binary store consumes is also emitted as 'data' (by pipe() and by read()), so
	// this listener sees the bytes as they pass without buffering them. Adding it switches the stream
	// to flowing; pause() undoes that, so nothing flows until the store starts reading.
	source.on('data', (chunk: Buffer | string) => {
		const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
		hash.update(bytes);
		size += bytes.length;
	});
	source.pause();
	const binary = await this.helpers.prepareBinaryData(source as never, options.fileName, options.mimeType || contentType);
	return { expired: false, binary, sha256: hash.digest('hex'), size, contentType };
}
