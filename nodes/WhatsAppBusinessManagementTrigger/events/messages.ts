import type { IDataObject } from 'n8n-workflow';

import { asObject, asString, setIfPresent, toIsoTimestamp } from './values';

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

/**
 * One incoming message as a flat item ready for a CRM. Keys are only set when Meta sent a value:
 * nothing is invented, and a referral field missing from the payload stays absent.
 */
export function flattenMessage(message: IDataObject, context: ChangeContext): IDataObject {
	const referral = asObject(message.referral);
	const item: IDataObject = { eventType: referral ? 'adReferral' : 'message', field: 'messages' };
	setIfPresent(item, 'wabaId', context.wabaId);
	setIfPresent(item, 'phoneNumberId', context.phoneNumberId);
	setIfPresent(item, 'displayPhoneNumber', context.displayPhoneNumber);
	const contact = contactFor(message, context.contacts);
	setIfPresent(item, 'contactName', asString(asObject(contact?.profile)?.name));
	setIfPresent(item, 'waId', asString(contact?.wa_id));
	setIfPresent(item, 'from', asString(message.from));
	setIfPresent(item, 'messageId', asString(message.id));
	setIfPresent(item, 'timestamp', asString(message.timestamp));
	setIfPresent(item, 'timestampIso', toIsoTimestamp(message.timestamp));
	setIfPresent(item, 'messageType', asString(message.type));
	setIfPresent(item, 'text', messageText(message));
	if (referral) {
		for (const key of REFERRAL_FIELDS) {
			if (referral[key] !== undefined) item[key] = referral[key];
		}
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
	setIfPresent(item, 'wabaId', context.wabaId);
	setIfPresent(item, 'phoneNumberId', context.phoneNumberId);
	setIfPresent(item, 'displayPhoneNumber', context.displayPhoneNumber);
	setIfPresent(item, 'messageId', asString(status.id));
	setIfPresent(item, 'status', asString(status.status));
	setIfPresent(item, 'recipientId', asString(status.recipient_id));
	setIfPresent(item, 'timestamp', asString(status.timestamp));
	setIfPresent(item, 'timestampIso', toIsoTimestamp(status.timestamp));
	for (const key of ['conversation', 'pricing', 'errors', 'biz_opaque_callback_data']) {
		if (status[key] !== undefined) item[key] = status[key];
	}
	return item;
}
