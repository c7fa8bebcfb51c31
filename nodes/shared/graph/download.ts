import { createHash } from 'node:crypto';
import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getGraphCredentials } from './credentials';
import { mayReceiveToken } from './hosts';
import { graphRequestFull, type GraphFullResponse } from './request';

export interface DownloadedFile {
	binary: IBinaryData;
	/** Hex sha256 of the bytes as they streamed past. */
	sha256: string;
	size: number;
	contentType?: string;
}

export type DownloadResult = { expired: true } | ({ expired: false } & DownloadedFile);

/**
 * Streams a file from a URL straight into n8n's binary data store, then hashes what was stored: the
 * bytes are never collected in memory, so a 100 MB document costs a buffer's worth, not 100 MB (twice).
 * A 404 is handed back as `expired` (Meta's media URLs live five minutes) instead of thrown.
 */
export async function downloadToBinary(
	this: IExecuteFunctions,
	options: { url: string; fileName: string; mimeType?: string; authenticate?: boolean; itemIndex: number },
): Promise<DownloadResult> {
	const response = await followHops.call(this, options);
	// Typed structurally: n8n's community rules refuse node:stream, and nothing here needs more.
	const source = response.body as NodeJS.ReadableStream & { destroy(): void };
	if (response.statusCode === 404) {
		source.destroy();
		return { expired: true };
	}
	const headerType = response.headers['content-type'];
	const contentType = (Array.isArray(headerType) ? headerType[0] : headerType)?.split(';')[0].trim() || undefined;
	const binary = await this.helpers.prepareBinaryData(source as never, options.fileName, options.mimeType || contentType);
	const { sha256, size } = await digestStoredBinary.call(this, binary);
	return { expired: false, binary, sha256, size, contentType };
}

/** Meta's media links redirect at most once or twice; more hops than this is a loop. */
const MAX_HOPS = 5;

/**
 * GETs the URL as a stream. An authenticated download follows redirects by hand and checks every
 * hop's origin before the token goes there; an unauthenticated one lets n8n follow them.
 */
async function followHops(
	this: IExecuteFunctions,
	options: { url: string; authenticate?: boolean; itemIndex: number },
): Promise<GraphFullResponse> {
	const authenticate = options.authenticate !== false;
	const { baseUrl } = authenticate ? await getGraphCredentials.call(this) : { baseUrl: '' };
	let url = options.url;
	for (let hop = 0; hop <= MAX_HOPS; hop++) {
		if (authenticate && !mayReceiveToken(url, baseUrl)) {
			const target = new URL(url);
			throw new NodeOperationError(this.getNode(), `The media download was redirected to ${target.origin}, which may not receive the access token`, {
				itemIndex: options.itemIndex,
				description: 'Only https links on Meta\'s media hosts (or the credential\'s Base URL) get the token. Nothing was sent there.',
			});
		}
		const response = await graphRequestFull.call(this, {
			method: 'GET',
			path: '',
			absoluteUrl: url,
			download: 'stream',
			authenticate,
			followRedirects: !authenticate,
			passStatusCodes: [404],
			itemIndex: options.itemIndex,
		});
		const location = response.headers.location;
		if (response.statusCode < 300 || response.statusCode >= 400 || typeof location !== 'string') return response;
		(response.body as { destroy(): void }).destroy();
		url = new URL(location, url).toString();
	}
	throw new NodeOperationError(this.getNode(), `The media download was redirected more than ${MAX_HOPS} times`, { itemIndex: options.itemIndex });
}

/**
 * sha256 and size of a stored binary, read back from n8n's binary store as a stream (filesystem or
 * S3 mode) or from the item (default mode). Hashing while the download streams would need a
 * Transform from node:stream, which n8n's community rules refuse, and tapping the source's 'data'
 * events races with how each store mode starts reading; reading back costs disk I/O, not memory.
 */
async function digestStoredBinary(this: IExecuteFunctions, binary: IBinaryData): Promise<{ sha256: string; size: number }> {
	const hash = createHash('sha256');
	let size = 0;
	if (binary.id) {
		const stored = await this.helpers.getBinaryStream(binary.id);
		for await (const chunk of stored as AsyncIterable<Buffer | string>) {
			const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
			hash.update(bytes);
			size += bytes.length;
		}
	} else {
		const bytes = Buffer.from(binary.data, 'base64');
		hash.update(bytes);
		size = bytes.length;
	}
	return { sha256: hash.digest('hex'), size };
}
