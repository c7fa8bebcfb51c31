/** The `/__sandbox/*` control routes the e2e suite and the dev command drive over HTTP. */
import type http from 'node:http';

import { GraphError } from './graph';
import { sendJson } from './respond';
import type { RouteTable } from './routing';
import type { SandboxIdentity, SandboxState } from './state';
import type { FaultSettings, Sandbox, WebhookDelivery } from './types';

/** What `GET /__sandbox/state` shows: the records, without file bytes. */
function stateSnapshot(state: SandboxState, routes: RouteTable) {
	return {
		wabaId: state.wabaId,
		appId: state.appId,
		sequences: [...state.sequences.values()],
		templates: [...state.templates.values()].map((t) => ({ ...t })),
		flows: [...state.flows.values()],
		media: [...state.media.values()].map(({ data: _data, ...rest }) => rest),
		phoneNumbers: [...state.phoneNumbers.values()].map((p) => ({ ...p, profile: { ...p.profile, profile_picture: undefined } })),
		subscribedApps: state.subscribedApps,
		...Object.fromEntries([...routes.stateViews].map(([key, view]) => [key, view(state)])),
	};
}

export async function handleControl(sandbox: Sandbox, routes: RouteTable, url: URL, method: string, rawBody: Buffer, res: http.ServerResponse): Promise<void> {
	const body = rawBody.length ? (JSON.parse(rawBody.toString('utf8')) as Record<string, unknown>) : {};
	const send = (status: number, payload: unknown) => sendJson(res, sandbox.state, status, payload);
	const route = `${method} ${url.pathname}`;
	switch (route) {
		case 'GET /__sandbox/requests':
			return send(200, sandbox.requests);
		case 'DELETE /__sandbox/requests':
			sandbox.clearRequests();
			return send(200, { success: true });
		case 'POST /__sandbox/seed':
			sandbox.seed(body);
			return send(200, { success: true });
		case 'POST /__sandbox/reset':
			sandbox.reset(body as SandboxIdentity);
			return send(200, { success: true });
		case 'POST /__sandbox/faults':
			sandbox.setFaults(body as Partial<FaultSettings>);
			return send(200, { success: true });
		case 'POST /__sandbox/webhook':
			return send(200, await sandbox.sendWebhook(body as unknown as WebhookDelivery));
		case 'GET /__sandbox/state':
			return send(200, stateSnapshot(sandbox.state, routes));
		default:
			return runRegisteredControl(sandbox, routes, route, body, send);
	}
}

/** A control a route module registered (messaging's inbound messages, rates, ...). */
async function runRegisteredControl(
	sandbox: Sandbox,
	routes: RouteTable,
	route: string,
	body: Record<string, unknown>,
	send: (status: number, payload: unknown) => void,
): Promise<void> {
	const control = routes.controls.get(route);
	if (!control) return send(404, { error: 'unknown sandbox control' });
	try {
		return send(200, await control(sandbox, body));
	} catch (error) {
		if (error instanceof GraphError) return send(error.httpStatus, error.toBody());
		return send(400, { error: { message: (error as Error).message } });
	}
}
