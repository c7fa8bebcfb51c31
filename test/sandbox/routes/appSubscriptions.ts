/**
 * `/{app-id}/subscriptions`, the app's webhook subscriptions
 * (https://developers.facebook.com/docs/graph-api/reference/app/subscriptions/,
 * https://developers.facebook.com/docs/graph-api/webhooks/subscriptions-edge):
 * - only with the app access token `{app-id}|{app-secret}` (Authorization header, query or body);
 *   any other token gets (#15) "This method must be called with an app access_token".
 * - GET: `{data:[{object, callback_url, active, fields:[{name, version}]}]}`.
 * - POST object, callback_url, verify_token, fields (comma-separated), include_values: Meta first
 *   sends the verification GET to callback_url (error 2200 when the challenge is not echoed). One
 *   callback per object. The reference does not say whether `fields` adds to or replaces the list;
 *   the sandbox replaces it, the stricter reading, so a client that forgets the others loses them.
 * - DELETE object and fields: removes only those fields; without fields the object's subscription,
 *   without object every subscription.
 * Webhook routing (`sandbox.sendWebhook` without a url) also lives here: Meta sends a field only
 * when the app subscribes it, messages/echoes/history to the number's or WABA's override first
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/override/),
 * every other field to the app's callback.
 */
import { GraphError, invalidParameter } from '../graph';
import type { RequestContext, RouteRegistry } from '../server';
import type { AppSubscriptionRecord, SandboxState } from '../state';
import { verifyCallback } from './subscriptions';

export const WABA_OBJECT = 'whatsapp_business_account';
const OBJECTS = ['user', 'page', 'permissions', 'payments', 'instagram', WABA_OBJECT];

/** The WABA webhook fields of Meta's webhooks reference (webhooks/overview, "Fields"), plus flows (Flows webhooks). */
export const WABA_WEBHOOK_FIELDS = [
	'account_alerts',
	'account_review_update',
	'account_update',
	'automatic_events',
	'business_capability_update',
	'flows',
	'history',
	'message_template_components_update',
	'message_template_quality_update',
	'message_template_status_update',
	'messages',
	'partner_solutions',
	'payment_configuration_update',
	'phone_number_name_update',
	'phone_number_quality_update',
	'security',
	'smb_app_state_sync',
	'smb_message_echoes',
	'template_category_update',
	'user_preferences',
];

/** The fields a WABA's (or a number's) callback override receives (webhooks/override). */
const OVERRIDE_FIELDS = ['messages', 'smb_message_echoes', 'history'];

export const appAccessToken = (state: SandboxState) => `${state.appId}|${state.appSecret}`;

function listOf(value: unknown): string[] {
	if (Array.isArray(value)) return value.map(String);
	if (typeof value !== 'string') return [];
	const text = value.trim();
	if (text.startsWith('[')) {
		try {
			return (JSON.parse(text) as unknown[]).map(String);
		} catch {
			throw invalidParameter('fields is not a valid list');
		}
	}
	return text.split(',').map((field) => field.trim()).filter(Boolean);
}

function objectOf(ctx: RequestContext, required: boolean): string | undefined {
	const object = ctx.input.object;
	if (object === undefined || object === '') {
		if (required) throw invalidParameter('The parameter object is required');
		return undefined;
	}
	if (typeof object !== 'string' || !OBJECTS.includes(object)) throw invalidParameter(`object must be one of ${OBJECTS.join(', ')}`);
	return object;
}

function checkedFields(object: string, fields: string[]): string[] {
	if (fields.length === 0) throw invalidParameter('The parameter fields is required');
	if (object === WABA_OBJECT) {
		const unknown = fields.filter((field) => !WABA_WEBHOOK_FIELDS.includes(field));
		if (unknown.length) throw invalidParameter(`Invalid field(s) for object ${object}: ${unknown.join(', ')}`);
	}
	return [...new Set(fields)];
}

function checkedCallback(state: SandboxState, value: unknown): string {
	if (typeof value !== 'string' || value === '') throw invalidParameter('The parameter callback_url is required');
	let parsed: URL;
	try {
		parsed = new URL(value);
	} catch {
		throw invalidParameter('callback_url is not a valid URL');
	}
	if (!/^https?:$/.test(parsed.protocol) || (state.requireHttpsCallbacks && parsed.protocol !== 'https:')) throw invalidParameter('callback_url must be an https URL');
	return value;
}

async function subscribe(ctx: RequestContext) {
	const object = objectOf(ctx, true)!;
	const callbackUrl = checkedCallback(ctx.state, ctx.input.callback_url);
	const verifyToken = ctx.input.verify_token;
	if (typeof verifyToken !== 'string' || verifyToken === '') throw invalidParameter('The parameter verify_token is required');
	const fields = checkedFields(object, listOf(ctx.input.fields));
	await verifyCallback(callbackUrl, verifyToken);
	const record: AppSubscriptionRecord = {
		object,
		callback_url: callbackUrl,
		verify_token: verifyToken,
		active: true,
		include_values: String(ctx.input.include_values) === 'true',
		fields: fields.map((name) => ({ name, version: ctx.version })),
	};
	ctx.state.appSubscriptions = [...ctx.state.appSubscriptions.filter((existing) => existing.object !== object), record];
	return { json: { success: true } };
}

function unsubscribe(ctx: RequestContext) {
	const object = objectOf(ctx, false);
	const fields = listOf(ctx.input.fields);
	if (!object) {
		ctx.state.appSubscriptions = [];
		return { json: { success: true } };
	}
	const record = ctx.state.appSubscriptions.find((existing) => existing.object === object);
	if (record && fields.length) record.fields = record.fields.filter((field) => !fields.includes(field.name));
	if (record && (!fields.length || record.fields.length === 0)) ctx.state.appSubscriptions = ctx.state.appSubscriptions.filter((existing) => existing !== record);
	return { json: { success: true } };
}

/** What Graph shows: never the verify token. */
function render(record: AppSubscriptionRecord) {
	return { object: record.object, callback_url: record.callback_url, active: record.active, fields: record.fields.map((field) => ({ ...field })) };
}

/** The app's callback for a field, when the app subscribes that field of the WABA object. */
export function appCallbackFor(state: SandboxState, field: string): string | undefined {
	const record = state.appSubscriptions.find((existing) => existing.object === WABA_OBJECT && existing.active);
	return record?.fields.some((entry) => entry.name === field) ? record.callback_url : undefined;
}

/** Where Meta would send a webhook payload of this WABA, or why nowhere. */
export function routedWebhookTarget(state: SandboxState, payload: unknown): { url?: string; reason?: string } {
	const change = (payload as { entry?: Array<{ changes?: Array<{ field?: string; value?: { metadata?: { phone_number_id?: string } } }> }> })?.entry?.[0]?.changes?.[0];
	const field = change?.field;
	if (!field) return { reason: 'the payload names no field' };
	const appCallback = appCallbackFor(state, field);
	if (!state.appSubscriptions.some((record) => record.object === WABA_OBJECT && record.fields.some((entry) => entry.name === field))) {
		return { reason: `the app does not subscribe the ${field} field` };
	}
	if (OVERRIDE_FIELDS.includes(field)) {
		const numberId = change?.value?.metadata?.phone_number_id;
		const numberOverride = numberId ? state.phoneNumbers.get(numberId)?.webhook_override?.override_callback_uri : undefined;
		const wabaOverride = state.subscribedApps.find((app) => app.id === state.appId)?.override_callback_uri;
		const url = numberOverride ?? wabaOverride ?? appCallback;
		return url ? { url } : { reason: 'no callback' };
	}
	return appCallback ? { url: appCallback } : { reason: 'the app subscription is inactive' };
}

export function register(registry: RouteRegistry): void {
	const appToken = { appToken: true };
	registry.node('GET', 'app', 'subscriptions', (ctx) => ({ json: { data: ctx.state.appSubscriptions.map(render) } }), appToken);
	registry.node('POST', 'app', 'subscriptions', subscribe, appToken);
	registry.node('DELETE', 'app', 'subscriptions', unsubscribe, appToken);
	registry.seeder('appSubscriptions', (state, records) => {
		for (const partial of records as Array<Partial<AppSubscriptionRecord> & { fields?: Array<string | { name: string; version?: string }> }>) {
			const object = partial.object ?? WABA_OBJECT;
			const fields = (partial.fields ?? []).map((field) => (typeof field === 'string' ? { name: field, version: 'v25.0' } : { name: field.name, version: field.version ?? 'v25.0' }));
			state.appSubscriptions = state.appSubscriptions.filter((existing) => existing.object !== object);
			state.appSubscriptions.push({ callback_url: '', verify_token: '', active: true, include_values: true, ...partial, object, fields });
		}
	});
	registry.stateView('appSubscriptions', (state) => state.appSubscriptions.map(render));
}

/** (#15): an app-level edge called with a user or System User token. */
export function appTokenRequired(): GraphError {
	return new GraphError(15, 'This method must be called with an app access_token.', { httpStatus: 400 });
}
