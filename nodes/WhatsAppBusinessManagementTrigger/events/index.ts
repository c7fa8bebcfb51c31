import type { IDataObject } from 'n8n-workflow';

import { changeKey, classifyChange, flattenChange, type ManagementEvent } from './changes';
import { changeContext, flattenMessage, flattenStatus, setIds, type ChangeContext } from './messages';
import { fingerprintInto, fingerprintPartsInto } from './dedup';
import { asObject, asString } from './values';

export { REFERRAL_FIELDS, flattenMessage, flattenStatus, contactFor, messageText, setIds } from './messages';
export { classifyChange, changeKey, flattenChange } from './changes';
export { verifySignature, signatureOf } from './signature';
export { checkVerification } from './verification';
export { SeenEvents, appendToWindow, bigEndianBytes, deliveryIdOf, fingerprint, fingerprintInto, fingerprintPartsInto, fingerprintsHex } from './dedup';

/** The values of the trigger's "Events" parameter. */
export type TriggerEvent = 'adReferral' | 'allMessages' | 'messageStatus' | ManagementEvent;

export const WABA_OBJECT = 'whatsapp_business_account';

export interface BuildOptions {
	events: TriggerEvent[];
	/** Keep only message and status items of these business phone number IDs (empty: all). */
	phoneNumberIds?: string[];
}

/**
 * One event found in a webhook body, with its flat item. The item is built while the collector
 * has the event's objects in hand: reading a 1,000-message body a second time to build items
 * afterwards waited on memory again (the parsed body does not fit in the CPU's cache), and cost
 * more than building the few items of a re-delivery that are then dropped.
 */
export interface CollectedEvent {
	/** What makes the event unique across re-deliveries: the message ID, the status, or a change hash. */
	readonly key: string;
	/** Writes the key's 64-bit fingerprint (see dedup.ts) into `out` at `offset`. */
	fingerprintInto(out: Uint32Array, offset: number): void;
	/**
	 * The flat item (the same object each time); given `eventId` and `deliveryId`, they are set on
	 * it, as the webhook does for the events it emits.
	 */
	item(eventId?: string, deliveryId?: string): IDataObject;
}

/** An event and its item; the fingerprint is read from the key (MessageEvent has a cheaper way). */
class KeyedEvent implements CollectedEvent {
	constructor(
		readonly key: string,
		private readonly built: IDataObject,
	) {}

	fingerprintInto(out: Uint32Array, offset: number): void {
		fingerprintInto(this.key, out, offset);
	}

	item(eventId?: string, deliveryId?: string): IDataObject {
		setIds(this.built, eventId, deliveryId);
		return this.built;
	}
}

const MESSAGE_KEY_PREFIX = 'message:';

class MessageEvent extends KeyedEvent {
	constructor(
		private readonly messageId: string,
		message: IDataObject,
		context: ChangeContext,
		position: number,
	) {
		super(MESSAGE_KEY_PREFIX + messageId, flattenMessage(message, context, position));
	}

	/** The key's fingerprint read from its two parts, without flattening the joined key first. */
	fingerprintInto(out: Uint32Array, offset: number): void {
		fingerprintPartsInto(MESSAGE_KEY_PREFIX, this.messageId, out, offset);
	}
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
						result.events.push(new MessageEvent(messageId, message, context, position));
					}
				}
				if (statuses && Array.isArray(value.statuses)) {
					for (const rawStatus of value.statuses) {
						const status = asObject(rawStatus);
						const messageId = asString(status?.id);
						if (!status || !messageId) continue;
						result.events.push(new KeyedEvent(`status:${messageId}:${asString(status.status) ?? ''}`, flattenStatus(status, context)));
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
			result.events.push(new KeyedEvent(changeKey(wabaId, field, entry.time, value), flattenChange(event, field, value, wabaId, entry.time)));
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
