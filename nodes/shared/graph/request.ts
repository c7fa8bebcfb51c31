import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions, IN8nHttpFullResponse, INode, NodeApiError } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { GraphContext } from './context';
import { CREDENTIAL_TYPE, getGraphCredentials, type GraphCredentials } from './credentials';
import { buildConnectionError, buildGraphApiError, redact, type GraphErrorBody, type GraphErrorExplanation } from './errors';
import { DEFAULT_RETRY_WAIT_BUDGET_MS, DEFAULT_TIMEOUT_MS, executionState, TRANSFER_TIMEOUT_MS, type GraphClientSettings } from './settings';
import {
	budgetSpentNote,
	DEFAULT_RETRY_POLICY,
	exceedsRetryBudget,
	giveUpNote,
	isIdempotentMethod,
	isRetryable,
	mayHaveBeenCarriedOut,
	retryDelayMs,
	shouldRetry,
	timedOut,
	type GraphFailure,
	type RetryPolicy,
} from './retry';

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
	/**
	 * Authenticate with the app access token `{app-id}|{app-secret}` instead of the credential's
	 * token: app-level edges such as `/{app-id}/subscriptions` accept only that
	 * (https://developers.facebook.com/docs/graph-api/reference/app/subscriptions/). It travels in
	 * the Authorization header, never in the URL, and is redacted like the App Secret.
	 */
	asApp?: boolean;
	retry?: Partial<RetryPolicy>;
	/**
	 * The operation's own message or description for Graph codes it can explain better than the
	 * shared hint table (e.g. 139004 on a flow delete), keyed by Meta's code.
	 */
	explain?: Record<number, GraphErrorExplanation>;
	itemIndex?: number;
	/** Status codes to hand back to the caller instead of throwing (e.g. 404 of an expired media URL). */
	passStatusCodes?: number[];
	/**
	 * Where a refusal's real reason is inside the answer rather than its top-level `error`: Block
	 * Users answers a mixed result as 139100 with each user's own error in `block_users.failed_users`.
	 * Returns that error (the top-level one's fbtrace_id is kept), or undefined to use the top-level one.
	 */
	errorOf?: (body: IDataObject) => GraphErrorBody | undefined;
	/** How long to wait for the answer; default: the Request Options' timeout, else DEFAULT_TIMEOUT_MS (TRANSFER_TIMEOUT_MS for files). */
	timeoutMs?: number;
	/** false: a 3xx answer is returned as it is, so the caller checks the next hop (media downloads). */
	followRedirects?: boolean;
}

export interface GraphFullResponse<T = unknown> {
	body: T;
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
}

/** Serialises a spec FormData into bytes plus its content type, with no runtime dependency. */
export async function encodeMultipart(form: FormData): Promise<{ body: Buffer; contentType: string }> {
	const response = new Response(form);
	const body = Buffer.from(await response.arrayBuffer());
	const contentType = response.headers.get('content-type') ?? 'multipart/form-data';
	return { body, contentType };
}

/** Form fields as `application/x-www-form-urlencoded`; object values are sent as JSON text. */
function toFormBody(body: IDataObject): string {
	const params = new URLSearchParams();
	for (const [key, value] of Object.entries(body)) {
		if (value === undefined || value === null) continue;
		params.append(key, typeof value === 'object' ? JSON.stringify(value) : String(value));
	}
	return params.toString();
}

interface EncodedBody {
	body?: IHttpRequestOptions['body'];
	contentType?: string;
	json: boolean;
}

/** The request body in the wire format `bodyType` names, with the content type it needs. */
export async function encodeBody(body: GraphRequestOptions['body'], bodyType: GraphBodyType = 'json'): Promise<EncodedBody> {
	if (body === undefined) return { json: true };
	switch (bodyType) {
		case 'multipart': {
			const encoded = await encodeMultipart(body as FormData);
			return { body: encoded.body, contentType: encoded.contentType, json: false };
		}
		case 'binary':
			return { body: body as Buffer, json: false };
		case 'form':
			return { body: toFormBody(body as IDataObject), contentType: 'application/x-www-form-urlencoded', json: false };
		default:
			return { body: body as IDataObject, contentType: 'application/json', json: true };
	}
}

/** One request, ready to send as often as the retry decisions allow. */
interface PreparedRequest {
	http: IHttpRequestOptions;
	authenticate: boolean;
	idempotent: boolean;
	/** The path as errors show it: the Graph path, or the absolute URL without its query and secrets. */
	shownPath: string;
	secrets: Array<string | undefined>;
}

/** The request's own timeout, else the execution's, else the default for its kind (file transfers get longer). */
export function timeoutFor(options: GraphRequestOptions, settings: GraphClientSettings): number {
	const transfersFile = options.download !== undefined || options.bodyType === 'binary' || options.bodyType === 'multipart';
	return options.timeoutMs ?? settings.timeoutMs ?? (transfersFile ? TRANSFER_TIMEOUT_MS : DEFAULT_TIMEOUT_MS);
}

async function prepareRequest(options: GraphRequestOptions, credentials: GraphCredentials, settings: GraphClientSettings): Promise<PreparedRequest> {
	const secrets = [credentials.accessToken, credentials.appSecret];
	const path = options.path.startsWith('/') ? options.path : `/${options.path}`;
	const encoded = await encodeBody(options.body, options.bodyType);
	const headers: IDataObject = { ...(options.headers ?? {}) };
	if (encoded.contentType) headers['Content-Type'] = encoded.contentType;
	if (options.asApp) headers.Authorization = `Bearer ${credentials.appId ?? ''}|${credentials.appSecret ?? ''}`;
	const http: IHttpRequestOptions = {
		method: options.method,
		url: options.absoluteUrl ?? `${credentials.baseUrl}/${credentials.apiVersion}${path}`,
		qs: options.qs,
		body: encoded.body,
		headers,
		json: encoded.json,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		// n8n-core re-adds Authorization on a cross-origin redirect unless told not to (its default is
		// true for backwards compatibility): the token must stay with the origin it was sent to.
		sendCredentialsOnCrossOriginRedirect: false,
		timeout: timeoutFor(options, settings),
	};
	if (options.followRedirects === false) http.disableFollowRedirect = true;
	if (options.download) {
		http.encoding = options.download === 'buffer' ? 'arraybuffer' : 'stream';
		http.json = false;
	}
	return {
		http,
		authenticate: options.authenticate !== false && !options.asApp,
		idempotent: options.idempotent ?? isIdempotentMethod(options.method),
		shownPath: options.absoluteUrl ? redact(options.absoluteUrl.replace(/\?.*$/, ''), secrets) : path,
		secrets,
	};
}

function parseMaybeJson(body: unknown): unknown {
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	if (typeof body !== 'string') return body;
	const trimmed = body.trim();
	if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return body;
	try {
		return JSON.parse(trimmed);
	} catch {
		return body;
	}
}

/** At most the first 64 KB of a streamed error body, as text. */
async function streamToText(stream: unknown): Promise<string> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of stream as AsyncIterable<Buffer | string>) {
		const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
		chunks.push(bytes);
		size += bytes.length;
		if (size > 65_536) break;
	}
	return Buffer.concat(chunks).toString('utf8');
}

function isGraphErrorBody(body: unknown): body is { error: GraphErrorBody } {
	return typeof body === 'object' && body !== null && typeof (body as IDataObject).error === 'object' && (body as IDataObject).error !== null;
}

/** An HTTP error answer as a failure the retry decisions can read. */
async function httpFailure(response: IN8nHttpFullResponse, streamed: boolean, errorOf?: GraphRequestOptions['errorOf']): Promise<GraphFailure> {
	const body = parseMaybeJson(streamed ? await streamToText(response.body) : response.body);
	const topLevel = isGraphErrorBody(body) ? body.error : undefined;
	const inner = body && typeof body === 'object' && !Array.isArray(body) ? errorOf?.(body as IDataObject) : undefined;
	return {
		kind: 'http',
		statusCode: response.statusCode,
		headers: response.headers as Record<string, unknown>,
		graphError: inner ? { ...inner, fbtrace_id: inner.fbtrace_id ?? topLevel?.fbtrace_id } : topLevel,
		rawBody: typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : undefined,
	};
}

type Attempt<T> = { response: GraphFullResponse<T> } | { failure: GraphFailure };

/** Sends the request once: the answer, or why there is none that counts as success. */
async function sendOnce<T>(context: GraphContext, request: PreparedRequest, options: GraphRequestOptions): Promise<Attempt<T>> {
	let response: IN8nHttpFullResponse;
	const http = { ...request.http, headers: { ...request.http.headers } };
	try {
		response = (
			request.authenticate
				? await context.helpers.httpRequestWithAuthentication.call(context, CREDENTIAL_TYPE, http)
				: await context.helpers.httpRequest(http)
		) as IN8nHttpFullResponse;
	} catch (error) {
		// n8n-core wraps connection errors in a NodeApiError whose httpCode holds the system code (ECONNREFUSED...).
		const { code, cause, httpCode } = error as { code?: string; cause?: { code?: string }; httpCode?: string | null };
		const errorCode = code ?? cause?.code ?? (httpCode && !/^\d+$/.test(httpCode) ? httpCode : '');
		return { failure: { kind: 'connection', errorCode, message: String((error as Error).message ?? error) } };
	}
	const { statusCode } = response;
	if (statusCode < 400 || options.passStatusCodes?.includes(statusCode)) {
		const body = options.download ? response.body : parseMaybeJson(response.body);
		return { response: { body: body as T, statusCode, headers: response.headers as GraphFullResponse['headers'] } };
	}
	return { failure: await httpFailure(response, options.download === 'stream', options.errorOf) };
}

/** Callers of writes (a message send) must tell "refused" from "may have been done". */
function withCarriedOutFlag(error: NodeApiError, failure: GraphFailure, request: PreparedRequest): NodeApiError {
	error.context.mayHaveBeenCarriedOut = mayHaveBeenCarriedOut(failure, request.idempotent);
	return error;
}

/** The error a failure ends in, once no retry is left or allowed (`note` overrides why retrying stopped). */
function errorFor(
	node: INode,
	failure: GraphFailure,
	attempt: number,
	request: PreparedRequest,
	options: GraphRequestOptions,
	policy: RetryPolicy,
	note?: { message?: string; description?: string },
) {
	const where = { method: options.method, path: request.shownPath, secrets: request.secrets, itemIndex: options.itemIndex };
	if (failure.kind === 'connection') {
		const repeatable = isRetryable(failure, request.idempotent);
		const timeoutMs = timedOut(failure) ? Number(request.http.timeout) : undefined;
		const error = buildConnectionError(node, { ...where, message: failure.message, errorCode: failure.errorCode, attempts: attempt + 1, repeatable, timeoutMs, note });
		return withCarriedOutFlag(error, failure, request);
	}
	const error = buildGraphApiError(node, {
		...where,
		note: note ?? giveUpNote(failure, attempt, policy, request.idempotent),
		explain: options.explain,
		httpStatus: failure.statusCode,
		graphError: failure.graphError,
		rawBody: failure.rawBody,
	});
	return withCarriedOutFlag(error, failure, request);
}

/**
 * The one function in this package that speaks HTTP to Graph. It adds the version, authenticates
 * through n8n's credential system, retries what retry.ts says is safe to retry, and turns Graph
 * errors into NodeApiErrors that never carry the token.
 */
export async function graphRequestFull<T = IDataObject>(this: GraphContext, options: GraphRequestOptions): Promise<GraphFullResponse<T>> {
	const credentials = await getGraphCredentials.call(this);
	const state = executionState(this);
	const request = await prepareRequest(options, credentials, state.settings);
	const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...(options.retry ?? {}) };
	for (let attempt = 0; ; attempt++) {
		const outcome = await sendOnce<T>(this, request, options);
		if ('response' in outcome) return outcome.response;
		if (!shouldRetry(outcome.failure, attempt, policy, request.idempotent)) {
			throw errorFor(this.getNode(), outcome.failure, attempt, request, options, policy);
		}
		const delayMs = retryDelayMs(outcome.failure, attempt, policy);
		const budgetMs = state.settings.retryWaitBudgetMs ?? DEFAULT_RETRY_WAIT_BUDGET_MS;
		if (exceedsRetryBudget(state.retryWaitSpentMs, delayMs, budgetMs)) {
			throw errorFor(this.getNode(), outcome.failure, attempt, request, options, policy, budgetSpentNote(budgetMs));
		}
		state.retryWaitSpentMs += delayMs;
		await sleep(delayMs);
	}
}

/** graphRequestFull, returning only the parsed body. */
export async function graphRequest<T = IDataObject>(this: GraphContext, options: GraphRequestOptions): Promise<T> {
	const response = await graphRequestFull.call(this, options);
	return response.body as T;
}
