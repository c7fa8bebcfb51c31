/**
 * The WABA sandbox: a local Graph API server that behaves as Meta documents for every endpoint this
 * package calls. No dependencies: Node's `http` only. Start it on port 0 from tests (`startSandbox`)
 * or from `npm run sandbox`. The pieces: types.ts (shapes), routing.ts (route table), handle.ts
 * (one request), faults.ts, control.ts (`/__sandbox/*`), multipart.ts, routes/ (Meta's endpoints).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { createRequestListener, type SandboxRuntime } from './handle';
import { routedWebhookTarget } from './routes/appSubscriptions';
import { buildRouteTable, type RouteTable } from './routing';
import { metaEventPayload } from '../support/metaEvents';
import { seededRandom } from '../support/random';
import { signWebhookBody } from '../support/signature';
import { createState, type SandboxIdentity, type SandboxState } from './state';
import type { FaultSettings, LoggedRequest, Sandbox, WebhookAnswer, WebhookDelivery } from './types';

export { parseMultipart } from './multipart';
export type {
	FaultRule,
	FaultSettings,
	Handler,
	HandlerResult,
	LoggedRequest,
	RequestContext,
	RouteRegistry,
	Sandbox,
	ThrottleSettings,
	UploadedFile,
	WebhookAnswer,
	WebhookDelivery,
} from './types';

export interface SandboxOptions {
	port?: number;
	host?: string;
	identity?: SandboxIdentity;
	seed?: Record<string, unknown>;
}

/** Sends one webhook: to `delivery.url`, or without one where Meta would (status 0 and why, when nowhere). */
async function deliverWebhook(state: SandboxState, routes: RouteTable, delivery: WebhookDelivery): Promise<WebhookAnswer> {
	const payload = delivery.event ? metaEventPayload({ wabaId: state.wabaId }, delivery.event) : delivery.payload;
	const target = delivery.url ? { url: delivery.url } : routedWebhookTarget(state, payload);
	if (!target.url) return { status: 0, body: `not delivered: ${target.reason}` };
	const body = delivery.rawBody ?? JSON.stringify(payload);
	if (payload !== undefined) for (const observe of routes.webhookObservers) observe(state, payload);
	const headers: Record<string, string> = { 'content-type': 'application/json', ...(delivery.headers ?? {}) };
	const signature = delivery.signature === undefined ? signWebhookBody(body, delivery.secret ?? state.appSecret) : delivery.signature;
	if (signature !== null) headers['x-hub-signature-256'] = signature;
	const response = await fetch(target.url, { method: 'POST', headers, body: typeof body === 'string' ? body : new Uint8Array(body) });
	// Where it went is news only when the sandbox chose.
	return { status: response.status, body: await response.text(), ...(delivery.url ? {} : { url: target.url }) };
}

/** The Sandbox handle over the runtime's state, log and faults; `close` stops the server. */
function createSandboxHandle(options: SandboxOptions, routes: RouteTable, runtime: Omit<SandboxRuntime, 'sandbox'>, close: () => Promise<void>): Sandbox {
	let state = createState(options.identity);
	const requests: LoggedRequest[] = [];
	const faults: FaultSettings = { latencyMs: 0, serverErrorRate: 0, seed: 1, queue: [] };
	return {
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
				const seeder = routes.seeders.get(key);
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
			runtime.dice = seededRandom(1).next;
		},
		setFaults: (update) => {
			Object.assign(faults, update);
			if (update.seed !== undefined) runtime.dice = seededRandom(update.seed).next;
		},
		sendWebhook: (delivery) => deliverWebhook(state, routes, delivery),
		close,
	};
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const routes = buildRouteTable();
	let seq = 0;
	const runtime = { routes, dice: seededRandom(1).next, nextSeq: () => ++seq } as SandboxRuntime;
	const server = http.createServer(createRequestListener(runtime));
	runtime.sandbox = createSandboxHandle(options, routes, runtime, async () => {
		await new Promise<void>((resolve) => {
			server.close(() => resolve());
			server.closeAllConnections();
		});
	});
	const { sandbox } = runtime;
	await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
	const address = server.address() as AddressInfo;
	sandbox.port = address.port;
	sandbox.url = `http://${options.host ?? '127.0.0.1'}:${address.port}`;
	if (options.seed) sandbox.seed(options.seed);
	return sandbox;
}
