import type { IDataObject } from 'n8n-workflow';

import { asObject, asString, toIsoTimestamp } from './values';

/**
 * Every field Meta documents on a message's `referral` object (SPEC ReferralObject, the
 * text-message webhook reference, and `ref` from the welcome-message-sequences guide).
 */
export const REFERRAL_FIELDS = [
	'source_url',
	'source_id',
	'source_type',
	'headline',
	'body',
	'media_type',
	'image_url',
	'video_url',
	'thumbnail_url',
	'ctwa_clid',
	'ref',
	'welcome_message',
] as const;

/** What a `messages` change says about the business phone number and the WABA that received it. */
export interface ChangeContext {
	wabaId?: string;
	phoneNumberId?: string;
	displayPhoneNumber?: string;
	contacts: IDataObject[];
}

export function changeContext(wabaId: string | undefined, value: IDataObject): ChangeContext {
	const metadata = asObject(value.metadata) ?? {};
	return {
		wabaId,
		phoneNumberId: asString(metadata.phone_number_id),
		displayPhoneNumber: asString(metadata.display_phone_number),
		contacts: Array.isArray(value.contacts) ? (value.contacts.filter((c) => asObject(c)) as IDataObject[]) : [],
	};
}

/**
 * The contact who sent a message. Meta lists the senders of a change in `contacts`; a batch can
 * hold several, so the one whose `wa_id` equals the message's `from` is taken. When there is a
 * single contact it is the sender even if `wa_id` and `from` differ (Meta formats some countries'
 * numbers differently in the two fields). With several contacts and no match, none is guessed.
 */
export function contactFor(message: IDataObject, contacts: IDataObject[]): IDataObject | undefined {
	const from = asString(message.from);
	const match = contacts.find((contact) => from !== undefined && asString(contact.wa_id) === from);
	if (match) return match;
	return contacts.length === 1 ? contacts[0] : undefined;
}

/** The human-readable text of a message, whatever its type; undefined when it carries none. */
export function messageText(message: IDataObject): string | undefined {
	const type = asString(message.type);
	const typed = type ? asObject(message[type]) : undefined;
	if (type === 'text') return asString(typed?.body);
	if (type === 'button') return asString(typed?.text);
	if (type === 'interactive' && typed) {
		const reply = asObject(typed.button_reply) ?? asObject(typed.list_reply);
		if (reply) return asString(reply.title);
		const nfm = asObject(typed.nfm_reply);
		if (nfm) return asString(nfm.body);
	}
	if (typed && (type === 'image' || type === 'video' || type === 'document')) return asString(typed.caption);
	if (type === 'reaction') return asString(typed?.emoji);
	return undefined;
}

/** The business number and WABA a message or status arrived on; keys written by name (see below). */
function setChangeContext(item: IDataObject, context: ChangeContext): void {
	if (context.wabaId !== undefined) item.wabaId = context.wabaId;
	if (context.phoneNumberId !== undefined) item.phoneNumberId = context.phoneNumberId;
	if (context.displayPhoneNumber !== undefined) item.displayPhoneNumber = context.displayPhoneNumber;
}

/** Meta's Unix-seconds timestamp as sent, and as ISO text when it is one. */
function setTimestamp(item: IDataObject, value: unknown): void {
	const timestamp = asString(value);
	if (timestamp === undefined) return;
	item.timestamp = timestamp;
	const iso = toIsoTimestamp(timestamp);
	if (iso !== undefined) item.timestampIso = iso;
}

/**
 * One incoming message as a flat item ready for a CRM. Keys are only set when Meta sent a value:
 * nothing is invented, and a referral field missing from the payload stays absent.
 *
 * Every key is written by name (not through a helper taking the key as a string): V8 then caches
 * each store, where a generic `target[key] = value` costs about a tenth of a microsecond apiece -
 * most of the trigger's time for a 1,000-message batch.
 */
export function flattenMessage(message: IDataObject, context: ChangeContext): IDataObject {
	const referral = asObject(message.referral);
	const item: IDataObject = { eventType: referral ? 'adReferral' : 'message', field: 'messages' };
	setChangeContext(item, context);
	const contact = contactFor(message, context.contacts);
	if (contact !== undefined) {
		const contactName = asString(asObject(contact.profile)?.name);
		if (contactName !== undefined) item.contactName = contactName;
		const waId = asString(contact.wa_id);
		if (waId !== undefined) item.waId = waId;
	}
	const from = asString(message.from);
	if (from !== undefined) item.from = from;
	const messageId = asString(message.id);
	if (messageId !== undefined) item.messageId = messageId;
	setTimestamp(item, message.timestamp);
	const messageType = asString(message.type);
	if (messageType !== undefined) item.messageType = messageType;
	const text = messageText(message);
	if (text !== undefined) item.text = text;
	if (referral) {
		// REFERRAL_FIELDS, in its order.
		if (referral.source_url !== undefined) item.source_url = referral.source_url;
		if (referral.source_id !== undefined) item.source_id = referral.source_id;
		if (referral.source_type !== undefined) item.source_type = referral.source_type;
		if (referral.headline !== undefined) item.headline = referral.headline;
		if (referral.body !== undefined) item.body = referral.body;
		if (referral.media_type !== undefined) item.media_type = referral.media_type;
		if (referral.image_url !== undefined) item.image_url = referral.image_url;
		if (referral.video_url !== undefined) item.video_url = referral.video_url;
		if (referral.thumbnail_url !== undefined) item.thumbnail_url = referral.thumbnail_url;
		if (referral.ctwa_clid !== undefined) item.ctwa_clid = referral.ctwa_clid;
		if (referral.ref !== undefined) item.ref = referral.ref;
		if (referral.welcome_message !== undefined) item.welcome_message = referral.welcome_message;
	}
	const repliedTo = asObject(message.context);
	if (repliedTo) item.context = repliedTo;
	// The raw message keeps what the flat fields do not cover (media IDs, locations, interactive
	// payloads), so no information is lost by flattening.
	item.message = message;
	return item;
}

/** One delivery-status update (sent, delivered, read, failed) as an item. */
export function flattenStatus(status: IDataObject, context: ChangeContext): IDataObject {
	const item: IDataObject = { eventType: 'messageStatus', field: 'messages' };
	setChangeContext(item, context);
	const messageId = asString(status.id);
	if (messageId !== undefined) item.messageId = messageId;
	const state = asString(status.status);
	if (state !== undefined) item.status = state;
	const recipientId = asString(status.recipient_id);
	if (recipientId !== undefined) item.recipientId = recipientId;
	setTimestamp(item, status.timestamp);
	if (status.conversation !== undefined) item.conversation = status.conversation;
	if (status.pricing !== undefined) item.pricing = status.pricing;
	if (status.errors !== undefined) item.errors = status.errors;
	if (status.biz_opaque_callback_data !== undefined) item.biz_opaque_callback_data = status.biz_opaque_callback_data;
	return item;
}
