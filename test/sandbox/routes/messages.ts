/**
 * Sending messages, per Meta's Cloud API messages reference
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/reference/whatsapp-business-phone-number/message-api)
 * and the Marketing Messages API for WhatsApp
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/send-marketing-messages):
 * - POST /{phone-number-id}/messages takes every message type, and the mark-as-read form
 *   (`status: "read"`, optionally with `typing_indicator`);
 * - POST /{phone-number-id}/marketing_messages takes MARKETING templates only;
 * - the recipient is `to` (a phone number) or `recipient` (a business-scoped user ID; `to` wins when
 *   both are given), https://developers.facebook.com/documentation/business-messaging/whatsapp/business-scoped-user-ids;
 * - answer `{messaging_product, contacts:[{input, wa_id | user_id}], messages:[{id, message_status?}]}`.
 * Free-form messages need the contact's 24-hour window (131047); templates never do. The two send
 * rates are in messaging/limits.ts, status webhooks in messaging/webhooks.ts.
 */
import { randomBytes } from 'node:crypto';

import { GraphError } from '../graph';
import { checkContacts, checkContext, checkLocation, checkMediaObject, checkReaction, checkText, MEDIA_TYPES } from '../messaging/content';
import { messagingErrors } from '../messaging/errors';
import { type Json, isObject, requireString } from '../messaging/fields';
import { checkInteractive } from '../messaging/interactive';
import { spendSendRates } from '../messaging/limits';
import { type ContactRecord, type SentMessageRecord, USER_ID_PATTERN, findContact, messagingOf, normalisePhone } from '../messaging/store';
import { checkTemplateMessage, needsPhoneNumber } from '../messaging/template';
import { scheduleStatuses } from '../messaging/webhooks';
import { registerMessagingControls } from '../messaging/controls';
import type { RequestContext, RouteRegistry } from '../server';
import type { TemplateRecord } from '../state';

interface Recipient {
	input: string;
	wa_id?: string;
	user_id?: string;
}

function readEnvelope(ctx: RequestContext): Json {
	if (!isObject(ctx.body)) throw new GraphError(100, 'The parameter messaging_product is required.');
	const body = ctx.body;
	if (body.messaging_product === undefined) throw new GraphError(100, 'The parameter messaging_product is required.');
	if (body.messaging_product !== 'whatsapp') throw new GraphError(100, `Param messaging_product must be one of {WHATSAPP} - got "${String(body.messaging_product)}".`);
	if (body.recipient_type !== undefined && body.recipient_type !== 'individual') {
		throw messagingErrors.valueInvalid(`Parameter 'recipient_type' must be individual; got ${JSON.stringify(body.recipient_type)}.`);
	}
	const number = ctx.state.phoneNumbers.get(ctx.params.id)!;
	if (!number.registered) throw new GraphError(133010, 'Account not registered', { details: 'The phone number is not registered on Cloud API.' });
	return body;
}

function readRecipient(body: Json): Recipient {
	if (body.to !== undefined && body.to !== null && body.to !== '') {
		if (typeof body.to !== 'string') throw messagingErrors.valueInvalid("Parameter 'to' must be a string.");
		const waId = normalisePhone(body.to);
		if (!waId) throw messagingErrors.valueInvalid(`Parameter 'to' is not a valid phone number: ${body.to}`);
		return { input: body.to, wa_id: waId };
	}
	if (body.recipient !== undefined && body.recipient !== null && body.recipient !== '') {
		if (typeof body.recipient !== 'string' || !USER_ID_PATTERN.test(body.recipient)) {
			throw messagingErrors.valueInvalid(`Parameter 'recipient' is not a valid business-scoped user ID: ${String(body.recipient)}`);
		}
		return { input: body.recipient, user_id: body.recipient };
	}
	throw new GraphError(100, 'The parameter to is required.');
}

/** Validates the message object of its type; a template answers its record. */
function checkContent(ctx: RequestContext, body: Json, type: string): TemplateRecord | undefined {
	const phoneNumberId = ctx.params.id;
	if (type === 'template') return checkTemplateMessage(ctx.state, body, phoneNumberId);
	if (type === 'text') checkText(body);
	else if ((MEDIA_TYPES as readonly string[]).includes(type)) checkMediaObject(ctx.state, type, body[type], type, phoneNumberId);
	else if (type === 'interactive') checkInteractive(ctx.state, body, phoneNumberId);
	else if (type === 'reaction') checkReaction(body);
	else if (type === 'location') checkLocation(body.location, 'location');
	else if (type === 'contacts') checkContacts(body);
	else throw messagingErrors.unsupportedType(type);
	if (body[type] === undefined) throw messagingErrors.requiredMissing(`Parameter '${type}' is mandatory for type '${type}'`);
	return undefined;
}

/** Meta's per-recipient refusals: seeded on the contact, they stand in for Meta's own reasons. */
function checkRecipientState(contact: ContactRecord | undefined, template: TemplateRecord | undefined, phoneNumberId: string, windowMs: number): void {
	if (contact?.undeliverable) throw messagingErrors.undeliverable();
	if (template?.category === 'MARKETING') {
		if (contact?.stoppedMarketing) throw messagingErrors.stoppedMarketing();
		if (contact?.inExperiment) throw messagingErrors.experiment();
		if (contact?.ecosystemLimited) throw messagingErrors.ecosystem();
	}
	if (!template) {
		const last = contact?.lastInboundAt[phoneNumberId];
		if (last === undefined || Date.now() - last > windowMs) throw messagingErrors.reEngagement();
	}
}

function newWamid(recipient: Recipient): string {
	return `wamid.${Buffer.from(`HBgL${recipient.wa_id ?? recipient.user_id}FQIAERgS${randomBytes(9).toString('hex').toUpperCase()}`).toString('base64')}`;
}

function markAsRead(ctx: RequestContext, body: Json) {
	const messageId = requireString(body.message_id, 'message_id');
	const inbound = messagingOf(ctx.state).inbound.get(messageId);
	if (!inbound || inbound.phoneNumberId !== ctx.params.id) {
		throw messagingErrors.valueInvalid(`message_id ${messageId} is not a message this phone number received.`);
	}
	if (body.typing_indicator !== undefined) {
		if (!isObject(body.typing_indicator) || body.typing_indicator.type !== 'text') {
			throw messagingErrors.valueInvalid("Parameter 'typing_indicator.type' must be text.");
		}
	}
	inbound.readAt = Date.now();
	return { json: { success: true } };
}

function send(ctx: RequestContext, path: 'messages' | 'marketing_messages') {
	const body = readEnvelope(ctx);
	if (path === 'messages' && body.status !== undefined) {
		if (body.status !== 'read') throw messagingErrors.valueInvalid(`Parameter 'status' must be read; got ${JSON.stringify(body.status)}.`);
		return markAsRead(ctx, body);
	}
	const recipient = readRecipient(body);
	const type = body.type === undefined ? 'text' : String(body.type);
	if (path === 'marketing_messages' && type !== 'template') throw messagingErrors.invalid('The Marketing Messages API only sends template messages.');
	const template = checkContent(ctx, body, type);
	if (path === 'marketing_messages' && template!.category !== 'MARKETING') throw messagingErrors.notMarketing(template!.name);
	if (template && recipient.user_id && needsPhoneNumber(template)) throw messagingErrors.userIdNotSupported();
	checkContext(body);

	const store = messagingOf(ctx.state);
	const phoneNumberId = ctx.params.id;
	const contact = findContact(store, recipient);
	spendSendRates(ctx.state, store, phoneNumberId, contact?.wa_id ?? contact?.user_id ?? recipient.wa_id ?? recipient.user_id!);
	checkRecipientState(contact, template, phoneNumberId, store.settings.windowMs);

	const { messaging_product: _product, ...content } = body;
	const message: SentMessageRecord = {
		id: newWamid(recipient),
		phoneNumberId,
		path,
		input: recipient.input,
		...(recipient.wa_id ? { wa_id: recipient.wa_id } : {}),
		...(recipient.user_id ? { user_id: recipient.user_id } : contact?.user_id ? { user_id: contact.user_id } : {}),
		type,
		body: content,
		time: Date.now(),
		status: 'accepted',
		...(template ? { template: { name: template.name, language: template.language, category: template.category } } : {}),
	};
	store.sent.push(message);
	scheduleStatuses(ctx.sandbox, message);
	const answeredContact = recipient.wa_id ? { input: recipient.input, wa_id: recipient.wa_id } : { input: recipient.input, user_id: recipient.user_id };
	// message_status is Meta's template pacing state; only template sends carry it.
	const answeredMessage = template ? { id: message.id, message_status: 'accepted' } : { id: message.id };
	return { json: { messaging_product: 'whatsapp', contacts: [answeredContact], messages: [answeredMessage] } };
}

export function register(registry: RouteRegistry): void {
	registry.node('POST', 'phone', 'messages', (ctx) => send(ctx, 'messages'));
	registry.node('POST', 'phone', 'marketing_messages', (ctx) => send(ctx, 'marketing_messages'));
	registerMessagingControls(registry);
}
