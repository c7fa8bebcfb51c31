/**
 * Webhook fields shaped like `messages` (metadata of the business number, then a list): each entry
 * of the list is one event and one flat item.
 */
import type { IDataObject } from 'n8n-workflow';

import { contactOf, presentId, profileOf } from './identity';
import { messageText, setChangeContext, setTimestamp, type ChangeContext } from './messages';
import { isKind } from './shapes';
import { asObject, asString } from './values';

/** The trigger's events for these fields. */
export type MessagingFieldEvent = 'automaticEvent' | 'userPreference' | 'messageEcho' | 'history';

/** One event of a list, with what makes it unique across re-deliveries. */
export interface ListedEvent {
	key: string;
	item: IDataObject;
}

function baseItem(eventType: MessagingFieldEvent, field: string, context: ChangeContext, timestamp: unknown): IDataObject {
	const item: IDataObject = { eventType, field };
	setChangeContext(item, context);
	setTimestamp(item, timestamp);
	return item;
}

/** A non-empty short ID string, else undefined. */
function codeOf(value: unknown): string | undefined {
	return isKind(value, 'code') ? (value as string) : undefined;
}

function objectsOf(list: unknown): IDataObject[] {
	return Array.isArray(list) ? (list.map(asObject).filter(Boolean) as IDataObject[]) : [];
}

/**
 * `automatic_events`: a lead or purchase Meta detected in a chat a Click-to-WhatsApp ad started
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/automatic_events).
 * Purchases carry `custom_data` {currency, value}, lifted onto the item for Conversion > Send Event.
 */
function automaticEvents(value: IDataObject, context: ChangeContext): ListedEvent[] {
	return objectsOf(value.automatic_events).flatMap((event) => {
		// Meta documents id, event_name and ctwa_clid on every event: without them Send Event has nothing to key on.
		if (!isKind(event.id, 'code') || !isKind(event.event_name, 'code') || !isKind(event.ctwa_clid, 'code')) return [];
		const id = event.id as string;
		const eventName = event.event_name as string;
		const item = baseItem('automaticEvent', 'automatic_events', context, event.timestamp);
		item.messageId = id;
		item.eventName = eventName;
		item.ctwa_clid = event.ctwa_clid as string;
		const custom = asObject(event.custom_data);
		if (custom) {
			if (isKind(custom.value, 'number')) item.value = custom.value;
			if (isKind(custom.currency, 'code')) item.currency = custom.currency;
			item.custom_data = custom;
		}
		return [{ key: `automatic:${id}:${eventName}`, item }];
	});
}

/**
 * `user_preferences`: a user stopped or resumed marketing messages
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/user_preferences).
 */
function userPreferences(value: IDataObject, context: ChangeContext): ListedEvent[] {
	return objectsOf(value.user_preferences).flatMap((preference) => {
		const user = { phone: codeOf(preference.wa_id), userId: codeOf(preference.user_id) };
		// Without the user or the stop/resume value there is nothing to sync.
		if ((user.phone === undefined && user.userId === undefined) || !isKind(preference.value, 'code') || !isKind(preference.category, 'code')) return [];
		const item = baseItem('userPreference', 'user_preferences', context, preference.timestamp);
		const contact = contactOf(user, context.contacts);
		const profile = profileOf(contact);
		if (profile.name !== undefined) item.contactName = profile.name;
		if (user.phone !== undefined) item.waId = user.phone;
		const userId = user.userId ?? presentId(contact?.user_id);
		if (userId !== undefined) item.userId = userId;
		if (profile.username !== undefined) item.username = profile.username;
		const parentUserId = presentId(preference.parent_user_id) ?? presentId(contact?.parent_user_id);
		if (parentUserId !== undefined) item.parentUserId = parentUserId;
		item.category = preference.category;
		item.value = preference.value;
		if (isKind(preference.detail, 'text')) item.detail = preference.detail;
		const who = user.userId ?? user.phone;
		return [{ key: `preference:${who}:${asString(preference.category) ?? ''}:${asString(preference.value) ?? ''}:${asString(preference.timestamp) ?? ''}`, item }];
	});
}

/** A message as the flat fields every message-like item shares. */
function setMessageFields(item: IDataObject, message: IDataObject): void {
	for (const [to, from] of [['from', 'from'], ['to', 'to'], ['toUserId', 'to_user_id'], ['toParentUserId', 'to_parent_user_id'], ['messageId', 'id'], ['messageType', 'type']] as const) {
		const text = asString(message[from]);
		if (text !== undefined) item[to] = text;
	}
	const text = messageText(message);
	if (text !== undefined) item.text = text;
	item.message = message;
}

/**
 * `smb_message_echoes` (coexistence): a message the business sent, edited or revoked in the
 * WhatsApp Business app (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/smb_message_echoes).
 */
function messageEchoes(value: IDataObject, context: ChangeContext): ListedEvent[] {
	return objectsOf(value.message_echoes).flatMap((echo) => {
		if (!isKind(echo.id, 'code') || !isKind(echo.type, 'code')) return [];
		const id = echo.id as string;
		const item = baseItem('messageEcho', 'smb_message_echoes', context, echo.timestamp);
		setMessageFields(item, echo);
		return [{ key: `echo:${id}:${asString(echo.type) ?? ''}`, item }];
	});
}

/**
 * `history` (coexistence): the chats of the WhatsApp Business app, shared in chunks after onboarding
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/history).
 * One item per message; a chunk without messages (a refusal, or an error) is one item of its own.
 */
function historyChunks(value: IDataObject, context: ChangeContext, changeKey: () => string): ListedEvent[] {
	return objectsOf(value.history).flatMap((chunk, chunkIndex) => {
		const metadata = asObject(chunk.metadata) ?? {};
		const chunkFields: IDataObject = {};
		for (const [to, from] of [['phase', 'phase'], ['chunkOrder', 'chunk_order'], ['progress', 'progress']] as const) {
			if (isKind(metadata[from], 'number')) chunkFields[to] = metadata[from];
		}
		const events: ListedEvent[] = [];
		for (const thread of objectsOf(chunk.threads)) {
			for (const message of objectsOf(thread.messages)) {
				if (!isKind(message.id, 'code')) continue;
				const id = message.id as string;
				const item = { ...baseItem('history', 'history', context, message.timestamp), ...chunkFields };
				const threadId = asString(thread.id);
				if (threadId !== undefined) item.threadId = threadId;
				setMessageFields(item, message);
				const status = asString(asObject(message.history_context)?.status);
				if (status !== undefined) item.historyStatus = status;
				events.push({ key: `history:${id}`, item });
			}
		}
		// A chunk without messages is an item only when it says something: its progress or its errors.
		if (events.length === 0 && (Object.keys(chunkFields).length > 0 || Array.isArray(chunk.errors))) {
			const item = { ...baseItem('history', 'history', context, undefined), ...chunkFields };
			if (chunk.errors !== undefined) item.errors = chunk.errors;
			events.push({ key: `${changeKey()}:${chunkIndex}`, item });
		}
		return events;
	});
}

const FLATTENERS: Record<string, (value: IDataObject, context: ChangeContext, changeKey: () => string) => ListedEvent[]> = {
	automatic_events: automaticEvents,
	user_preferences: userPreferences,
	smb_message_echoes: messageEchoes,
	history: historyChunks,
};

export const EVENT_BY_MESSAGING_FIELD: Record<string, MessagingFieldEvent> = {
	automatic_events: 'automaticEvent',
	user_preferences: 'userPreference',
	smb_message_echoes: 'messageEcho',
	history: 'history',
};

/** The events of one change of these fields; `changeKey` hashes the change, for entries with no ID. */
export function flattenMessagingField(field: string, value: IDataObject, context: ChangeContext, changeKey: () => string): ListedEvent[] {
	const flatten = FLATTENERS[field];
	return flatten ? flatten(value, context, changeKey) : [];
}
