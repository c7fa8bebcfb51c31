import type { IDataObject } from 'n8n-workflow';

import { changeKey, classifyChange, flattenChange, type ManagementEvent } from './changes';
import { changeContext, flattenMessage, flattenStatus } from './messages';
import { asObject, asString } from './values';

export { REFERRAL_FIELDS, flattenMessage, flattenStatus, contactFor, messageText, setIds } from './messages';
export { classifyChange, changeKey, flattenChange } from './changes';
export { verifySignature, signatureOf } from './signature';
export { checkVerification } from './verification';
export { RecentKeys, deliveryIdOf } from './recentKeys';

/** The values of the trigger's "Events" parameter. */
export type TriggerEvent = 'adReferral' | 'allMessages' | 'messageStatus' | ManagementEvent;

export const WABA_OBJECT = 'whatsapp_business_account';

export interface BuildOptions {
	events: TriggerEvent[];
	/** Keep only message and status items of these business phone number IDs (empty: all). */
	phoneNumberIds?: string[];
}

/** One event found in a webhook body, with its flat item. */
export interface CollectedEvent {
	/** What makes the event unique across re-deliveries: the message ID, the status, or a change hash. */
	readonly key: string;
	readonly item: IDataObject;
}

export interface CollectResult {
	/** In the order of the body; an event repeated inside one body appears each time. */
	events: CollectedEvent[];
	/** How many changes were skipped because of their shape, an unselected event, or the phone filter. */
	skipped: number;
}

/**
 * Finds the events of one webhook body: one per message, one per status, one per management
 * change. Pure and defensive: a malformed entry or change is skipped, never thrown on, because
 * Meta sends up to 1,000 changes in one POST and one bad change must not lose the others.
 */
export function collectEvents(payload: unknown, options: BuildOptions): CollectResult {
	const body = asObject(payload);
	const result: CollectResult = { events: [], skipped: 0 };
	if (!body || body.object !== WABA_OBJECT || !Array.isArray(body.entry)) return result;
	const events = new Set(options.events);
	// Asked once here, not once per message.
	const allMessages = events.has('allMessages');
	const adReferrals = events.has('adReferral');
	const statuses = events.has('messageStatus');
	const phoneFilter = new Set((options.phoneNumberIds ?? []).map((id) => id.trim()).filter(Boolean));
	const phoneAllowed = (phoneNumberId: string | undefined) =>
		phoneFilter.size === 0 || (phoneNumberId !== undefined && phoneFilter.has(phoneNumberId));

	for (const rawEntry of body.entry) {
		const entry = asObject(rawEntry);
		if (!entry || !Array.isArray(entry.changes)) {
			result.skipped++;
			continue;
		}
		const wabaId = asString(entry.id);
		for (const rawChange of entry.changes) {
			const change = asObject(rawChange);
			const field = asString(change?.field);
			const value = asObject(change?.value);
			if (!change || !field || !value) {
				result.skipped++;
				continue;
			}
			if (field === 'messages') {
				const context = changeContext(wabaId, value);
				if (!phoneAllowed(context.phoneNumberId)) {
					result.skipped++;
					continue;
				}
				if ((allMessages || adReferrals) && Array.isArray(value.messages)) {
					for (let position = 0; position < value.messages.length; position++) {
						const message = asObject(value.messages[position]);
						// Meta's message id (wamid) is a string; anything else is not a message from Meta.
						const messageId = typeof message?.id === 'string' && message.id ? message.id : undefined;
						if (!message || !messageId) continue;
						if (!allMessages && asObject(message.referral) === undefined) continue;
						result.events.push({ key: `message:${messageId}`, item: flattenMessage(message, context, position) });
					}
				}
				if (statuses && Array.isArray(value.statuses)) {
					for (const rawStatus of value.statuses) {
						const status = asObject(rawStatus);
						const messageId = asString(status?.id);
						if (!status || !messageId) continue;
						result.events.push({ key: `status:${messageId}:${asString(status.status) ?? ''}`, item: flattenStatus(status, context) });
					}
				}
				continue;
			}
			const event = classifyChange(field, value);
			if (!event || !events.has(event)) {
				result.skipped++;
				continue;
			}
			const phoneNumberId = asString(value.phone_number_id);
			if (phoneNumberId !== undefined && !phoneAllowed(phoneNumberId)) {
				result.skipped++;
				continue;
			}
			result.events.push({ key: changeKey(wabaId, field, entry.time, value), item: flattenChange(event, field, value, wabaId, entry.time) });
		}
	}
	return result;
}

/** "123, 456" or "123\n456" into IDs. */
export function parseIdList(text: string | undefined): string[] {
	return (text ?? '')
		.split(/[\s,;]+/)
		.map((id) => id.trim())
		.filter(Boolean);
}
