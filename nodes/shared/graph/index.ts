import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import {
	THROTTLING_CODES,
	buildGraphApiError,
	redact,
	type GraphErrorBody,
	type GraphErrorDetails,
	type GraphErrorExplanation,
} from './errors';

export { GRAPH_ERROR_HINTS, hintForCode, redact } from './errors';

export const CREDENTIAL_TYPE = 'whatsAppBusinessManagementApi';

export type GraphContext = IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions | IWebhookFunctions;

export interface GraphCredentials {
	accessToken: string;
	businessAccountId: string;
	apiVersion: string;
	baseUrl: string;
	appId?: string;
	appSecret?: string;
}

const CREDENTIAL_LABELS: Record<string, string> = {
	accessToken: 'Access Token',
	businessAccountId: 'WhatsApp Business Account ID',
	apiVersion: 'Graph API Version',
	appId: 'App ID',
	appSecret: 'App Secret',
};

/**
 * Reads and checks the credential before anything is sent, so a missing field is named instead of
 * surfacing later as an opaque Graph error.
 */
export async function getGraphCredentials(
	this: GraphContext,
	required: Array<keyof GraphCredentials> = [],
): Promise<GraphCredentials> {
	const raw = (await this.getCredentials(CREDENTIAL_TYPE)) as IDataObject;
	const text = (key: string) => (typeof raw[key] === 'string' ? (raw[key] as string).trim() : raw[key] === undefined || raw[key] === null ? '' : String(raw[key]));
	const credentials: GraphCredentials = {
		accessToken: text('accessToken'),
		businessAccountId: text('businessAccountId'),
		apiVersion: text('apiVersion') || 'v25.0',
		baseUrl: (text('baseUrl') || 'https://graph.facebook.com').replace(/\/+$/, ''),
		appId: text('appId') || undefined,
		appSecret: text('appSecret') || undefined,
	};
	for (const key of ['accessToken', 'businessAccountId', ...required] as Array<keyof GraphCredentials>) {
		if (!credentials[key]) {
			throw new NodeOperationError(
				this.getNode(),
				`The credential field "${CREDENTIAL_LABELS[key] ?? key}" is empty`,
				{ description: `Open the WhatsApp Business Management API credential and fill in "${CREDENTIAL_LABELS[key] ?? key}". No request was sent to Meta.` },
			);
		}
	}
	if (!/^v\d+\.\d+$/.test(credentials.apiVersion)) {
		throw new NodeOperationError(
			this.getNode(),
			`The credential field "Graph API Version" must look like v25.0, not "${credentials.apiVersion}"`,
		);
	}
	if (!/^\d+$/.test(credentials.businessAccountId)) {
		throw new NodeOperationError(
			this.getNode(),
			'The credential field "WhatsApp Business Account ID" must contain only digits',
			{ description: 'Copy the WABA ID from WhatsApp Manager > Account tools > Phone numbers. No request was sent to Meta.' },
		);
	}
	if (!/^https?:\/\//.test(credentials.baseUrl)) {
		throw new NodeOperationError(this.getNode(), 'The credential field "Base URL" must start with http:// or https://');
	}
	return credentials;
}

export interface RetryPolicy {
	/** How many times a retryable failure is tried again (not counting the first attempt). */
	maxRetries: number;
	/**
	 * The same for throttling answers (4, 80007, 130429, 429...), which say Meta did not carry the
	 * request out. They get a larger budget: at a 30% throttling rate, 5 attempts still lose about
	 * 2.4 items in 1,000 (0.3^5), 9 attempts about 0.02.
	 */
	maxThrottleRetries: number;
	/** First backoff; each retry doubles it, with full jitter. */
	baseDelayMs: number;
	/** Upper bound for one wait, including Meta's estimated_time_to_regain_access. */
	maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 4, maxThrottleRetries: 8, baseDelayMs: 300, maxDelayMs: 30_000 };

export type GraphBodyType = 'json' | 'form' | 'multipart' | 'binary';

export interface GraphRequestOptions {
	method: IHttpRequestMethods;
	/** A Graph path such as `/123/message_templates`; the version is prefixed unless `absoluteUrl` is set. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject | FormData | Buffer;
	bodyType?: GraphBodyType;
	headers?: IDataObject;
	/**
	 * Whether sending the same request twice is harmless. Defaults to true for GET and DELETE and
	 * false for POST: a create is never sent again after an ambiguous failure.
	 */
	idempotent?: boolean;
	/** Return the raw response (Buffer, or a stream with `stream`) with status and headers. */
	download?: 'buffer' | 'stream';
	/** A full URL (a media download link) instead of a Graph path; still authenticated. */
	absoluteUrl?: string;
	/**
	 * Whether to send the access token (default true). Public CDN links such as a business profile
	 * picture need none, and the token should not travel to hosts that do not need it.
	 */
	authenticate?: boolean;
	retry?: Partial<RetryPolicy>;
	/**
	 * The operation's own message or description for Graph codes it can explain better than the
	 * shared hint table (e.g. 139004 on a flow delete), keyed by Meta's code.
	 */
	explain?: Record<number, GraphErrorExplanation>;
	itemIndex?: number;
	/** Status codes to hand back to the caller instead of throwing (e.g. 404 of an expired media URL). */
	passStatusCodes?: number[];
}

export interface GraphFullResponse<T = unknown> {
	body: T;
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
}

function isGraphErrorBody(body: unknown): body is { error: GraphErrorBody } {
	return typeof body === 'object' && body !== null && typeof (body as IDataObject).error === 'object' && (body as IDataObject).error !== null;
}

function parseMaybeJson(body: unknown): unknown {
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	if (typeof body === 'string') {
		const trimmed = body.trim();
		if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
			try {
				return JSON.parse(trimmed);
			} catch {
				return body;
			}
		}
	}
	return body;
}

/** Minutes Meta says the caller must wait, from `x-business-use-case-usage` (the largest entry). */
export function regainAccessDelayMs(headers: Record<string, unknown>): number {
	const header = headers['x-business-use-case-usage'];
	if (typeof header !== 'string') return 0;
	try {
		const usage = JSON.parse(header) as Record<string, Array<{ estimated_time_to_regain_access?: number }>>;
		let minutes = 0;
		for (const entries of Object.values(usage)) {
			for (const entry of entries ?? []) {
				minutes = Math.max(minutes, Number(entry.estimated_time_to_regain_access) || 0);
			}
		}
		return minutes * 60_000;
	} catch {
		return 0;
	}
}

function backoffMs(attempt: number, policy: RetryPolicy): number {
	const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
	// Full jitter keeps parallel items from retrying in lockstep.
	return Math.round(exponential / 2 + Math.random() * (exponential / 2));
}

async function streamToText(stream: unknown): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream as AsyncIterable<Buffer | string>) {
		chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
		if (chunks.reduce((n, c) => n + c.length, 0) > 65_536) break;
	}
	return Buffer.concat(chunks).toString('utf8');
}

/** Serialises a spec FormData into bytes plus its content type, with no runtime dependency. */
export async function encodeMultipart(form: FormData): Promise<{ body: Buffer; contentType: string }> {
	const response = new Response(form);
	const body = Buffer.from(await response.arrayBuffer());
	const contentType = response.headers.get('content-type') ?? 'multipart/form-data';
	return { body, contentType };
}

function toFormBody(body: IDataObject): string {
	const params = new URLSearchParams();
	for (const [key, value] of Object.entries(body)) {
		if (value === undefined || value === null) continue;
		params.append(key, typeof value === 'object' ? JSON.stringify(value) : String(value));
	}
	return params.toString();
}

/**
 * The one function in this package that speaks HTTP to Graph. It adds the version, authenticates
 * through n8n's credential system, retries what is safe to retry, and turns Graph errors into
 * NodeApiErrors that never carry the token.
 */
export async function graphRequestFull<T = IDataObject>(
	this: GraphContext,
	options: GraphRequestOptions,
): Promise<GraphFullResponse<T>> {
	const credentials = await getGraphCredentials.call(this);
	const secrets = [credentials.accessToken, credentials.appSecret];
	const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...(options.retry ?? {}) };
	const method = options.method;
	const idempotent = options.idempotent ?? (method === 'GET' || method === 'DELETE' || method === 'HEAD');
	const path = options.path.startsWith('/') ? options.path : `/${options.path}`;
	const url = options.absoluteUrl ?? `${credentials.baseUrl}/${credentials.apiVersion}${path}`;
	const shownPath = options.absoluteUrl ? redact(options.absoluteUrl.replace(/\?.*$/, ''), secrets) : path;

	const headers: IDataObject = { ...(options.headers ?? {}) };
	let body: IHttpRequestOptions['body'];
	let json = true;
	const bodyType: GraphBodyType = options.bodyType ?? 'json';
	if (options.body !== undefined) {
		if (bodyType === 'multipart') {
			const encoded = await encodeMultipart(options.body as FormData);
			body = encoded.body;
			headers['Content-Type'] = encoded.contentType;
			json = false;
		} else if (bodyType === 'binary') {
			body = options.body as Buffer;
			json = false;
		} else if (bodyType === 'form') {
			body = toFormBody(options.body as IDataObject);
			headers['Content-Type'] = 'application/x-www-form-urlencoded';
			json = false;
		} else {
			body = options.body as IDataObject;
			headers['Content-Type'] = 'application/json';
		}
	}

	const request: IHttpRequestOptions = {
		method,
		url,
		qs: options.qs,
		body,
		headers,
		json,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
	if (options.download === 'buffer') {
		request.encoding = 'arraybuffer';
		request.json = false;
	} else if (options.download === 'stream') {
		request.encoding = 'stream';
		request.json = false;
	}

	let attempt = 0;
	for (;;) {
		let response: IN8nHttpFullResponse;
		try {
			response = (
				options.authenticate === false
					? await this.helpers.httpRequest({ ...request, headers: { ...headers } })
					: await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, { ...request, headers: { ...headers } })
			) as IN8nHttpFullResponse;
		} catch (error) {
			// No HTTP answer: the connection failed or dropped. Before the request left (refused,
			// DNS) nothing happened at Meta; after it, a create may have happened. We cannot tell
			// which from here, so only idempotent requests are sent again.
			const cause = (error as { cause?: { code?: string } }).cause;
			const errorCode = (error as { code?: string }).code ?? cause?.code ?? '';
			const neverSent = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'].includes(errorCode);
			if ((idempotent || neverSent) && attempt < policy.maxRetries) {
				await sleep(backoffMs(attempt++, policy));
				continue;
			}
			const text = redact(String((error as Error).message ?? error), secrets);
			throw new NodeApiError(
				this.getNode(),
				{ message: text, code: errorCode } as unknown as import('n8n-workflow').JsonObject,
				{
					message: `Could not reach the Graph API: ${text}`,
					description:
						`Request: ${method} ${shownPath}. ` +
						(idempotent || neverSent
							? `Tried ${attempt + 1} time(s). Check the Base URL in the credential and the network.`
							: 'The connection failed after the request was sent, so it was not repeated (it may have been carried out). Check in WhatsApp Manager before running again.'),
					itemIndex: options.itemIndex,
				},
			);
		}

		const statusCode = response.statusCode;
		const responseHeaders = response.headers as Record<string, string | string[] | undefined>;
		if (statusCode < 400 || options.passStatusCodes?.includes(statusCode)) {
			let parsed: unknown = response.body;
			if (!options.download) parsed = parseMaybeJson(parsed);
			return { body: parsed as T, statusCode, headers: responseHeaders };
		}

		let errorBody: unknown = response.body;
		if (options.download === 'stream') errorBody = await streamToText(errorBody);
		errorBody = parseMaybeJson(errorBody);
		const graphError = isGraphErrorBody(errorBody) ? errorBody.error : undefined;
		const code = graphError?.code;
		const throttled = statusCode === 429 || (code !== undefined && THROTTLING_CODES.has(code));
		// Throttling means Meta refused to carry the request out, so even a create is safe to repeat.
		// A 5xx or a transient flag on an idempotent request is repeated; on a create it is not, since
		// Meta may have done the work before failing.
		const retryable = throttled || (idempotent && (statusCode >= 500 || graphError?.is_transient === true || code === 2));
		let note: GraphErrorDetails['note'];
		if (retryable) {
			const regain = regainAccessDelayMs(responseHeaders);
			if (regain > policy.maxDelayMs) {
				// Waiting longer than the bound would hold the workflow for minutes; say so instead.
				const minutes = Math.ceil(regain / 60_000);
				note = {
					message: `Meta asks to wait about ${minutes} minute(s) before calling again`,
					description: `Meta's x-business-use-case-usage header says access returns in about ${minutes} minute(s) (estimated_time_to_regain_access), longer than this node waits (${Math.round(policy.maxDelayMs / 1000)} s), so it stopped instead of retrying. Run it again after that time.`,
				};
			} else if (attempt < (throttled ? Math.max(policy.maxRetries, policy.maxThrottleRetries) : policy.maxRetries)) {
				await sleep(Math.max(regain, backoffMs(attempt++, policy)));
				continue;
			} else {
				note = { description: `Gave up after ${attempt + 1} attempts with backoff.` };
			}
		}
		throw buildGraphApiError(this.getNode(), {
			note,
			explain: options.explain,
			httpStatus: statusCode,
			graphError,
			rawBody: typeof errorBody === 'string' ? errorBody : Buffer.isBuffer(errorBody) ? errorBody.toString('utf8') : undefined,
			method,
			path: shownPath,
			secrets,
			itemIndex: options.itemIndex,
		});
	}
}

/** graphRequestFull, returning only the parsed body. */
export async function graphRequest<T = IDataObject>(this: GraphContext, options: GraphRequestOptions): Promise<T> {
	const response = await graphRequestFull.call(this, options);
	return response.body as T;
}

export interface PaginateOptions {
	path: string;
	qs?: IDataObject;
	returnAll: boolean;
	/** With returnAll false: how many items at most. */
	limit?: number;
	/** The largest page the endpoint allows; every request asks for it (or for what is left). */
	maxPageSize: number;
	itemIndex?: number;
	/** Where the list lives in a response when it is not `data` (or the body itself is an array). */
	listKeys?: string[];
	/**
	 * For endpoints that may answer the whole list at once (the welcome-sequence guide's bare array,
	 * where `limit` is just "how many to fetch"): the `limit` to ask for instead of `maxPageSize`.
	 * A Graph edge serves at most its own maximum per page whatever is asked, so cursor paging goes
	 * on as usual there. If Graph refuses the large limit (one of `limitRefusedCodes`), the request
	 * is sent once more with `maxPageSize`, and later pages keep that size.
	 */
	wholeListLimit?: number;
	/** Meta error codes that mean "this limit is refused" (default: 100, invalid parameter). */
	limitRefusedCodes?: number[];
}

/** Whether a Graph error is a refusal of the request's parameters (so a smaller `limit` may pass). */
function isRefusal(error: unknown, codes: number[]): boolean {
	return error instanceof NodeApiError && codes.includes(error.context.metaCode as number);
}

/** Extracts the list from a Graph collection in any of the shapes Meta has used. */
export function listFromResponse(body: unknown, listKeys: string[] = []): IDataObject[] {
	if (Array.isArray(body)) return body as IDataObject[];
	if (body && typeof body === 'object') {
		for (const key of ['data', ...listKeys]) {
			const value = (body as IDataObject)[key];
			if (Array.isArray(value)) return value as IDataObject[];
		}
	}
	return [];
}

/**
 * Cursor pagination: follows `paging.cursors.after` for as long as Graph sends `paging.next`, asking
 * for the largest page each time so the number of calls is ceil(N / page size). With
 * `wholeListLimit`, an endpoint that answers a bare array gets its whole list in one call.
 */
export async function graphPaginate(this: GraphContext, options: PaginateOptions): Promise<IDataObject[]> {
	const results: IDataObject[] = [];
	const wanted = options.returnAll ? Infinity : Math.max(0, options.limit ?? 50);
	if (wanted === 0) return results;
	const refusedCodes = options.limitRefusedCodes ?? [100];
	// The most one request asks for: the edge's maximum, or the whole-list limit while Graph accepts it.
	let pageCap = Math.max(options.maxPageSize, options.wholeListLimit ?? 0);
	let after: string | undefined;
	/** One page: `size` as the limit (none when undefined), from the current cursor. */
	const request = (size: number | undefined) => {
		const qs: IDataObject = { ...(options.qs ?? {}) };
		if (size !== undefined) qs.limit = size;
		if (after) qs.after = after;
		return graphRequest.call(this, { method: 'GET', path: options.path, qs, itemIndex: options.itemIndex });
	};
	for (;;) {
		let pageSize = Math.min(pageCap, wanted - results.length);
		let body: unknown;
		try {
			body = await request(pageSize);
		} catch (error) {
			// Safety net for the whole-list limit: an edge that refuses a limit above its maximum
			// (invalid parameter) is asked once more with the maximum, and keeps it from then on.
			if (pageSize <= options.maxPageSize || !isRefusal(error, refusedCodes)) throw error;
			pageCap = options.maxPageSize;
			pageSize = Math.min(pageCap, wanted - results.length);
			body = await request(pageSize);
		}
		let page = listFromResponse(body, options.listKeys);
		if (Array.isArray(body) && !after && page.length >= pageSize && wanted > pageSize) {
			// A bare array (the welcome-sequence guide's shape) has no cursors: `limit` is simply how
			// many to return. A full page may be a cut list, so ask once more without a limit.
			page = listFromResponse(await request(undefined), options.listKeys);
		}
		for (const entry of page) {
			if (results.length >= wanted) break;
			results.push(entry);
		}
		const paging = (body && typeof body === 'object' && !Array.isArray(body) ? (body as IDataObject).paging : undefined) as
			| { next?: string; cursors?: { after?: string } }
			| undefined;
		const nextCursor = paging?.next ? paging.cursors?.after : undefined;
		if (!nextCursor || results.length >= wanted || page.length === 0 || nextCursor === after) break;
		after = nextCursor;
	}
	return results;
}

/**
 * Meta's Resumable Upload API: opens a session on the app, sends the bytes, returns the handle
 * (`4::...`) that template headers and profile pictures refer to.
 */
export async function resumableUpload(
	this: GraphContext,
	file: { data: Buffer; fileName: string; mimeType: string },
	itemIndex?: number,
): Promise<string> {
	const credentials = await getGraphCredentials.call(this, ['appId']);
	const session = (await graphRequest.call(this, {
		method: 'POST',
		path: `/${credentials.appId}/uploads`,
		qs: { file_name: file.fileName, file_length: file.data.length, file_type: file.mimeType },
		itemIndex,
	})) as { id?: string };
	if (!session.id || !session.id.startsWith('upload:')) {
		throw new NodeOperationError(this.getNode(), 'Meta did not return an upload session ID', { itemIndex });
	}
	// The session ID is only valid for the offset Meta has; a retried POST of the same bytes at
	// offset 0 is harmless, so this step is idempotent.
	// Meta's Resumable Upload guide sends this step with `Authorization: OAuth <token>` (not Bearer)
	// and says the token must be in that header "or the call will fail"; it does not document that
	// Bearer works here, so the header is set by hand instead of by the credential's Bearer.
	// Sources: https://developers.facebook.com/docs/graph-api/guides/upload (step 2 "Initiate the
	// upload", `--header "Authorization: OAuth <USER_ACCESS_TOKEN>" --header "file_offset: 0"`),
	// https://developers.facebook.com/docs/graph-api/resumable-upload-api.
	const uploaded = (await graphRequest.call(this, {
		method: 'POST',
		path: `/${session.id}`,
		body: file.data,
		bodyType: 'binary',
		headers: { Authorization: `OAuth ${credentials.accessToken}`, file_offset: '0', 'Content-Type': 'application/octet-stream' },
		authenticate: false,
		idempotent: true,
		itemIndex,
	})) as { h?: string };
	if (!uploaded.h) {
		throw new NodeOperationError(this.getNode(), 'Meta did not return an upload handle', { itemIndex });
	}
	return uploaded.h;
}
