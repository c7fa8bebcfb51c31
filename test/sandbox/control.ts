/** The `/__sandbox/*` control routes the e2e suite and the dev command drive over HTTP. */
import type http from 'node:http';

import { sendJson } from './respond';
import type { SandboxIdentity, SandboxState } from './state';
import type { FaultSettings, Sandbox, WebhookDelivery } from './types';

/** What `GET /__sandbox/state` shows: the records, without file bytes. */
function stateSnapshot(state: SandboxState) {
	return {
		wabaId: state.wabaId,
		appId: state.appId,
		sequences: [...state.sequences.values()],
		templates: [...state.templates.values()].map((t) => ({ ...t })),
		flows: [...state.flows.values()],
		media: [...state.media.values()].map(({ data: _data, ...rest }) => rest),
		phoneNumbers: [...state.phoneNumbers.values()].map((p) => ({ ...p, profile: { ...p.profile, profile_picture: undefined } })),
		subscribedApps: state.subscribedApps,
	};
}

export async function handleControl(sandbox: Sandbox, url: URL, method: string, rawBody: Buffer, res: http.ServerResponse): Promise<void> {
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
			return send(200, stateSnapshot(sandbox.state));
		default:
			return send(404, { error: 'unknown sandbox control' });
	}
}
