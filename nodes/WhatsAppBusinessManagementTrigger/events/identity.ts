/**
 * Business-scoped user IDs (BSUIDs): a WhatsApp user with a username may reach the business with
 * `from`/`wa_id` empty, identified only by a user ID. Field names from Meta's "Business-scoped user
 * IDs" page (https://developers.facebook.com/documentation/business-messaging/whatsapp/business-scoped-user-ids/):
 * messages `from_user_id`/`from_parent_user_id`, contacts `user_id`/`parent_user_id`/`profile.username`,
 * statuses `recipient_user_id`/`recipient_parent_user_id`.
 */
import type { IDataObject } from 'n8n-workflow';

import { asObject, asString } from './values';

/** The text, or undefined when it is missing or empty: an empty ID identifies nobody. */
export function presentId(value: unknown): string | undefined {
	const text = asString(value);
	return text === undefined || text === '' ? undefined : text;
}

/** Who a message or status names: a phone number, a user ID, or both (never empty strings). */
export interface UserRef {
	phone?: string;
	userId?: string;
}

export function senderOf(message: IDataObject): UserRef {
	return { phone: presentId(message.from), userId: presentId(message.from_user_id) };
}

export function recipientOf(status: IDataObject): UserRef {
	return { phone: presentId(status.recipient_id), userId: presentId(status.recipient_user_id) };
}

/** Whether the contact is the user: same phone number, or (when a side has no number) the same user ID. */
export function contactMatches(contact: IDataObject, user: UserRef): boolean {
	const phone = presentId(contact.wa_id);
	if (user.phone !== undefined && phone !== undefined) {
		if (phone === user.phone) return true;
	}
	const userId = presentId(contact.user_id);
	return user.userId !== undefined && userId === user.userId;
}

/**
 * The contact of a user among a change's contacts. A batch can hold several senders, so the one
 * whose phone number or user ID matches is taken; `likely` (the message's position) is tried first,
 * since contacts usually come in the order of the messages. A single contact is the sender even when
 * its number is formatted differently from `from` (Meta does that for some countries), unless both
 * carry user IDs and they differ. With several contacts and no match, none is guessed.
 */
export function contactOf(user: UserRef, contacts: IDataObject[], likely = -1): IDataObject | undefined {
	if (user.phone !== undefined || user.userId !== undefined) {
		if (likely >= 0 && likely < contacts.length && contactMatches(contacts[likely], user)) return contacts[likely];
		for (const contact of contacts) if (contactMatches(contact, user)) return contact;
	}
	if (contacts.length !== 1) return undefined;
	const only = presentId(contacts[0].user_id);
	return only !== undefined && user.userId !== undefined && only !== user.userId ? undefined : contacts[0];
}

/** The contact's profile name and username, when Meta sent them. */
export function profileOf(contact: IDataObject | undefined): { name?: string; username?: string } {
	const profile = asObject(contact?.profile);
	return { name: asString(profile?.name), username: presentId(profile?.username) };
}

/**
 * Meta's system messages that report a changed identity. Today's system messages webhook reference
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/system/)
 * documents `user_changed_number` (a new phone number, and with it a new BSUID) and
 * `user_changed_user_id` (only the BSUID changed), each with the new `wa_id`/`user_id`/`parent_user_id`
 * and the `previous_user_id`/`previous_parent_user_id`. Meta's older Cloud API webhooks components
 * page (https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/components, "system object")
 * documented `customer_changed_number` and `customer_identity_changed` with `customer` (the ID before
 * the change), `identity` (a hash) and the new `wa_id` (`new_wa_id` up to webhook v11.0); the
 * On-Premises API sent `user_identity_changed` with `user`. Payloads of each may still arrive.
 */
export const IDENTITY_CHANGE_TYPES: readonly string[] = [
	'user_changed_number',
	'user_changed_user_id',
	'customer_changed_number',
	'customer_identity_changed',
	'user_identity_changed',
];

/** The message's `system` object when the message is an identity change. */
export function identityChangeOf(message: IDataObject): IDataObject | undefined {
	if (message.type !== 'system') return undefined;
	const system = asObject(message.system);
	const type = asString(system?.type);
	return system && type !== undefined && IDENTITY_CHANGE_TYPES.includes(type) ? system : undefined;
}

/** Whether the change names anyone: a notice with no old or new ID and no identity hash updates no lead. */
export function namesSomeone(message: IDataObject, system: IDataObject): boolean {
	const keys = ['wa_id', 'new_wa_id', 'user_id', 'previous_user_id', 'customer', 'user', 'identity'];
	return keys.some((key) => presentId(system[key]) !== undefined) || presentId(message.from) !== undefined || presentId(message.from_user_id) !== undefined;
}

/** Copies the first non-empty ID of `source[from...]` to `item[to]`. */
function copyId(item: IDataObject, to: string, source: IDataObject | undefined, ...from: string[]): void {
	for (const key of from) {
		const value = presentId(source?.[key]);
		if (value === undefined) continue;
		item[to] = value;
		return;
	}
}

/**
 * One identity change as a flat item for a CRM: look the lead up by `from`, `previousWaId` or
 * `previousUserId`, then store `waId` (the new number, when shared), `userId` and `parentUserId`.
 */
export function flattenIdentityChange(message: IDataObject, system: IDataObject, base: IDataObject): IDataObject {
	const item: IDataObject = { ...base, eventType: 'identityChange', field: 'messages' };
	item.changeType = system.type;
	copyId(item, 'messageId', message, 'id');
	copyId(item, 'from', message, 'from');
	copyId(item, 'fromUserId', message, 'from_user_id');
	copyId(item, 'previousWaId', system, 'customer');
	copyId(item, 'previousUserId', system, 'previous_user_id');
	copyId(item, 'previousParentUserId', system, 'previous_parent_user_id');
	copyId(item, 'waId', system, 'wa_id', 'new_wa_id', 'user');
	copyId(item, 'userId', system, 'user_id');
	copyId(item, 'parentUserId', system, 'parent_user_id');
	copyId(item, 'identityHash', system, 'identity');
	const body = asString(system.body);
	if (body !== undefined) item.body = body;
	item.system = system;
	return item;
}
