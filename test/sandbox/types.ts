/**
 * The sandbox's shapes: what a route handler receives and returns, the request log, the fault
 * settings and the Sandbox handle tests hold. Re-exported by server.ts.
 */
import type http from 'node:http';

import type { NodeKind, SandboxIdentity, SandboxState } from './state';
import type { MetaEventRequest } from '../support/metaEvents';

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
	/** Path parameters: `id`, `edge` (and `key`) for node routes, `rest` for raw routes. */
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
	/**
	 * `GET /{id}` style calls on a node of the given kind; `edge` is '' for the node itself, and
	 * `<edge>/*` for `/{id}/<edge>/{key}` (the key in `params.key`).
	 */
	node(method: string, kind: NodeKind, edge: string, handler: Handler, options?: { appToken?: boolean }): void;
	/** A path outside Graph's `/{version}/{id}` scheme (media downloads, profile pictures). */
	raw(method: string, prefix: string, handler: Handler, options?: { authenticated?: boolean }): void;
	/** A seeder for `sandbox.seed({ key: [...] })`, turning partial records into full ones. */
	seeder(key: string, seed: (state: SandboxState, records: unknown[]) => void): void;
	/** A test control under `/__sandbox/` (not logged, no auth, no faults); `body` is the parsed JSON. */
	control(method: string, path: string, handler: ControlHandler): void;
	/** A key added to `GET /__sandbox/state`. */
	stateView(key: string, view: (state: SandboxState) => unknown): void;
	/** Called with each payload `sandbox.sendWebhook` delivers (e.g. to see inbound messages). */
	webhookObserver(observe: (state: SandboxState, payload: unknown) => void): void;
}

export type ControlHandler = (sandbox: Sandbox, body: Record<string, unknown>) => unknown;

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
	/** Throttle only calls whose path contains this text (e.g. `/messages`); default all. */
	pathIncludes?: string;
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
	/** Where to POST; without it the sandbox routes the payload as Meta would (routes/appSubscriptions.ts). */
	url?: string;
	payload?: unknown;
	/** Build the payload from Meta's documented shapes instead (test/support/metaEvents.ts), for this WABA. */
	event?: MetaEventRequest;
	/** Send exactly these bytes instead of JSON.stringify(payload). */
	rawBody?: string | Buffer;
	/** The App Secret to sign with; defaults to the sandbox's. */
	secret?: string;
	/** Override the X-Hub-Signature-256 header; null sends none. */
	signature?: string | null;
	headers?: Record<string, string>;
}

/** n8n's answer to a webhook; status 0 (and why in `body`) when Meta would send it nowhere. */
export interface WebhookAnswer {
	status: number;
	body: string;
	/** Where it went, when the sandbox routed it (no `url` in the delivery). */
	url?: string;
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
	sendWebhook(delivery: WebhookDelivery): Promise<WebhookAnswer>;
	close(): Promise<void>;
}
