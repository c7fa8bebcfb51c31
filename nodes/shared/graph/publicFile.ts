import type { IExecuteFunctions, IN8nHttpFullResponse } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getGraphCredentials } from './credentials';
import { ipLiteralOf, isLoopbackHost, isPublicAddress } from './hosts';
import { executionState, TRANSFER_TIMEOUT_MS } from './settings';

export interface PublicFileRequest {
	url: string;
	/** The parameter the URL came from, named in every refusal. */
	field: string;
	/** The format's maximum: reading stops past it. */
	maxBytes: number;
	itemIndex: number;
}

/** A response body as n8n's stream download gives it: Node's IncomingMessage, typed structurally. */
type BodyStream = AsyncIterable<Buffer | string> & { destroy(): void; socket?: { remoteAddress?: string } | null };

const MAX_HOPS = 5;

/**
 * Downloads a file from a public address (a template header sample given by URL). No credential is
 * attached: the Graph token must never travel to a third-party host. Addresses that are not public
 * (loopback, private, link-local: cloud metadata) are refused unless the Base URL is loopback itself
 * (the sandbox); redirects are followed by hand so every hop is checked the same way.
 */
export async function downloadPublicFile(this: IExecuteFunctions, request: PublicFileRequest): Promise<{ data: Buffer; fileName: string; mimeType: string }> {
	const refuse = (message: string, description?: string) =>
		new NodeOperationError(this.getNode(), `Field "${request.field}": ${message}`, { itemIndex: request.itemIndex, description: description ?? 'No request was sent to Meta.' });
	const { baseUrl } = await getGraphCredentials.call(this);
	const allowPrivate = isLoopbackHost(new URL(baseUrl).hostname);
	let url = parsePublicUrl(request.url, refuse);
	for (let hop = 0; hop <= MAX_HOPS; hop++) {
		const literal = ipLiteralOf(url);
		if (literal && !allowPrivate && !isPublicAddress(literal)) throw refuse(`${literal} is not a public address, so the file is not fetched`);
		const response = await send.call(this, url, refuse);
		const body = response.body as BodyStream;
		// n8n's community rules allow no node:dns, so a host name's address is checked on the connected
		// socket, before a byte of the answer is read (with identity encoding the body is the socket's).
		const remote = body.socket?.remoteAddress;
		if (!allowPrivate && (!remote || !isPublicAddress(remote))) {
			body.destroy();
			throw refuse(`${url.hostname} resolved to ${remote ?? 'an unknown address'}, which is not a public address, so the file is not read`);
		}
		const location = response.headers.location;
		if (response.statusCode >= 300 && response.statusCode < 400 && typeof location === 'string') {
			body.destroy();
			url = parsePublicUrl(new URL(location, url).toString(), refuse);
			continue;
		}
		if (response.statusCode >= 400) {
			body.destroy();
			throw refuse(`downloading ${url.origin}${url.pathname} answered HTTP ${response.statusCode}`, 'The address must be publicly reachable. No request was sent to Meta.');
		}
		const data = await readCapped(body, request.maxBytes, Number(response.headers['content-length']), refuse);
		const mimeType = String(response.headers['content-type'] ?? 'application/octet-stream');
		const fileName = decodeURIComponent(url.pathname.split('/').pop() || 'sample');
		return { data, fileName, mimeType };
	}
	throw refuse(`the address redirected more than ${MAX_HOPS} times`);
}

type Refuse = (message: string, description?: string) => NodeOperationError;

/** An http(s) URL, or a refusal naming the field. */
function parsePublicUrl(text: string, refuse: Refuse): URL {
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		throw refuse(`"${text}" is not a valid URL`);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') throw refuse(`"${text}" must be an http:// or https:// address`);
	return url;
}

/** One GET, unauthenticated, as a stream, redirects not followed, bounded in time. */
async function send(this: IExecuteFunctions, url: URL, refuse: Refuse): Promise<IN8nHttpFullResponse> {
	try {
		return (await this.helpers.httpRequest({
			method: 'GET',
			url: url.toString(),
			encoding: 'stream',
			json: false,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
			// Compressed answers would reach us through a decoder without the socket to check.
			headers: { 'Accept-Encoding': 'identity' },
			timeout: executionState(this).settings.timeoutMs ?? TRANSFER_TIMEOUT_MS,
		})) as IN8nHttpFullResponse;
	} catch (error) {
		throw refuse(`could not download ${url.origin}${url.pathname}: ${(error as Error).message}`);
	}
}

/** The whole body, or a refusal as soon as it passes `maxBytes` (the rest is never read). */
async function readCapped(body: BodyStream, maxBytes: number, declaredLength: number, refuse: Refuse): Promise<Buffer> {
	const tooLarge = () => refuse(`the file is larger than ${maxBytes / 1024 / 1024} MB, the most this format allows, so it was not read further`);
	if (declaredLength > maxBytes) {
		body.destroy();
		throw tooLarge();
	}
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of body) {
		const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
		size += bytes.length;
		if (size > maxBytes) {
			body.destroy();
			throw tooLarge();
		}
		chunks.push(bytes);
	}
	return Buffer.concat(chunks);
}
