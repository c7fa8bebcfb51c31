/**
 * One Graph request through the sandbox: log it, parse the body, apply queued faults, check the
 * token, roll the random faults, run the route's handler and write its answer.
 */
import { createHash } from 'node:crypto';
import type http from 'node:http';

import { handleControl } from './control';
import { queuedFaultBody, randomFault, takeQueuedFault } from './faults';
import { GraphError } from './graph';
import { parseMultipart } from './multipart';
import { sendJson } from './respond';
import { matchPath, needsAppToken, resolveHandler, type PathMatch, type RouteTable } from './routing';
import { appAccessToken, appTokenRequired } from './routes/appSubscriptions';
import type { HandlerResult, LoggedRequest, RequestContext, Sandbox, UploadedFile } from './types';

const MAX_BODY_BYTES = 160 * 1024 * 1024;

/** What the request handler needs of the running sandbox. */
export interface SandboxRuntime {
	sandbox: Sandbox;
	routes: RouteTable;
	/** The fault dice; replaced when the fault seed changes. */
	dice: () => number;
	nextSeq: () => number;
}

/** One request in flight: its log entry and how to answer it. */
interface Exchange {
	runtime: SandboxRuntime;
	req: http.IncomingMessage;
	res: http.ServerResponse;
	entry: LoggedRequest;
	url: URL;
	method: string;
	contentType: string;
	token?: string;
}

export function createRequestListener(runtime: SandboxRuntime): http.RequestListener {
	return (req, res) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size <= MAX_BODY_BYTES) chunks.push(chunk);
		});
		req.on('end', () => {
			void handle(runtime, req, res, Buffer.concat(chunks), size).catch((error: Error) => {
				if (!res.headersSent) {
					sendJson(res, runtime.sandbox.state, 500, { error: { message: `sandbox failure: ${error.message}`, code: 1 } });
				}
			});
		});
	};
}

async function handle(runtime: SandboxRuntime, req: http.IncomingMessage, res: http.ServerResponse, rawBody: Buffer, size: number) {
	const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
	const method = (req.method ?? 'GET').toUpperCase();
	if (url.pathname.startsWith('/__sandbox/')) return handleControl(runtime.sandbox, runtime.routes, url, method, rawBody, res);
	const exchange = openExchange(runtime, req, res, url, method, size);
	try {
		await serveGraph(exchange, rawBody, size);
	} catch (caught) {
		if (caught instanceof GraphError) return respond(exchange, caught.httpStatus, caught.toBody());
		throw caught;
	}
}

function bearerToken(req: http.IncomingMessage, url: URL): string | undefined {
	const auth = String(req.headers.authorization ?? '');
	const match = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(auth);
	return match?.[1] ?? url.searchParams.get('access_token') ?? undefined;
}

/** Logs the request (token masked) and returns the exchange that answers it. */
function openExchange(runtime: SandboxRuntime, req: http.IncomingMessage, res: http.ServerResponse, url: URL, method: string, size: number): Exchange {
	const contentType = String(req.headers['content-type'] ?? '');
	const headers: Record<string, string> = {};
	for (const [key, value] of Object.entries(req.headers)) {
		headers[key] = key === 'authorization' ? String(value).replace(/\s.*/, ' ***') : String(value);
	}
	const query = Object.fromEntries(url.searchParams.entries());
	if (query.access_token !== undefined) query.access_token = '***';
	const token = bearerToken(req, url);
	const entry: LoggedRequest = {
		seq: runtime.nextSeq(),
		time: Date.now(),
		method,
		path: url.pathname,
		graphPath: url.pathname.replace(/^\/v\d+\.\d+/, ''),
		query,
		headers,
		contentType: contentType || undefined,
		files: [],
		rawSize: size,
		authenticated: token === runtime.sandbox.state.token,
	};
	runtime.sandbox.requests.push(entry);
	return { runtime, req, res, entry, url, method, contentType, token };
}

function respond(exchange: Exchange, status: number, payload: unknown, extraHeaders: Record<string, string> = {}) {
	exchange.entry.status = status;
	const code = (payload as { error?: { code?: number } })?.error?.code;
	if (code !== undefined) exchange.entry.graphErrorCode = code;
	sendJson(exchange.res, exchange.runtime.sandbox.state, status, payload, extraHeaders);
}

/** Logs the status as 0 and destroys the socket: the caller never learns what happened. */
function dropConnection(exchange: Exchange) {
	exchange.entry.status = 0;
	exchange.req.socket.destroy();
}

function parseBody(rawBody: Buffer, size: number, contentType: string): { body: unknown; files: UploadedFile[] } {
	if (size > MAX_BODY_BYTES) throw new GraphError(100, 'Invalid parameter', { details: 'Request body too large' });
	if (/application\/json/i.test(contentType) && rawBody.length) {
		try {
			return { body: JSON.parse(rawBody.toString('utf8')), files: [] };
		} catch {
			throw new GraphError(100, 'Invalid parameter', { details: 'The request body is not valid JSON' });
		}
	}
	if (/application\/x-www-form-urlencoded/i.test(contentType)) {
		return { body: Object.fromEntries(new URLSearchParams(rawBody.toString('utf8')).entries()), files: [] };
	}
	if (/multipart\/form-data/i.test(contentType)) {
		const parsed = parseMultipart(rawBody, contentType);
		return { body: parsed.fields, files: parsed.files };
	}
	return { body: undefined, files: [] };
}

/** The request's token: its header or query, else a form or JSON body's access_token (Graph takes either). */
function bodyToken(body: unknown): string | undefined {
	const token = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>).access_token : undefined;
	return typeof token === 'string' ? token : undefined;
}

function logBody(entry: LoggedRequest, body: unknown, files: UploadedFile[]) {
	// The log is what tests see: a token sent in the body is masked like the header's.
	entry.body = bodyToken(body) === undefined ? body : { ...(body as Record<string, unknown>), access_token: '***' };
	entry.files = files.map((f) => ({
		field: f.field,
		filename: f.filename,
		contentType: f.contentType,
		size: f.data.length,
		sha256: createHash('sha256').update(f.data).digest('hex'),
	}));
}

/**
 * Graph's answers to a missing or wrong token; raw routes marked unauthenticated skip this.
 * App-level edges take only the app access token, every other route only the user token.
 */
function checkToken(exchange: Exchange, match: PathMatch) {
	if (match.rawRoute && !match.rawRoute.authenticated) return;
	const { routes, sandbox } = exchange.runtime;
	if (needsAppToken(routes, sandbox.state, exchange.method, match)) {
		if (exchange.token === appAccessToken(sandbox.state)) return;
		if (exchange.token === sandbox.state.token) throw appTokenRequired();
		throw new GraphError(190, 'Invalid OAuth access token signature.', { httpStatus: 400 });
	}
	if (!exchange.token) {
		throw new GraphError(2500, 'An active access token must be used to query information about the current user.', {
			httpStatus: 400,
		});
	}
	if (exchange.token !== exchange.runtime.sandbox.state.token) {
		throw new GraphError(190, 'Invalid OAuth access token - Cannot parse access token', { httpStatus: 401, subcode: 463 });
	}
}

/** Answers a queued rule that carries a body or code; returns whether it answered. */
function answerQueuedFault(exchange: Exchange, rule: NonNullable<ReturnType<typeof takeQueuedFault>>): boolean {
	if (rule.body === undefined && rule.code === undefined) return false;
	const payload = queuedFaultBody(rule);
	exchange.entry.status = rule.status ?? 400;
	if (typeof payload === 'string') {
		exchange.res.writeHead(exchange.entry.status, { 'content-type': 'text/html', ...(rule.headers ?? {}) });
		exchange.res.end(payload);
		return true;
	}
	respond(exchange, rule.status ?? 400, payload, rule.headers);
	return true;
}

async function serveGraph(exchange: Exchange, rawBody: Buffer, size: number): Promise<void> {
	const { runtime, url, method, entry } = exchange;
	const { sandbox } = runtime;
	const { body, files } = parseBody(rawBody, size, exchange.contentType);
	logBody(entry, body, files);
	exchange.token ??= bodyToken(body);

	if (sandbox.faults.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, sandbox.faults.latencyMs));

	// Queued faults first: they let a test script exactly which call fails and how.
	const rule = takeQueuedFault(sandbox.faults, method, url.pathname);
	if (rule?.dropConnection) return dropConnection(exchange);
	const dropAfter = rule?.dropAfterHandling === true;
	if (rule && !dropAfter && answerQueuedFault(exchange, rule)) return;

	const match = matchPath(runtime.routes, method, url.pathname);
	checkToken(exchange, match);
	if (!match.rawRoute) {
		const fault = randomFault(sandbox.faults, runtime.dice, sandbox.state, url.pathname);
		if (fault) return respond(exchange, fault.error.httpStatus, fault.error.toBody(), fault.headers);
	}

	const input: Record<string, unknown> = Object.fromEntries(url.searchParams.entries());
	if (body && typeof body === 'object' && !Array.isArray(body)) Object.assign(input, body);
	const { handler, params, version } = resolveHandler(runtime.routes, sandbox.state, method, url.pathname, match);
	const ctx: RequestContext = {
		state: sandbox.state,
		sandbox,
		method,
		url,
		version,
		params,
		query: url.searchParams,
		headers: exchange.req.headers,
		input,
		body,
		rawBody,
		contentType: exchange.contentType,
		files,
	};
	const result = await handler(ctx);
	if (dropAfter) return dropConnection(exchange);
	writeResult(exchange, result);
}

function writeResult(exchange: Exchange, result: HandlerResult) {
	exchange.entry.status = result.status ?? 200;
	if ('raw' in result) {
		exchange.res.writeHead(exchange.entry.status, { 'content-type': result.contentType, ...(result.headers ?? {}) });
		exchange.res.end(result.raw);
		return;
	}
	respond(exchange, exchange.entry.status, result.json, result.headers);
}
