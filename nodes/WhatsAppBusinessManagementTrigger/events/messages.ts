import type { IDataObject } from 'n8n-workflow';

import { contactOf, presentId, profileOf, recipientOf, senderOf } from './identity';
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

/** The contact who sent a message (see contactOf: phone number, else business-scoped user ID). */
export function contactFor(message: IDataObject, contacts: IDataObject[], likely = -1): IDataObject | undefined {
	return contactOf(senderOf(message), contacts, likely);
}

/** The human-readable text of a message, whatever its type; undefined when it carries none. */
export function messageText(message: IDataObject): string | undefined {
	const type = asString(message.type);
	// Text first, by name: the usual case, read without a lookup by computed key.
	if (type === 'text') return asString(asObject(message.text)?.body);
	const typed = type ? asObject(message[type]) : undefined;
	if (type === 'button') return asString(typed?.text);
	if (type === 'interactive' && typed) {
		const reply = asObject(typed.button_reply) ?? asObject(typed.list_reply);
		if (reply) return asString(reply.title);
		const nfm = asObject(typed.nfm_reply);
		if (nfm) return asString(nfm.body);
	}
	if (typed && (type === 'image' || type === 'video' || type === 'document')) return asString(typed.caption);
	if (type === 'reaction') return asString(typed?.emoji);
	if (type === 'order') return asString(typed?.text);
	return undefined;
}

/** A number, or the text of one; NaN for anything else (Number() would read null and '' as 0). */
function amountOf(value: unknown): number {
	if (typeof value === 'number') return value;
	return typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
}

/**
 * An order's products as sent, and what they come to: `value` (item_price times quantity, summed)
 * and `currency` only when every product has a number for both and all share one currency. Fields
 * from Meta's order messages webhook reference
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/order).
 */
function setOrder(item: IDataObject, order: IDataObject | undefined): void {
	if (!order) return;
	const catalogId = asString(order.catalog_id);
	if (catalogId !== undefined) item.catalogId = catalogId;
	if (!Array.isArray(order.product_items)) return;
	item.orderItems = order.product_items;
	let total = 0;
	const currencies = new Set<string>();
	for (const product of order.product_items) {
		const price = amountOf(asObject(product)?.item_price);
		const quantity = amountOf(asObject(product)?.quantity);
		const currency = asString(asObject(product)?.currency);
		if (!Number.isFinite(price) || !Number.isFinite(quantity) || currency === undefined) return;
		total += price * quantity;
		currencies.add(currency);
	}
	if (currencies.size !== 1) return;
	// toFixed(6) drops the binary-fraction noise of the sum (0.1 * 3 is 0.30000000000000004).
	item.value = Number(total.toFixed(6));
	item.currency = [...currencies][0];
}

/**
 * A shared location's coordinates, and its name and address when the user picked a place (Meta's
 * location messages webhook reference:
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/location).
 */
function setLocation(item: IDataObject, location: IDataObject | undefined): void {
	if (!location) return;
	if (typeof location.latitude === 'number') item.latitude = location.latitude;
	if (typeof location.longitude === 'number') item.longitude = location.longitude;
	const name = asString(location.name);
	if (name !== undefined) item.locationName = name;
	const address = asString(location.address);
	if (address !== undefined) item.locationAddress = address;
}

/**
 * A constructor for plain item objects. The objects it makes are what an object literal makes (the
 * prototype is Object.prototype, so `constructor`, JSON, `Object.keys` and plain-object checks are
 * the same), but V8 reserves room in each object for every key the constructor's body may write,
 * where a literal grown one key at a time reallocates its property store every few keys. For a
 * 1,000-message POST that was most of the time spent building items.
 */
function plainObjectConstructor<A extends unknown[]>(init: (this: IDataObject, ...args: A) => void): new (...args: A) => IDataObject {
	init.prototype = Object.prototype;
	return init as unknown as new (...args: A) => IDataObject;
}

/*
 * Keys every item kind shares, written by the item constructors below. Properties written here
 * rather than in a constructor's own body still land in the room V8 keeps spare in each object.
 */

/** The business number and WABA a message or status arrived on. */
export function setChangeContext(item: IDataObject, context: ChangeContext): void {
	if (context.wabaId !== undefined) item.wabaId = context.wabaId;
	if (context.phoneNumberId !== undefined) item.phoneNumberId = context.phoneNumberId;
	if (context.displayPhoneNumber !== undefined) item.displayPhoneNumber = context.displayPhoneNumber;
}

/** Meta's Unix-seconds timestamp as sent, and as ISO text when it is one. */
export function setTimestamp(item: IDataObject, value: unknown): void {
	const timestamp = asString(value);
	if (timestamp === undefined) return;
	item.timestamp = timestamp;
	const iso = toIsoTimestamp(timestamp);
	if (iso !== undefined) item.timestampIso = iso;
}

/** The IDs the webhook adds to every item it emits, after the item's own keys. */
export function setIds(item: IDataObject, eventId: string | undefined, deliveryId: string | undefined): void {
	if (eventId !== undefined) item.eventId = eventId;
	if (deliveryId !== undefined) item.deliveryId = deliveryId;
}

/**
 * One incoming message as a flat item ready for a CRM. Keys are only set when Meta sent a value:
 * nothing is invented, and a referral field missing from the payload stays absent. Every key is
 * written by name (`this.key = value`): that is what V8 sizes the object by, and each store is
 * cached, where a generic `target[key] = value` costs about a tenth of a microsecond apiece.
 */
const MessageItem = plainObjectConstructor(function (
	this: IDataObject,
	message: IDataObject,
	context: ChangeContext,
	position: number,
) {
	const referral = asObject(message.referral);
	this.eventType = referral ? 'adReferral' : message.type === 'order' ? 'order' : 'message';
	this.field = 'messages';
	setChangeContext(this, context);
	const contact = contactFor(message, context.contacts, position);
	const profile = profileOf(contact);
	if (profile.name !== undefined) this.contactName = profile.name;
	if (contact !== undefined) {
		const waId = asString(contact.wa_id);
		if (waId !== undefined) this.waId = waId;
	}
	const from = asString(message.from);
	if (from !== undefined) this.from = from;
	const userId = presentId(message.from_user_id) ?? presentId(contact?.user_id);
	if (userId !== undefined) this.userId = userId;
	if (profile.username !== undefined) this.username = profile.username;
	const parentUserId = presentId(message.from_parent_user_id) ?? presentId(contact?.parent_user_id);
	if (parentUserId !== undefined) this.parentUserId = parentUserId;
	const messageId = asString(message.id);
	if (messageId !== undefined) this.messageId = messageId;
	setTimestamp(this, message.timestamp);
	const messageType = asString(message.type);
	if (messageType !== undefined) this.messageType = messageType;
	const text = messageText(message);
	if (text !== undefined) this.text = text;
	if (messageType === 'order') setOrder(this, asObject(message.order));
	else if (messageType === 'location') setLocation(this, asObject(message.location));
	if (referral) {
		// REFERRAL_FIELDS, in its order.
		if (referral.source_url !== undefined) this.source_url = referral.source_url;
		if (referral.source_id !== undefined) this.source_id = referral.source_id;
		if (referral.source_type !== undefined) this.source_type = referral.source_type;
		if (referral.headline !== undefined) this.headline = referral.headline;
		if (referral.body !== undefined) this.body = referral.body;
		if (referral.media_type !== undefined) this.media_type = referral.media_type;
		if (referral.image_url !== undefined) this.image_url = referral.image_url;
		if (referral.video_url !== undefined) this.video_url = referral.video_url;
		if (referral.thumbnail_url !== undefined) this.thumbnail_url = referral.thumbnail_url;
		if (referral.ctwa_clid !== undefined) this.ctwa_clid = referral.ctwa_clid;
		if (referral.ref !== undefined) this.ref = referral.ref;
		if (referral.welcome_message !== undefined) this.welcome_message = referral.welcome_message;
	}
	const repliedTo = asObject(message.context);
	if (repliedTo) this.context = repliedTo;
	// The raw message keeps what the flat fields do not cover (media IDs, locations, interactive
	// payloads), so no information is lost by flattening.
	this.message = message;
});

/**
 * See MessageItem. `position`: the message's index in its change (see contactFor). The webhook adds
 * `eventId` and `deliveryId` (setIds) to the items it emits.
 */
export function flattenMessage(message: IDataObject, context: ChangeContext, position = -1): IDataObject {
	return new MessageItem(message, context, position);
}

/** One delivery-status update (sent, delivered, read, failed) as an item; built like MessageItem. */
const StatusItem = plainObjectConstructor(function (
	this: IDataObject,
	status: IDataObject,
	context: ChangeContext,
) {
	this.eventType = 'messageStatus';
	this.field = 'messages';
	setChangeContext(this, context);
	const messageId = asString(status.id);
	if (messageId !== undefined) this.messageId = messageId;
	const state = asString(status.status);
	if (state !== undefined) this.status = state;
	const recipientId = asString(status.recipient_id);
	if (recipientId !== undefined) this.recipientId = recipientId;
	// Delivered and read statuses list the recipient in `contacts` (with a username, when set).
	const contact = contactOf(recipientOf(status), context.contacts);
	const userId = presentId(status.recipient_user_id) ?? presentId(contact?.user_id);
	if (userId !== undefined) this.userId = userId;
	const username = profileOf(contact).username;
	if (username !== undefined) this.username = username;
	const parentUserId = presentId(status.recipient_parent_user_id) ?? presentId(contact?.parent_user_id);
	if (parentUserId !== undefined) this.parentUserId = parentUserId;
	setTimestamp(this, status.timestamp);
	if (status.conversation !== undefined) this.conversation = status.conversation;
	if (status.pricing !== undefined) this.pricing = status.pricing;
	if (status.errors !== undefined) this.errors = status.errors;
	if (status.biz_opaque_callback_data !== undefined) this.biz_opaque_callback_data = status.biz_opaque_callback_data;
});

export function flattenStatus(status: IDataObject, context: ChangeContext): IDataObject {
	return new StatusItem(status, context);
}
