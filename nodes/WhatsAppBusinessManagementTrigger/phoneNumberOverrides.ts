/**
 * The selected phone numbers' own webhook callbacks. Meta sends a number's message webhooks to
 * the number's override first, then the WABA's, then the app's callback
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/override/),
 * so a number with an override elsewhere never reaches a trigger subscribed on the WABA.
 */
import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { graphRequest } from '../shared/graph';
import { parseIdList } from './events';

/** `webhook_configuration` of a phone number as Graph reads it: each callback only when set. */
interface WebhookConfiguration {
	phone_number?: string;
	whatsapp_business_account?: string;
	application?: string;
}

/** Options > Phone Number IDs, and whether activation is to set each number's own override. */
export function phoneNumberSelection(context: IHookFunctions): { phoneNumberIds: string[]; perNumber: boolean } {
	const options = context.getNodeParameter('options', {}) as IDataObject;
	const phoneNumberIds = parseIdList(options.phoneNumberIds as string | undefined);
	return { phoneNumberIds, perNumber: options.subscribePhoneNumbers === true && phoneNumberIds.length > 0 };
}

/** Each number's own override, by phone number ID (undefined: the number has none). */
export async function phoneNumberOverrides(this: IHookFunctions, phoneNumberIds: string[]): Promise<Map<string, string | undefined>> {
	const overrides = new Map<string, string | undefined>();
	for (const id of phoneNumberIds) {
		const body = (await graphRequest.call(this, { method: 'GET', path: `/${id}`, qs: { fields: 'webhook_configuration' } })) as IDataObject;
		const configuration = (body.webhook_configuration ?? {}) as WebhookConfiguration;
		overrides.set(id, configuration.phone_number || undefined);
	}
	return overrides;
}

/** Refuses activation when a selected number sends its message webhooks to another callback. */
export function assertNoOverrideElsewhere(context: IHookFunctions, overrides: Map<string, string | undefined>, webhookUrl: string): void {
	const elsewhere = [...overrides].filter(([, url]) => url !== undefined && url !== webhookUrl);
	if (elsewhere.length === 0) return;
	const numbers = elsewhere.map(([id, url]) => `${id} (to ${url})`).join(', ');
	throw new NodeOperationError(context.getNode(), `Phone number ${numbers} sends its message webhooks to its own callback override, so this trigger would never receive them`, {
		description:
			"Meta uses a phone number's own callback override before the WhatsApp Business Account's. Turn on Options > Subscribe Phone Numbers to make this trigger the number's callback, remove the number from Phone Number IDs, or clear the number's override.",
	});
}

/** Sets a number's `webhook_configuration`; the same configuration posted again leaves the same state. */
async function configureNumber(this: IHookFunctions, phoneNumberId: string, configuration: IDataObject): Promise<void> {
	await graphRequest.call(this, { method: 'POST', path: `/${phoneNumberId}`, body: { webhook_configuration: configuration }, bodyType: 'json', idempotent: true });
}

/** Makes this webhook each number's own override; Meta verifies the URL with a GET first. */
export async function setPhoneNumberOverrides(this: IHookFunctions, phoneNumberIds: string[], webhookUrl: string, verifyToken: string): Promise<void> {
	for (const id of phoneNumberIds) await configureNumber.call(this, id, { override_callback_uri: webhookUrl, verify_token: verifyToken });
}

/** Removes the override of each number whose override is still this webhook (an empty URL clears it). */
export async function clearPhoneNumberOverrides(this: IHookFunctions, phoneNumberIds: string[], webhookUrl: string): Promise<void> {
	const overrides = await phoneNumberOverrides.call(this, phoneNumberIds);
	for (const [id, url] of overrides) {
		if (url === webhookUrl) await configureNumber.call(this, id, { override_callback_uri: '' });
	}
}
