/**
 * `/{waba-id}/subscribed_apps` (graph-api.md section 6, "Subscribing"; MDOCS webhooks/override.mdx):
 * - GET lists the apps subscribed to the WABA: `{data:[{whatsapp_business_api_data:{id,link,name}, override_callback_uri?}]}`.
 * - POST with no body subscribes the calling app and removes its override; with JSON
 *   `{override_callback_uri, verify_token}` it sets a WABA-level alternate callback (URL of at
 *   most 200 characters) after Meta's verification GET to that URL echoes the challenge.
 * - DELETE unsubscribes the app.
 */
import { randomBytes } from 'node:crypto';

import { GraphError, invalidParameter } from '../graph';
import type { RequestContext, RouteRegistry } from '../server';
import type { SandboxState, SubscribedAppRecord } from '../state';

export const MAX_OVERRIDE_URL_LENGTH = 200;

function appRecord(state: SandboxState): SubscribedAppRecord {
	return { id: state.appId, name: 'Sandbox App', link: `https://www.facebook.com/games/?app_id=${state.appId}` };
}

function render(app: SubscribedAppRecord) {
	const entry: Record<string, unknown> = { whatsapp_business_api_data: { id: app.id, link: app.link, name: app.name } };
	if (app.override_callback_uri) entry.override_callback_uri = app.override_callback_uri;
	return entry;
}

/**
 * What Meta does before it accepts a callback: a GET with hub.mode, hub.challenge and
 * hub.verify_token, answered 200 with exactly the challenge. Anything else is error 2200.
 */
export async function verifyCallback(url: string, verifyToken: string): Promise<void> {
	const challenge = String(randomBytes(5).readUInt32BE(0));
	const target = new URL(url);
	target.searchParams.set('hub.mode', 'subscribe');
	target.searchParams.set('hub.challenge', challenge);
	target.searchParams.set('hub.verify_token', verifyToken);
	let status = 0;
	let text = '';
	let failure = '';
	try {
		const response = await fetch(target, { method: 'GET', signal: AbortSignal.timeout(5_000) });
		status = response.status;
		text = await response.text();
	} catch (error) {
		failure = (error as Error).message;
	}
	if (failure || status !== 200 || text !== challenge) {
		const reason = failure
			? `curl_errno = 7; curl_error = ${failure}`
			: status !== 200
				? `HTTP Status Code = ${status}`
				: 'The URL couldn\'t be validated. Response does not match challenge';
		throw new GraphError(2200, `Callback verification failed with the following errors: ${reason}`, {
			userTitle: 'Callback verification failed',
			userMsg: 'The callback URL or verify token couldn\'t be validated. Please verify the provided information or try again later.',
		});
	}
}

async function subscribe(ctx: RequestContext) {
	const input = ctx.input;
	const override = input.override_callback_uri;
	const verifyToken = input.verify_token;
	const existing = ctx.state.subscribedApps.find((app) => app.id === ctx.state.appId);
	const record = existing ?? appRecord(ctx.state);
	if (override === undefined || override === null || override === '') {
		delete record.override_callback_uri;
		delete record.verify_token;
	} else {
		if (typeof override !== 'string') throw invalidParameter('override_callback_uri must be a URL string');
		if (override.length > MAX_OVERRIDE_URL_LENGTH) {
			throw invalidParameter(`override_callback_uri must be at most ${MAX_OVERRIDE_URL_LENGTH} characters`);
		}
		let parsed: URL;
		try {
			parsed = new URL(override);
		} catch {
			throw invalidParameter('override_callback_uri is not a valid URL');
		}
		if (!/^https?:$/.test(parsed.protocol) || (ctx.state.requireHttpsCallbacks && parsed.protocol !== 'https:')) {
			throw invalidParameter('override_callback_uri must be an https URL');
		}
		if (typeof verifyToken !== 'string' || verifyToken === '') {
			throw invalidParameter('verify_token is required with override_callback_uri');
		}
		await verifyCallback(override, verifyToken);
		record.override_callback_uri = override;
		record.verify_token = verifyToken;
	}
	if (!existing) ctx.state.subscribedApps.push(record);
	return { json: { success: true } };
}

export function register(registry: RouteRegistry): void {
	registry.node('GET', 'waba', 'subscribed_apps', (ctx) => ({ json: { data: ctx.state.subscribedApps.map(render) } }));
	registry.node('POST', 'waba', 'subscribed_apps', subscribe);
	registry.node('DELETE', 'waba', 'subscribed_apps', (ctx) => {
		ctx.state.subscribedApps = ctx.state.subscribedApps.filter((app) => app.id !== ctx.state.appId);
		return { json: { success: true } };
	});
	registry.seeder('subscribedApps', (state, records) => {
		for (const partial of records as Array<Partial<SubscribedAppRecord>>) {
			const id = partial.id ?? state.appId;
			state.subscribedApps = state.subscribedApps.filter((app) => app.id !== id);
			state.subscribedApps.push({ name: `App ${id}`, link: `https://www.facebook.com/games/?app_id=${id}`, ...partial, id });
		}
	});
}
