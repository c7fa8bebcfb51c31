import { createHash } from 'node:crypto';
import type { IDataObject, IHookFunctions, INode, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { CREDENTIAL_TYPE, credentialLabelOf, getGraphCredentials, graphRequest, listFromResponse, readCredentials } from '../shared/graph';
import { assertNoOverrideElsewhere, clearPhoneNumberOverrides, phoneNumberOverrides, phoneNumberSelection, setPhoneNumberOverrides } from './phoneNumberOverrides';
import { webhookFieldsOf } from './events';
import { appSubscriptionInPlace, appSubscriptionSelected, subscribeAppFields, unsubscribeAppFields } from './appSubscription';

/** Meta rejects an override_callback_uri longer than this (graph-api.md section 6, "Subscribing"). */
export const MAX_CALLBACK_URL_LENGTH = 200;

/**
 * The verify token a node uses when its "Verify Token" parameter is empty: random to anyone who
 * only sees the webhook URL (the node ID is not part of it), yet stable for the node's lifetime, so
 * activation, Meta's verification GET and every later GET agree without storing anything.
 */
export function derivedVerifyToken(node: Pick<INode, 'id' | 'webhookId'>): string {
	return `wabm_${createHash('sha256').update(`${node.id}|${node.webhookId ?? ''}`).digest('hex').slice(0, 32)}`;
}

export function verifyTokenOf(context: IHookFunctions | IWebhookFunctions): string {
	const configured = String(context.getNodeParameter('verifyToken', '') ?? '').trim();
	return configured || derivedVerifyToken(context.getNode());
}

function tokenFingerprint(token: string): string {
	return createHash('sha256').update(token).digest('hex').slice(0, 16);
}

/**
 * Activation-time checks that do not need Meta: with signature verification on, the App Secret
 * must be set; manual setup needs a verify token the user can paste into Meta's dashboard.
 */
export async function assertReadyToActivate(this: IHookFunctions): Promise<void> {
	const verify = this.getNodeParameter('verifySignature', true) as boolean;
	if (verify) {
		const credentials = (await this.getCredentials(CREDENTIAL_TYPE)) as IDataObject;
		const appSecret = typeof credentials.appSecret === 'string' ? credentials.appSecret.trim() : '';
		if (!appSecret) {
			throw new NodeOperationError(this.getNode(), 'The credential has no App Secret, so webhook signatures cannot be verified', {
				description:
					'Open the WhatsApp Business Management API credential and set "App Secret" (Meta App Dashboard > App settings > Basic > App secret > Show). Only if you cannot, turn off "Verify Signature" on this trigger.',
			});
		}
	}
	const automatic = this.getNodeParameter('subscribeAutomatically', true) as boolean;
	const configured = String(this.getNodeParameter('verifyToken', '') ?? '').trim();
	if (!automatic && !configured) {
		throw new NodeOperationError(this.getNode(), 'Set "Verify Token" for manual setup', {
			description: `Meta's dashboard asks for the verify token, so it must be known: set "Verify Token" to a value of your choice (for example ${derivedVerifyToken(
				this.getNode(),
			)}) and paste the same value with this node's Production URL into App Dashboard > WhatsApp > Configuration. Or turn on "Subscribe Automatically".`,
		});
	}
	if (automatic && appSubscriptionSelected(this)) await assertAppCredentials(this);
}

/** Subscribe App Webhook Fields authenticates as the app: App ID and App Secret make its token. */
async function assertAppCredentials(context: IHookFunctions): Promise<void> {
	const credentials = readCredentials((await context.getCredentials(CREDENTIAL_TYPE)) as IDataObject);
	for (const key of ['appId', 'appSecret'] as const) {
		if (credentials[key]) continue;
		const label = credentialLabelOf(key);
		throw new NodeOperationError(context.getNode(), `The credential field "${label}" is empty, and Options > Subscribe App Webhook Fields needs it`, {
			description: `The app's webhook subscription is changed with the app access token, made of the App ID and App Secret (App Dashboard > App settings > Basic). Fill in "${label}" in the WhatsApp Business Management API credential, or remove the option. No request was sent to Meta.`,
		});
	}
}

interface SubscribedApp {
	override_callback_uri?: string;
	whatsapp_business_api_data?: { id?: string; name?: string };
}

async function listSubscribedApps(this: IHookFunctions, wabaId: string): Promise<SubscribedApp[]> {
	const body = await graphRequest.call(this, { method: 'GET', path: `/${wabaId}/subscribed_apps` });
	return listFromResponse(body) as SubscribedApp[];
}

function isOurs(app: SubscribedApp, webhookUrl: string, appId: string | undefined): boolean {
	if (app.override_callback_uri !== webhookUrl) return false;
	const subscribedAppId = app.whatsapp_business_api_data?.id;
	return !appId || !subscribedAppId || subscribedAppId === appId;
}

function webhookUrlOf(context: IHookFunctions): string {
	const url = context.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(context.getNode(), 'n8n did not provide a webhook URL for this trigger');
	return url;
}

/**
 * `checkExists`: whether the callback override (the WABA's, or with Subscribe Phone Numbers each
 * selected number's) already points here with our token. A selected number whose own override
 * points elsewhere refuses activation: Meta would send its messages there.
 */
export async function subscriptionExists(this: IHookFunctions): Promise<boolean> {
	await assertReadyToActivate.call(this);
	if (!(this.getNodeParameter('subscribeAutomatically', true) as boolean)) return true;
	const credentials = await getGraphCredentials.call(this);
	const webhookUrl = webhookUrlOf(this);
	const { phoneNumberIds, perNumber } = phoneNumberSelection(this);
	const overrides = await phoneNumberOverrides.call(this, phoneNumberIds);
	let ours: boolean;
	if (perNumber) {
		ours = [...overrides.values()].every((url) => url === webhookUrl);
	} else {
		assertNoOverrideElsewhere(this, overrides, webhookUrl);
		const apps = await listSubscribedApps.call(this, credentials.businessAccountId);
		ours = apps.some((app) => isOurs(app, webhookUrl, credentials.appId));
	}
	// Meta does not return the verify token, so a changed token is detected from what we stored.
	const staticData = this.getWorkflowStaticData('node');
	if (!ours || staticData.verifyTokenFingerprint !== tokenFingerprint(verifyTokenOf(this))) return false;
	return !appSubscriptionSelected(this) || (await appSubscriptionInPlace.call(this, credentials, webhookUrl));
}

/**
 * `create`: sets this webhook as the WABA's `override_callback_uri`. Meta first sends the
 * verification GET to the URL and only accepts it when the challenge is echoed.
 */
export async function createSubscription(this: IHookFunctions): Promise<boolean> {
	if (!(this.getNodeParameter('subscribeAutomatically', true) as boolean)) return true;
	const credentials = await getGraphCredentials.call(this);
	const webhookUrl = webhookUrlOf(this);
	if (webhookUrl.length > MAX_CALLBACK_URL_LENGTH) {
		throw new NodeOperationError(
			this.getNode(),
			`The webhook URL has ${webhookUrl.length} characters; Meta accepts callback overrides of up to ${MAX_CALLBACK_URL_LENGTH}`,
			{ description: 'Use a shorter public n8n URL (WEBHOOK_URL), or turn off "Subscribe Automatically" and set the callback in the App Dashboard.' },
		);
	}
	const verifyToken = verifyTokenOf(this);
	// The override reaches only some fields (events/fields.ts); the rest need the dashboard's callback.
	const { viaAppCallback } = webhookFieldsOf(this.getNodeParameter('events', []) as string[]);
	const subscribeApp = appSubscriptionSelected(this);
	if (viaAppCallback.length > 0 && !subscribeApp) {
		this.logger.info(`WhatsApp Business Management Trigger: Meta sends ${viaAppCallback.join(', ')} only to the app's callback URL; set it to ${webhookUrl} in App Dashboard > WhatsApp > Configuration and tick those fields`);
	}
	const staticData = this.getWorkflowStaticData('node');
	const { phoneNumberIds, perNumber } = phoneNumberSelection(this);
	if (perNumber) {
		await setPhoneNumberOverrides.call(this, phoneNumberIds, webhookUrl, verifyToken);
		// Deactivation clears these, whatever the options say by then.
		staticData.phoneNumberOverrides = phoneNumberIds;
	} else {
		await graphRequest.call(this, {
			method: 'POST',
			path: `/${credentials.businessAccountId}/subscribed_apps`,
			body: { override_callback_uri: webhookUrl, verify_token: verifyToken },
			bodyType: 'json',
			// Setting the same override again leaves the same state, so a retry is harmless.
			idempotent: true,
		});
	}
	if (subscribeApp) await subscribeAppFields.call(this, credentials, webhookUrl, verifyToken);
	staticData.subscribedCallbackUrl = webhookUrl;
	staticData.verifyTokenFingerprint = tokenFingerprint(verifyToken);
	return true;
}

/**
 * `delete`: removes the callback overrides (the numbers' and the WABA's) only while they are still
 * this webhook's URL, so a workflow that took one over in the meantime keeps it. Posting to subscribed_apps without a
 * body removes the override and keeps the app subscribed.
 */
export async function deleteSubscription(this: IHookFunctions): Promise<boolean> {
	if (!(this.getNodeParameter('subscribeAutomatically', true) as boolean)) return true;
	const staticData = this.getWorkflowStaticData('node');
	try {
		const credentials = await getGraphCredentials.call(this);
		const webhookUrl = webhookUrlOf(this);
		const numbers = staticData.phoneNumberOverrides;
		if (Array.isArray(numbers) && numbers.length > 0) await clearPhoneNumberOverrides.call(this, numbers.map(String), webhookUrl);
		const apps = await listSubscribedApps.call(this, credentials.businessAccountId);
		if (apps.some((app) => isOurs(app, webhookUrl, credentials.appId))) {
			await graphRequest.call(this, {
				method: 'POST',
				path: `/${credentials.businessAccountId}/subscribed_apps`,
				idempotent: true,
			});
		}
		// Static data says whether fields were added, whatever the options say by now.
		await unsubscribeAppFields.call(this, credentials, webhookUrl);
	} catch (error) {
		this.logger.warn(`WhatsApp Business Management Trigger: could not remove the callback override: ${(error as Error).message}`);
		return false;
	}
	delete staticData.subscribedCallbackUrl;
	delete staticData.verifyTokenFingerprint;
	delete staticData.phoneNumberOverrides;
	return true;
}
