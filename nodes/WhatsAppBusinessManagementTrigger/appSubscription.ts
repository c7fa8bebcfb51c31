/**
 * Options > Subscribe App Webhook Fields: the app's own webhook subscription for the
 * whatsapp_business_account object, managed through `/{app-id}/subscriptions` with the app access
 * token (https://developers.facebook.com/docs/graph-api/reference/app/subscriptions/,
 * https://developers.facebook.com/docs/graph-api/webhooks/subscriptions-edge). An app has one
 * callback URL per object, and Meta sends only the fields subscribed there - to the WABA's override
 * too (events/fields.ts) - so activation subscribes the fields the selected events need and, when
 * it posts, makes this node the app's callback. Deactivation removes only the fields it added.
 */
import type { IDataObject, IHookFunctions } from 'n8n-workflow';

import { graphRequest, listFromResponse, type GraphCredentials } from '../shared/graph';
import { webhookFieldsOf } from './events';

export const WABA_OBJECT = 'whatsapp_business_account';

/** One entry of GET /{app-id}/subscriptions, as the reference shows it. */
export interface AppSubscription {
	object?: string;
	callback_url?: string;
	active?: boolean;
	fields?: Array<{ name?: string; version?: string } | string>;
}

export interface AppSubscriptionPlan {
	/** Whether the app's subscription already delivers what the selected events need, here. */
	inPlace: boolean;
	/** The selected events' fields the subscription lacks. */
	missing: string[];
	/** What to POST as `fields`: the subscribed ones and the missing ones (never fewer than now). */
	fields: string[];
}

export function subscribedFieldsOf(subscription: AppSubscription | undefined): string[] {
	return (subscription?.fields ?? []).map((field) => (typeof field === 'string' ? field : field.name ?? '')).filter(Boolean);
}

/**
 * What activation must change. The override carries messages, echoes and history, but only when
 * the app subscribes those fields; every other field reaches only the app's callback, so it must
 * be this webhook. Nothing to add and no app-only field: the app's callback is left alone.
 */
export function planAppSubscription(events: readonly string[], current: AppSubscription | undefined, webhookUrl: string): AppSubscriptionPlan {
	const { all, viaAppCallback } = webhookFieldsOf(events);
	const subscribed = current?.active === false ? [] : subscribedFieldsOf(current);
	const missing = all.filter((field) => !subscribed.includes(field));
	const callbackOurs = current?.callback_url === webhookUrl;
	return {
		inPlace: missing.length === 0 && (viaAppCallback.length === 0 || callbackOurs),
		missing,
		// Meta's reference does not say whether POST adds to the list or replaces it; the union is right either way.
		fields: [...new Set([...subscribedFieldsOf(current), ...missing])],
	};
}

/** The fields to DELETE on deactivation: those this node added that are still subscribed. */
export function fieldsToRemove(added: readonly string[], current: AppSubscription | undefined): string[] {
	const subscribed = subscribedFieldsOf(current);
	return added.filter((field) => subscribed.includes(field));
}

export function appSubscriptionSelected(context: IHookFunctions): boolean {
	const options = context.getNodeParameter('options', {}) as IDataObject;
	return options.subscribeAppFields === true;
}

export async function currentAppSubscription(this: IHookFunctions, credentials: GraphCredentials): Promise<AppSubscription | undefined> {
	const body = await graphRequest.call(this, { method: 'GET', path: `/${credentials.appId}/subscriptions`, asApp: true, explain: APP_TOKEN_EXPLANATIONS });
	return (listFromResponse(body) as AppSubscription[]).find((subscription) => subscription.object === WABA_OBJECT);
}

/** Meta's generic 190 hint speaks of the System User token; here the app token is at fault (15's hint already names the app token). */
const APP_TOKEN_EXPLANATIONS = {
	190: { description: 'Meta rejected the app access token made of the credential\'s App ID and App Secret: check both in App Dashboard > App settings > Basic (the secret changes when it is reset).' },
};

/** `checkExists`' part: the app's subscription already points here with every needed field. */
export async function appSubscriptionInPlace(this: IHookFunctions, credentials: GraphCredentials, webhookUrl: string): Promise<boolean> {
	const current = await currentAppSubscription.call(this, credentials);
	return planAppSubscription(this.getNodeParameter('events', []) as string[], current, webhookUrl).inPlace;
}

/** `create`'s part: subscribes the missing fields with this webhook as the app's callback; Meta verifies the URL first. */
export async function subscribeAppFields(this: IHookFunctions, credentials: GraphCredentials, webhookUrl: string, verifyToken: string): Promise<void> {
	const current = await currentAppSubscription.call(this, credentials);
	const plan = planAppSubscription(this.getNodeParameter('events', []) as string[], current, webhookUrl);
	if (plan.inPlace) return;
	await graphRequest.call(this, {
		method: 'POST',
		path: `/${credentials.appId}/subscriptions`,
		body: { object: WABA_OBJECT, callback_url: webhookUrl, verify_token: verifyToken, fields: plan.fields.join(','), include_values: 'true' },
		bodyType: 'form',
		asApp: true,
		// The same subscription posted again leaves the same state.
		idempotent: true,
		explain: APP_TOKEN_EXPLANATIONS,
	});
	const staticData = this.getWorkflowStaticData('node');
	const earlier = Array.isArray(staticData.appFieldsAdded) ? staticData.appFieldsAdded.map(String) : [];
	staticData.appFieldsAdded = [...new Set([...earlier, ...plan.missing])];
	if (staticData.appCallbackBefore === undefined) staticData.appCallbackBefore = current?.callback_url ?? '';
	staticData.appCallbackUrl = webhookUrl;
}

/** `delete`'s part: removes the fields this node added while the app's callback is still this webhook. */
export async function unsubscribeAppFields(this: IHookFunctions, credentials: GraphCredentials, webhookUrl: string): Promise<void> {
	const staticData = this.getWorkflowStaticData('node');
	if (staticData.appCallbackUrl === undefined) return;
	const added = Array.isArray(staticData.appFieldsAdded) ? staticData.appFieldsAdded.map(String) : [];
	const current = await currentAppSubscription.call(this, credentials);
	const before = typeof staticData.appCallbackBefore === 'string' && staticData.appCallbackBefore ? staticData.appCallbackBefore : 'none';
	if (current?.callback_url !== webhookUrl) {
		this.logger.info(`WhatsApp Business Management Trigger: the app's webhook callback no longer points here (${current?.callback_url ?? 'none'}), so its fields are left as they are`);
	} else {
		const remove = fieldsToRemove(added, current);
		if (remove.length > 0) {
			await graphRequest.call(this, { method: 'DELETE', path: `/${credentials.appId}/subscriptions`, qs: { object: WABA_OBJECT, fields: remove.join(',') }, asApp: true, explain: APP_TOKEN_EXPLANATIONS });
		}
		// Meta keeps one callback per app and removes it only with the whole subscription.
		this.logger.info(`WhatsApp Business Management Trigger: removed the app webhook fields ${remove.join(', ') || '(none)'}; the app's callback URL stays ${webhookUrl} (before activation: ${before}) until it is changed in App Dashboard > WhatsApp > Configuration`);
	}
	delete staticData.appFieldsAdded;
	delete staticData.appCallbackBefore;
	delete staticData.appCallbackUrl;
}
