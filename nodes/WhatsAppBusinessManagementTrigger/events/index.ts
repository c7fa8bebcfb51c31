import type { IDataObject } from 'n8n-workflow';

import { changeKey, classifyChange, flattenChange, type ManagementEvent } from './changes';
import { changeContext, flattenMessage, flattenStatus } from './messages';
import { asObject, asString } from './values';

export { REFERRAL_FIELDS, flattenMessage, flattenStatus, contactFor, messageText } from './messages';
export { classifyChange, changeKey, flattenChange } from './changes';
export { verifySignature, signatureOf } from './signature';
export { checkVerification } from './verification';
export { SeenEvents, appendToWindow, deliveryIdOf, fingerprint } from './dedup';

/** The values of the trigger's "Events" parameter. */
export type TriggerEvent = 'adReferral' | 'allMessages' | 'messageStatus' | ManagementEvent;

export const WABA_OBJECT = 'whatsapp_business_account';

export interface BuildOptions {
	events: TriggerEvent[];
	/** Keep only message and status items of these business phone number IDs (empty: all). */
	phoneNumberIds?: string[];
}

export interface EventItem {
	json: IDataObject;
	/** What makes the item unique across re-deliveries: the message ID, the status, or a change hash. */
	key: string;
}

export interface BuildResult {
	items: EventItem[];
	/** How many changes were skipped because of their shape, an unselected event, or the phone filter. */
	skipped: number;
}

/**
 * Turns one webhook body into items: one per message, one per status, one per management change.
 * Pure and defensive: a malformed entry or change is skipped, never thrown on, because Meta sends
 * up to 1,000 changes in one POST and one bad change must not lose the others.
 */
export function buildEventItems(payload: unknown, options: BuildOptions): BuildResult {
	const body = asObject(payload);
	const result: BuildResult = { items: [], skipped: 0 };
	if (!body || body.object !== WABA_OBJECT || !Array.isArray(body.entry)) return result;
	const events = new Set(options.events);
	const phoneFilter = new Set((options.phoneNumberIds ?? []).map((id) => id.trim()).filter(Boolean));
	const phoneAllowed = (phoneNumberId: string | undefined) =>
		phoneFilter.size === 0 || (phoneNumberId !== undefined && phoneFilter.has(phoneNumberId));
	// A message or status that appears twice in one delivery still becomes one item.
	const seen = new Set<string>();
	const push = (item: EventItem) => {
		if (seen.has(item.key)) return;
		seen.add(item.key);
		result.items.push(item);
	};

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
				if (Array.isArray(value.messages)) {
					for (const rawMessage of value.messages) {
						const message = asObject(rawMessage);
						// Meta's message id (wamid) is a string; anything else is not a message from Meta.
						const messageId = typeof message?.id === 'string' && message.id ? message.id : undefined;
						if (!message || !messageId) continue;
						const hasReferral = asObject(message.referral) !== undefined;
						if (!events.has('allMessages') && !(hasReferral && events.has('adReferral'))) continue;
						push({ json: flattenMessage(message, context), key: `message:${messageId}` });
					}
				}
				if (Array.isArray(value.statuses) && events.has('messageStatus')) {
					for (const rawStatus of value.statuses) {
						const status = asObject(rawStatus);
						const messageId = asString(status?.id);
						if (!status || !messageId) continue;
						push({ json: flattenStatus(status, context), key: `status:${messageId}:${asString(status.status) ?? ''}` });
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
			push({ json: flattenChange(event, field, value, wabaId, entry.time), key: changeKey(wabaId, field, entry.time, value) });
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
