import type { IDataObject } from 'n8n-workflow';

import { ChangeTooDeepError, changeKey, classifyChange, flattenChange, isWellFormedChange, type ManagementEvent } from './changes';
import { flattenIdentityChange, identityChangeOf, namesSomeone } from './identity';
import { changeContext, flattenMessage, flattenStatus, setChangeContext, setTimestamp, type ChangeContext } from './messages';
import { EVENT_BY_MESSAGING_FIELD, flattenMessagingField, type MessagingFieldEvent } from './messagingFields';
import { asObject, asString } from './values';

export { REFERRAL_FIELDS, flattenMessage, flattenStatus, contactFor, messageText, setIds } from './messages';
export { MAX_CHANGE_DEPTH, classifyChange, changeKey, flattenChange } from './changes';
export { verifySignature, signatureOf } from './signature';
export { checkVerification } from './verification';
export { IDENTITY_CHANGE_TYPES, contactOf } from './identity';
export { OVERRIDE_ROUTED_FIELDS, webhookFieldsOf } from './fields';
export { RecentKeys, deliveryIdOf, deliveryKeysOf, type DeliveryKeys } from './recentKeys';

/** The values of the trigger's "Events" parameter. */
export type TriggerEvent = 'adReferral' | 'allMessages' | 'order' | 'messageStatus' | 'identityChange' | MessagingFieldEvent | ManagementEvent;

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

/** Meta sends at most 1,000 updates in one POST (graph-api.md section 6); more is not a Meta delivery. */
export const MAX_EVENTS_PER_POST = 1_000;

export interface CollectResult {
	/** In the order of the body; an event repeated inside one body appears each time. */
	events: CollectedEvent[];
	/** How many changes were skipped because of their shape, an unselected event, or the phone filter. */
	skipped: number;
	/** Changes of a selected event skipped because they lack what Meta documents for them (shapes.ts). */
	misshapen: number;
	/** Changes skipped because their value nests deeper than MAX_CHANGE_DEPTH. */
	tooDeep: number;
	/** Updates dropped past MAX_EVENTS_PER_POST: changes not read, and events of the change that crossed it. */
	overCap: number;
}

interface Selection {
	events: Set<TriggerEvent>;
	phoneAllowed: (phoneNumberId: string | undefined) => boolean;
}

function selectionOf(options: BuildOptions): Selection {
	const phoneFilter = new Set((options.phoneNumberIds ?? []).map((id) => id.trim()).filter(Boolean));
	return {
		events: new Set(options.events),
		phoneAllowed: (phoneNumberId) => phoneFilter.size === 0 || (phoneNumberId !== undefined && phoneFilter.has(phoneNumberId)),
	};
}

/** The messages and statuses of one `messages` change. */
function collectMessages(result: CollectResult, wabaId: string | undefined, value: IDataObject, selection: Selection): void {
	const context = changeContext(wabaId, value);
	if (!selection.phoneAllowed(context.phoneNumberId)) {
		result.skipped++;
		return;
	}
	const allMessages = selection.events.has('allMessages');
	const identityChanges = selection.events.has('identityChange');
	const adReferrals = selection.events.has('adReferral');
	const orders = selection.events.has('order');
	if ((allMessages || identityChanges || adReferrals || orders) && Array.isArray(value.messages)) {
		for (let position = 0; position < value.messages.length; position++) {
			const message = asObject(value.messages[position]);
			// Meta's message id (wamid) is a string; anything else is not a message from Meta.
			const messageId = typeof message?.id === 'string' && message.id ? message.id : undefined;
			if (!message || !messageId) continue;
			// An identity change is Meta's notice about the user, not a message from them.
			const identityChange = identityChangeOf(message);
			if (identityChange) {
				if (identityChanges && namesSomeone(message, identityChange)) result.events.push({ key: `identity:${messageId}`, item: flattenIdentityChange(message, identityChange, baseOf(context, message.timestamp)) });
				continue;
			}
			const wanted = allMessages || (adReferrals && asObject(message.referral) !== undefined) || (orders && message.type === 'order');
			if (!wanted) continue;
			result.events.push({ key: `message:${messageId}`, item: flattenMessage(message, context, position) });
		}
	}
	if (selection.events.has('messageStatus') && Array.isArray(value.statuses)) {
		for (const rawStatus of value.statuses) {
			const status = asObject(rawStatus);
			const messageId = asString(status?.id);
			if (!status || !messageId) continue;
			result.events.push({ key: `status:${messageId}:${asString(status.status) ?? ''}`, item: flattenStatus(status, context) });
		}
	}
}

function baseOf(context: ChangeContext, timestamp: unknown): IDataObject {
	const base: IDataObject = {};
	setChangeContext(base, context);
	setTimestamp(base, timestamp);
	return base;
}

/** One change of a field shaped like `messages` (automatic events, preferences, coexistence). */
function collectMessagingField(result: CollectResult, wabaId: string | undefined, entryTime: unknown, field: string, value: IDataObject, selection: Selection): void {
	const context = changeContext(wabaId, value);
	if (!selection.events.has(EVENT_BY_MESSAGING_FIELD[field]) || !selection.phoneAllowed(context.phoneNumberId)) {
		result.skipped++;
		return;
	}
	try {
		// Hashed up front: the hash also refuses a value nested deeper than MAX_CHANGE_DEPTH.
		const key = changeKey(wabaId, field, entryTime, value);
		const events = flattenMessagingField(field, value, context, () => key);
		if (events.length === 0) result.misshapen++;
		result.events.push(...events);
	} catch (error) {
		if (!(error instanceof ChangeTooDeepError)) throw error;
		result.tooDeep++;
	}
}

/** One management change (template, flow, phone number, account). */
function collectChange(result: CollectResult, wabaId: string | undefined, entryTime: unknown, field: string, value: IDataObject, selection: Selection): void {
	const event = classifyChange(field, value);
	const phoneNumberId = asString(value.phone_number_id);
	if (!event || !selection.events.has(event) || (phoneNumberId !== undefined && !selection.phoneAllowed(phoneNumberId))) {
		result.skipped++;
		return;
	}
	if (!isWellFormedChange(field, value)) {
		result.skipped++;
		result.misshapen++;
		return;
	}
	let key: string;
	try {
		key = changeKey(wabaId, field, entryTime, value);
	} catch (error) {
		if (!(error instanceof ChangeTooDeepError)) throw error;
		result.tooDeep++;
		return;
	}
	result.events.push({ key, item: flattenChange(event, field, value, wabaId, entryTime) });
}

/**
 * Finds the events of one webhook body: one per message, one per status, one per management
 * change, at most MAX_EVENTS_PER_POST. Pure and defensive: a malformed entry or change is skipped,
 * never thrown on, because one bad change must not lose the others.
 */
export function collectEvents(payload: unknown, options: BuildOptions): CollectResult {
	const body = asObject(payload);
	const result: CollectResult = { events: [], skipped: 0, misshapen: 0, tooDeep: 0, overCap: 0 };
	if (!body || body.object !== WABA_OBJECT || !Array.isArray(body.entry)) return result;
	const selection = selectionOf(options);
	for (const rawEntry of body.entry) {
		const entry = asObject(rawEntry);
		if (!entry || !Array.isArray(entry.changes)) {
			result.skipped++;
			continue;
		}
		const wabaId = asString(entry.id);
		for (const rawChange of entry.changes) {
			if (result.events.length >= MAX_EVENTS_PER_POST) {
				result.overCap++;
				continue;
			}
			const change = asObject(rawChange);
			const field = asString(change?.field);
			const value = asObject(change?.value);
			if (!change || !field || !value) result.skipped++;
			else if (field === 'messages') collectMessages(result, wabaId, value, selection);
			else if (Object.prototype.hasOwnProperty.call(EVENT_BY_MESSAGING_FIELD, field)) collectMessagingField(result, wabaId, entry.time, field, value, selection);
			else collectChange(result, wabaId, entry.time, field, value, selection);
		}
	}
	// A change of many messages can pass the cap; what is past it is dropped too.
	if (result.events.length > MAX_EVENTS_PER_POST) {
		result.overCap += result.events.length - MAX_EVENTS_PER_POST;
		result.events.length = MAX_EVENTS_PER_POST;
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
