/**
 * The WABA sandbox: a local Graph API server that behaves as Meta documents for every endpoint this
 * package calls. No dependencies: Node's `http` only. Start it on port 0 from tests (`startSandbox`)
 * or from `npm run sandbox`.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { seededRandom } from '../support/random';
import { signWebhookBody } from '../support/signature';
import { GraphError, fbtraceId, unknownObject } from './graph';
import { registerAllRoutes } from './routes';
import { createState, kindOf, type NodeKind, type SandboxIdentity, type SandboxState } from './state';

export interface UploadedFile {
	field: string;
	filename?: string;
	contentType?: string;
	data: Buffer;
}

export interface LoggedRequest {
	seq: number;
	time: number;
	method: string;
	/** Path without the query string, e.g. `/v25.0/102290129340398/welcome_message_sequences`. */
	path: string;
	/** Path without the version prefix, e.g. `/102290129340398/welcome_message_sequences`. */
	graphPath: string;
	query: Record<string, string>;
	headers: Record<string, string>;
	contentType?: string;
	/** Parsed JSON, form or multipart fields; undefined for raw bodies. */
	body?: unknown;
	files: Array<{ field: string; filename?: string; contentType?: string; size: number; sha256: string }>;
	rawSize: number;
	/** Whether the request carried the sandbox's valid token. */
	authenticated: boolean;
	status?: number;
	graphErrorCode?: number;
}

export interface RequestContext {
	state: SandboxState;
	sandbox: Sandbox;
	method: string;
	url: URL;
	version: string;
	/** Path parameters: `id` and `edge` for node routes, named ones for pattern routes. */
	params: Record<string, string>;
	query: URLSearchParams;
	headers: http.IncomingHttpHeaders;
	/** Query and body parameters merged, as Graph accepts either (body wins). */
	input: Record<string, unknown>;
	/** The parsed body alone. */
	body: unknown;
	rawBody: Buffer;
	contentType: string;
	files: UploadedFile[];
}

export type HandlerResult =
	| { status?: number; json: unknown; headers?: Record<string, string> }
	| { status?: number; raw: Buffer | string; contentType: string; headers?: Record<string, string> };

export type Handler = (ctx: RequestContext) => HandlerResult | Promise<HandlerResult>;

export interface RouteRegistry {
	/** `GET /{id}` style calls on a node of the given kind; `edge` is '' for the node itself. */
	node(method: string, kind: NodeKind, edge: string, handler: Handler): void;
	/** A path outside Graph's `/{version}/{id}` scheme (media downloads, profile pictures). */
	raw(method: string, prefix: string, handler: Handler, options?: { authenticated?: boolean }): void;
	/** A seeder for `sandbox.seed({ key: [...] })`, turning partial records into full ones. */
	seeder(key: string, seed: (state: SandboxState, records: unknown[]) => void): void;
}

export interface FaultRule {
	method?: string;
	/** The rule applies when the request path contains this text. */
	pathIncludes?: string;
	/** How many matching requests it applies to (default 1). */
	times?: number;
	/** Answer with this status and Graph error code (or body). */
	status?: number;
	code?: number;
	body?: unknown;
	headers?: Record<string, string>;
	/** Read the request, then destroy the socket without answering (an ambiguous failure). */
	dropConnection?: boolean;
	/** Carry the request out, then destroy the socket without answering. */
	dropAfterHandling?: boolean;
}

export interface ThrottleSettings {
	/** Share of Graph calls (0..1) answered with a throttling error. */
	rate: number;
	/** Which throttling answers to pick from; 429 means a plain HTTP 429 with code 4. */
	codes: number[];
	/** Minutes put in x-business-use-case-usage's estimated_time_to_regain_access. */
	regainMinutes?: number;
}

export interface FaultSettings {
	latencyMs: number;
	throttle?: ThrottleSettings;
	/** Share of Graph calls (0..1) answered with a 500/503 server error. */
	serverErrorRate: number;
	/** Seed for the fault dice, so a chaotic run is reproducible. */
	seed: number;
	queue: FaultRule[];
}

export interface WebhookDelivery {
	url: string;
	payload?: unknown;
	/** Send exactly these bytes instead of JSON.stringify(payload). */
	rawBody?: string | Buffer;
	/** The App Secret to sign with; defaults to the sandbox's. */
	secret?: string;
	/** Override the X-Hub-Signature-256 header; null sends none. */
	signature?: string | null;
	headers?: Record<string, string>;
}

export interface Sandbox {
	url: string;
	port: number;
	state: SandboxState;
	requests: LoggedRequest[];
	faults: FaultSettings;
	/** Graph requests (control and download paths excluded) matching a filter. */
	requestsTo(method: string, pathIncludes: string): LoggedRequest[];
	clearRequests(): void;
	seed(data: Record<string, unknown>): void;
	reset(identity?: SandboxIdentity): void;
	setFaults(faults: Partial<FaultSettings>): void;
	sendWebhook(delivery: WebhookDelivery): Promise<{ status: number; body: string }>;
	close(): Promise<void>;
}

interface NodeRoute {
	method: string;
	kind: NodeKind;
	edge: string;
	handler: Handler;
}

interface RawRoute {
	method: string;
	prefix: string;
	handler: Handler;
	authenticated: boolean;
}

/** Parses multipart/form-data (RFC 7578) into fields and files. */
export function parseMultipart(raw: Buffer, contentType: string): { fields: Record<string, string>; files: UploadedFile[] } {
	const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
	if (!match) throw new GraphError(100, 'Invalid parameter', { details: 'multipart body without boundary' });
	const boundary = Buffer.from(`--${match[1] ?? match[2]}`);
	const fields: Record<string, string> = {};
	const files: UploadedFile[] = [];
	let position = raw.indexOf(boundary);
	while (position !== -1) {
		const partStart = position + boundary.length;
		if (raw.slice(partStart, partStart + 2).toString() === '--') break;
		const next = raw.indexOf(boundary, partStart);
		if (next === -1) break;
		// Skip the CRLF after the boundary; drop the CRLF before the next one.
		const part = raw.slice(partStart + 2, next - 2);
		const headerEnd = part.indexOf('\r\n\r\n');
		if (headerEnd !== -1) {
			const headerText = part.slice(0, headerEnd).toString('utf8');
			const data = part.slice(headerEnd + 4);
			const disposition = /content-disposition:[^\r\n]*/i.exec(headerText)?.[0] ?? '';
			const name = /\bname="([^"]*)"/i.exec(disposition)?.[1] ?? '';
			const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
			const partType = /content-type:\s*([^\r\n]+)/i.exec(headerText)?.[1]?.trim();
			if (filename !== undefined) files.push({ field: name, filename, contentType: partType, data });
			else fields[name] = data.toString('utf8');
		}
		position = next;
	}
	return { fields, files };
}

const MAX_BODY_BYTES = 160 * 1024 * 1024;

function usageHeader(state: SandboxState, regainMinutes = 0): string {
	return JSON.stringify({
		[state.wabaId]: [
			{
				type: 'whatsapp_business_management',
				call_count: regainMinutes ? 100 : 1,
				total_cputime: 1,
				total_time: 1,
				estimated_time_to_regain_access: regainMinutes,
			},
		],
	});
}

export async function startSandbox(options: { port?: number; host?: string; identity?: SandboxIdentity; seed?: Record<string, unknown> } = {}): Promise<Sandbox> {
	const nodeRoutes: NodeRoute[] = [];
	const rawRoutes: RawRoute[] = [];
	const seeders = new Map<string, (state: SandboxState, records: unknown[]) => void>();
	const registry: RouteRegistry = {
		node: (method, kind, edge, handler) => nodeRoutes.push({ method, kind, edge, handler }),
		raw: (method, prefix, handler, routeOptions) =>
			rawRoutes.push({ method, prefix, handler, authenticated: routeOptions?.authenticated ?? true }),
		seeder: (key, seed) => seeders.set(key, seed),
	};
	registerAllRoutes(registry);

	let state = createState(options.identity);
	let seq = 0;
	let dice = seededRandom(1).next;
	const requests: LoggedRequest[] = [];
	const faults: FaultSettings = { latencyMs: 0, serverErrorRate: 0, seed: 1, queue: [] };

	const sandbox: Sandbox = {
		url: '',
		port: 0,
		get state() {
			return state;
		},
		requests,
		faults,
		requestsTo: (method, pathIncludes) =>
			requests.filter((r) => r.method === method.toUpperCase() && r.path.includes(pathIncludes)),
		clearRequests: () => {
			requests.length = 0;
		},
		seed: (data) => {
			for (const [key, value] of Object.entries(data)) {
				const seeder = seeders.get(key);
				if (seeder) seeder(state, Array.isArray(value) ? value : [value]);
				else if (key in state) (state as unknown as Record<string, unknown>)[key] = value;
				else throw new Error(`The sandbox has no seeder for "${key}"`);
			}
		},
		reset: (identity) => {
			// A reset keeps the identity the sandbox started with, except for the fields given.
			state = createState({ ...(options.identity ?? {}), ...(identity ?? {}) });
			requests.length = 0;
			faults.latencyMs = 0;
			faults.serverErrorRate = 0;
			faults.throttle = undefined;
			faults.queue.length = 0;
			faults.seed = 1;
			dice = seededRandom(1).next;
		},
		setFaults: (update) => {
			Object.assign(faults, update);
			if (update.seed !== undefined) dice = seededRandom(update.seed).next;
		},
		sendWebhook: async (delivery) => {
			const body = delivery.rawBody ?? JSON.stringify(delivery.payload);
			const headers: Record<string, string> = { 'content-type': 'application/json', ...(delivery.headers ?? {}) };
			const signature = delivery.signature === undefined ? signWebhookBody(body, delivery.secret ?? state.appSecret) : delivery.signature;
			if (signature !== null) headers['x-hub-signature-256'] = signature;
			const response = await fetch(delivery.url, { method: 'POST', headers, body: typeof body === 'string' ? body : new Uint8Array(body) });
			return { status: response.status, body: await response.text() };
		},
		close: async () => {
			await new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			});
		},
	};

	const send = (res: http.ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}) => {
		const text = JSON.stringify(payload);
		res.writeHead(status, {
			'content-type': 'application/json; charset=UTF-8',
			'x-fb-trace-id': fbtraceId(),
			'x-business-use-case-usage': usageHeader(state),
			...headers,
		});
		res.end(text);
	};

	const handleControl = async (url: URL, method: string, rawBody: Buffer, res: http.ServerResponse) => {
		const body = rawBody.length ? (JSON.parse(rawBody.toString('utf8')) as Record<string, unknown>) : {};
		const route = `${method} ${url.pathname}`;
		switch (route) {
			case 'GET /__sandbox/requests':
				return send(res, 200, requests);
			case 'DELETE /__sandbox/requests':
				sandbox.clearRequests();
				return send(res, 200, { success: true });
			case 'POST /__sandbox/seed':
				sandbox.seed(body);
				return send(res, 200, { success: true });
			case 'POST /__sandbox/reset':
				sandbox.reset(body as SandboxIdentity);
				return send(res, 200, { success: true });
			case 'POST /__sandbox/faults':
				sandbox.setFaults(body as Partial<FaultSettings>);
				return send(res, 200, { success: true });
			case 'POST /__sandbox/webhook':
				return send(res, 200, await sandbox.sendWebhook(body as unknown as WebhookDelivery));
			case 'GET /__sandbox/state':
				return send(res, 200, {
					wabaId: state.wabaId,
					appId: state.appId,
					sequences: [...state.sequences.values()],
					templates: [...state.templates.values()].map((t) => ({ ...t })),
					flows: [...state.flows.values()],
					media: [...state.media.values()].map(({ data: _data, ...rest }) => rest),
					phoneNumbers: [...state.phoneNumbers.values()].map((p) => ({ ...p, profile: { ...p.profile, profile_picture: undefined } })),
					subscribedApps: state.subscribedApps,
				});
			default:
				return send(res, 404, { error: 'unknown sandbox control' });
		}
	};

	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size <= MAX_BODY_BYTES) chunks.push(chunk);
		});
		req.on('end', () => {
			void handle(req, res, Buffer.concat(chunks), size).catch((error: Error) => {
				if (!res.headersSent) send(res, 500, { error: { message: `sandbox failure: ${error.message}`, code: 1 } });
			});
		});
	});

	const handle = async (req: http.IncomingMessage, res: http.ServerResponse, rawBody: Buffer, size: number) => {
		const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
		const method = (req.method ?? 'GET').toUpperCase();
		if (url.pathname.startsWith('/__sandbox/')) return handleControl(url, method, rawBody, res);

		const contentType = String(req.headers['content-type'] ?? '');
		const headers: Record<string, string> = {};
		for (const [key, value] of Object.entries(req.headers)) {
			headers[key] = key === 'authorization' ? String(value).replace(/\s.*/, ' ***') : String(value);
		}
		const token = (() => {
			const auth = String(req.headers.authorization ?? '');
			const match = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(auth);
			return match?.[1] ?? url.searchParams.get('access_token') ?? undefined;
		})();
		const entry: LoggedRequest = {
			seq: ++seq,
			time: Date.now(),
			method,
			path: url.pathname,
			graphPath: url.pathname.replace(/^\/v\d+\.\d+/, ''),
			query: Object.fromEntries(url.searchParams.entries()),
			headers,
			contentType: contentType || undefined,
			files: [],
			rawSize: size,
			authenticated: token === state.token,
		};
		requests.push(entry);

		const respond = (status: number, payload: unknown, extraHeaders: Record<string, string> = {}) => {
			entry.status = status;
			const code = (payload as { error?: { code?: number } })?.error?.code;
			if (code !== undefined) entry.graphErrorCode = code;
			send(res, status, payload, extraHeaders);
		};

		let files: UploadedFile[] = [];
		let body: unknown;
		try {
			if (size > MAX_BODY_BYTES) throw new GraphError(100, 'Invalid parameter', { details: 'Request body too large' });
			if (/application\/json/i.test(contentType) && rawBody.length) {
				try {
					body = JSON.parse(rawBody.toString('utf8'));
				} catch {
					throw new GraphError(100, 'Invalid parameter', { details: 'The request body is not valid JSON' });
				}
			} else if (/application\/x-www-form-urlencoded/i.test(contentType)) {
				body = Object.fromEntries(new URLSearchParams(rawBody.toString('utf8')).entries());
			} else if (/multipart\/form-data/i.test(contentType)) {
				const parsed = parseMultipart(rawBody, contentType);
				body = parsed.fields;
				files = parsed.files;
			}
			entry.body = body;
			entry.files = files.map((f) => ({
				field: f.field,
				filename: f.filename,
				contentType: f.contentType,
				size: f.data.length,
				sha256: createHash('sha256').update(f.data).digest('hex'),
			}));

			if (faults.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));

			// Queued faults first: they let a test script exactly which call fails and how.
			const ruleIndex = faults.queue.findIndex(
				(rule) => (!rule.method || rule.method.toUpperCase() === method) && (!rule.pathIncludes || url.pathname.includes(rule.pathIncludes)),
			);
			let dropAfter = false;
			if (ruleIndex !== -1) {
				const rule = faults.queue[ruleIndex];
				rule.times = (rule.times ?? 1) - 1;
				if (rule.times <= 0) faults.queue.splice(ruleIndex, 1);
				if (rule.dropConnection) {
					entry.status = 0;
					req.socket.destroy();
					return;
				}
				if (rule.dropAfterHandling) dropAfter = true;
				else if (rule.body !== undefined || rule.code !== undefined) {
					const payload =
						rule.body ?? new GraphError(rule.code!, 'Injected fault', { isTransient: (rule.status ?? 400) >= 500 }).toBody();
					entry.status = rule.status ?? 400;
					if (typeof payload === 'string') {
						res.writeHead(entry.status, { 'content-type': 'text/html', ...(rule.headers ?? {}) });
						res.end(payload);
						return;
					}
					return respond(rule.status ?? 400, payload, rule.headers);
				}
			}

			const rawRoute = rawRoutes.find((r) => r.method === method && url.pathname.startsWith(r.prefix));
			const versionMatch = /^\/(v\d+\.\d+)\/([^/]+)(?:\/([^/]+))?\/?$/.exec(url.pathname);
			if (!rawRoute && !versionMatch) {
				throw new GraphError(2500, `Unknown path components: ${url.pathname}`, { type: 'OAuthException' });
			}
			if (!rawRoute || rawRoute.authenticated) {
				if (!token) {
					throw new GraphError(2500, 'An active access token must be used to query information about the current user.', {
						httpStatus: 400,
					});
				}
				if (token !== state.token) {
					throw new GraphError(190, 'Invalid OAuth access token - Cannot parse access token', { httpStatus: 401, subcode: 463 });
				}
			}

			if (!rawRoute) {
				if (faults.throttle && faults.throttle.rate > 0 && dice() < faults.throttle.rate) {
					const codes = faults.throttle.codes.length ? faults.throttle.codes : [80007];
					const code = codes[Math.floor(dice() * codes.length)];
					const regain = faults.throttle.regainMinutes ?? 0;
					const error =
						code === 429
							? new GraphError(4, 'Application request limit reached', { httpStatus: 429, subcode: 2446079, isTransient: true })
							: new GraphError(code, code === 130429 ? 'Rate limit hit' : 'Rate limit issues', { httpStatus: 400, isTransient: true });
					return respond(error.httpStatus, error.toBody(), { 'x-business-use-case-usage': usageHeader(state, regain) });
				}
				if (faults.serverErrorRate > 0 && dice() < faults.serverErrorRate) {
					const status = dice() < 0.5 ? 500 : 503;
					const error = new GraphError(status === 503 ? 2 : 1, status === 503 ? 'Service temporarily unavailable' : 'An unknown error occurred', {
						httpStatus: status,
						isTransient: true,
					});
					return respond(status, error.toBody());
				}
			}

			const input: Record<string, unknown> = Object.fromEntries(url.searchParams.entries());
			if (body && typeof body === 'object' && !Array.isArray(body)) Object.assign(input, body);

			let handler: Handler | undefined;
			const params: Record<string, string> = {};
			let version = '';
			if (rawRoute) {
				handler = rawRoute.handler;
				params.rest = url.pathname.slice(rawRoute.prefix.length);
			} else {
				version = versionMatch![1];
				const id = decodeURIComponent(versionMatch![2]);
				const edge = versionMatch![3] ?? '';
				params.id = id;
				params.edge = edge;
				const kind = kindOf(state, id);
				if (!kind) throw unknownObject(id);
				const route = nodeRoutes.find((r) => r.method === method && r.kind === kind && r.edge === edge);
				if (!route) {
					if (edge) throw new GraphError(100, `Tried accessing nonexisting field (${edge}) on node type (${kind})`);
					throw new GraphError(100, `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not support this operation.`, {
						subcode: 33,
					});
				}
				handler = route.handler;
			}

			const ctx: RequestContext = {
				state,
				sandbox,
				method,
				url,
				version,
				params,
				query: url.searchParams,
				headers: req.headers,
				input,
				body,
				rawBody,
				contentType,
				files,
			};
			const result = await handler(ctx);
			if (dropAfter) {
				entry.status = 0;
				req.socket.destroy();
				return;
			}
			entry.status = result.status ?? 200;
			if ('raw' in result) {
				res.writeHead(entry.status, { 'content-type': result.contentType, ...(result.headers ?? {}) });
				res.end(result.raw);
				return;
			}
			return respond(entry.status, result.json, result.headers);
		} catch (caught) {
			if (caught instanceof GraphError) return respond(caught.httpStatus, caught.toBody());
			throw caught;
		}
	};

	await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
	const address = server.address() as AddressInfo;
	sandbox.port = address.port;
	sandbox.url = `http://${options.host ?? '127.0.0.1'}:${address.port}`;
	if (options.seed) sandbox.seed(options.seed);
	return sandbox;
}
