/**
 * Meta webhook bodies for business-scoped user IDs and the webhook fields issue 16 added, shaped as
 * Meta's webhook reference documents them (one builder per page; the pages are cited in the trigger's
 * events/ files). Used by tests, by the sandbox's `POST /__sandbox/webhook` (`event`), and by the e2e
 * suite. Imports nothing from nodes/.
 */

import { DISPLAY_PHONE_NUMBER, PHONE_NUMBER_ID, WEBHOOK_TIME, adReferral, orderMessage } from './metaWebhooks';

export const DEFAULT_PHONE_NUMBER_ID = PHONE_NUMBER_ID;
export const DEFAULT_DISPLAY_PHONE_NUMBER = DISPLAY_PHONE_NUMBER;
const DEFAULT_TIME = WEBHOOK_TIME;

interface Common {
	wabaId: string;
	phoneNumberId?: string;
	displayPhoneNumber?: string;
	time?: number;
}

function envelopeOf(options: Common, field: string, value: Record<string, unknown>): Record<string, unknown> {
	return {
		object: 'whatsapp_business_account',
		entry: [{ id: options.wabaId, time: options.time ?? DEFAULT_TIME, changes: [{ field, value }] }],
	};
}

function metadataOf(options: Common) {
	return {
		messaging_product: 'whatsapp',
		metadata: {
			display_phone_number: options.displayPhoneNumber ?? DEFAULT_DISPLAY_PHONE_NUMBER,
			phone_number_id: options.phoneNumberId ?? DEFAULT_PHONE_NUMBER_ID,
		},
	};
}

export interface BsuidLead {
	name: string;
	/** The business-scoped user ID, e.g. `US.13491208655302741918`. */
	userId: string;
	username?: string;
	parentUserId?: string;
	/** The phone number; `''` (the default) as Meta sends it for a user known only by username. */
	phone?: string;
	messageId: string;
	ctwaClid?: string;
	text?: string;
	timestamp?: number;
}

/**
 * One `messages` change with a message and a contact per lead, `from`/`wa_id` empty unless a phone
 * is given: Business-scoped user IDs page, "Webhooks" (from_user_id, contacts[].user_id,
 * contacts[].profile.username).
 */
export function bsuidLeadsPayload(options: Common & { leads: BsuidLead[]; referral?: boolean }): Record<string, unknown> {
	const contacts = options.leads.map((lead) => {
		const contact: Record<string, unknown> = { profile: { name: lead.name, ...(lead.username ? { username: lead.username } : {}) }, wa_id: lead.phone ?? '', user_id: lead.userId };
		if (lead.parentUserId) contact.parent_user_id = lead.parentUserId;
		return contact;
	});
	const messages = options.leads.map((lead, index) => {
		const message: Record<string, unknown> = {
			from: lead.phone ?? '',
			from_user_id: lead.userId,
			id: lead.messageId,
			timestamp: String(lead.timestamp ?? DEFAULT_TIME + index),
			type: 'text',
			text: { body: lead.text ?? `Hi, I saw your ad (${lead.name})` },
		};
		if (lead.parentUserId) message.from_parent_user_id = lead.parentUserId;
		if (options.referral !== false) {
			message.referral = adReferral({ ctwa_clid: lead.ctwaClid ?? `ARAkLkA8rmlFeiCktEJQ-${lead.messageId.slice(-12)}` });
		}
		return message;
	});
	return envelopeOf(options, 'messages', { ...metadataOf(options), contacts, messages });
}

export interface IdentityChange {
	/**
	 * Today's types (System messages webhook reference), then the older ones of Meta's Cloud API
	 * webhooks components page (customer_*) and of the On-Premises API (user_identity_changed).
	 */
	type: 'user_changed_number' | 'user_changed_user_id' | 'customer_changed_number' | 'customer_identity_changed' | 'user_identity_changed';
	messageId: string;
	/** The user's phone number before the change ('' when Meta shares none). */
	from?: string;
	fromUserId?: string;
	previousUserId?: string;
	previousParentUserId?: string;
	userId?: string;
	parentUserId?: string;
	/** The new phone number: user_changed_number, customer_changed_number. */
	waId?: string;
	/** customer_changed_number up to webhook v11.0: the new number as `new_wa_id`. */
	newWaId?: string;
	/** customer_*: the user's WhatsApp ID before the change. */
	customer?: string;
	/** customer_identity_changed: the hash of the new identity. */
	identity?: string;
	/** user_identity_changed (On-Premises API): the user's WhatsApp ID. */
	user?: string;
	timestamp?: number;
}

const IDENTITY_BODIES: Record<IdentityChange['type'], (change: IdentityChange) => string> = {
	user_changed_number: (change) => `User changed from ${change.from ?? ''} to ${change.waId ?? ''}`,
	user_changed_user_id: () => 'User changed their business-scoped user ID',
	customer_changed_number: (change) => `Customer ${change.customer ?? ''} changed to ${change.waId ?? change.newWaId ?? ''}`,
	customer_identity_changed: () => "Customer's security code changed",
	user_identity_changed: () => "User's security code changed",
};

/** A system message (System messages webhook reference): no contacts array. */
export function identityChangePayload(options: Common & { change: IdentityChange }): Record<string, unknown> {
	const change = options.change;
	const system: Record<string, unknown> = { body: IDENTITY_BODIES[change.type](change), type: change.type };
	const optional: Array<[string, string | undefined]> = [
		['user_id', change.userId],
		['previous_user_id', change.previousUserId],
		['wa_id', change.waId],
		['new_wa_id', change.newWaId],
		['parent_user_id', change.parentUserId],
		['previous_parent_user_id', change.previousParentUserId],
		['customer', change.customer],
		['identity', change.identity],
		['user', change.user],
	];
	for (const [key, value] of optional) if (value !== undefined && value !== '') system[key] = value;
	const message: Record<string, unknown> = {
		from: change.from ?? '',
		id: change.messageId,
		timestamp: String(change.timestamp ?? DEFAULT_TIME),
		type: 'system',
		system,
	};
	if (change.fromUserId) message.from_user_id = change.fromUserId;
	return envelopeOf(options, 'messages', { ...metadataOf(options), messages: [message] });
}

export interface AutomaticEvent {
	id: string;
	eventName: 'LeadSubmitted' | 'Purchase' | string;
	ctwaClid: string;
	timestamp?: number;
	/** Purchases only: custom_data {currency, value}. */
	value?: number;
	currency?: string;
}

export function automaticEventsPayload(options: Common & { events: AutomaticEvent[] }): Record<string, unknown> {
	const events = options.events.map((event) => ({
		id: event.id,
		event_name: event.eventName,
		timestamp: event.timestamp ?? DEFAULT_TIME,
		ctwa_clid: event.ctwaClid,
		...(event.value !== undefined ? { custom_data: { currency: event.currency ?? 'USD', value: event.value } } : {}),
	}));
	return envelopeOf(options, 'automatic_events', { ...metadataOf(options), automatic_events: events });
}

export interface UserPreference {
	name: string;
	waId?: string;
	userId?: string;
	/** `stop` or `resume`. */
	value: string;
	timestamp?: number;
}

export function userPreferencesPayload(options: Common & { preferences: UserPreference[] }): Record<string, unknown> {
	const contacts = options.preferences.map((p) => ({ profile: { name: p.name }, wa_id: p.waId ?? '', ...(p.userId ? { user_id: p.userId } : {}) }));
	const preferences = options.preferences.map((p) => ({
		wa_id: p.waId ?? '',
		...(p.userId ? { user_id: p.userId } : {}),
		detail: p.value === 'stop' ? 'User requested to stop marketing messages' : 'User requested to resume marketing messages',
		category: 'marketing_messages',
		value: p.value,
		timestamp: p.timestamp ?? DEFAULT_TIME,
	}));
	return envelopeOf(options, 'user_preferences', { ...metadataOf(options), contacts, user_preferences: preferences });
}

export function messageEchoesPayload(options: Common & { echoes: Array<{ id: string; to: string; text: string; timestamp?: number }> }): Record<string, unknown> {
	const echoes = options.echoes.map((echo) => ({
		from: options.displayPhoneNumber ?? DEFAULT_DISPLAY_PHONE_NUMBER,
		to: echo.to,
		id: echo.id,
		timestamp: String(echo.timestamp ?? DEFAULT_TIME),
		type: 'text',
		text: { body: echo.text },
	}));
	return envelopeOf(options, 'smb_message_echoes', { ...metadataOf(options), message_echoes: echoes });
}

export function historyPayload(options: Common & { threads: Array<{ id: string; messages: Array<{ id: string; from: string; text: string; status?: string }> }>; phase?: number; progress?: number }): Record<string, unknown> {
	const history = [
		{
			metadata: { phase: options.phase ?? 0, chunk_order: 1, progress: options.progress ?? 100 },
			threads: options.threads.map((thread) => ({
				id: thread.id,
				messages: thread.messages.map((message) => ({
					from: message.from,
					id: message.id,
					timestamp: String(DEFAULT_TIME),
					type: 'text',
					text: { body: message.text },
					history_context: { status: message.status ?? 'READ' },
				})),
			})),
		},
	];
	return envelopeOf(options, 'history', { ...metadataOf(options), history });
}

/** A field whose value is one flat object: account_review_update, account_alerts, security, ... */
export function flatChangePayload(options: Common & { field: string; value: Record<string, unknown> }): Record<string, unknown> {
	return envelopeOf(options, options.field, options.value);
}

/** Documented example values of the flat fields (each field's reference page, "Example"). */
export const FLAT_EXAMPLES: Record<string, Record<string, unknown>> = {
	account_review_update: { decision: 'APPROVED' },
	account_alerts: {
		entity_type: 'PHONE_NUMBER',
		entity_id: '106540352242922',
		alert_info: { alert_severity: 'WARNING', alert_status: 'ACTIVE', alert_type: 'OBA_REJECTED', alert_description: 'Your request for Official Business Account status was rejected.' },
	},
	security: { display_phone_number: DEFAULT_DISPLAY_PHONE_NUMBER, event: 'PIN_CHANGED', requester: '2553158011551542' },
	business_capability_update: { max_daily_conversation_per_phone: 2000, max_daily_conversations_per_business: 2000, max_phone_numbers_per_business: 2, max_phone_numbers_per_waba: 25 },
	message_template_components_update: {
		message_template_id: 1315502779341834,
		message_template_name: 'order_confirmation',
		message_template_language: 'en_US',
		message_template_element: 'Thank you for your order, {{1}}!',
		message_template_title: 'Order confirmed',
		message_template_footer: 'Lucky Shrub',
	},
};

export interface Order {
	id: string;
	from: string;
	name: string;
	text?: string;
	catalogId?: string;
	items: Array<{ productRetailerId: string; quantity: number; itemPrice: number; currency: string }>;
}

/** A cart sent from a catalog, single- or multi-product message: the order messages webhook reference. */
export function orderPayload(options: Common & { order: Order }): Record<string, unknown> {
	const { order } = options;
	const items = order.items.map((item) => ({ product_retailer_id: item.productRetailerId, quantity: item.quantity, item_price: item.itemPrice, currency: item.currency }));
	const message = orderMessage({ id: order.id, from: order.from, text: order.text, catalogId: order.catalogId, items });
	return envelopeOf(options, 'messages', { ...metadataOf(options), contacts: [{ profile: { name: order.name }, wa_id: order.from }], messages: [message] });
}

/** What `POST /__sandbox/webhook` accepts as `event`: a kind and that builder's options. */
export type MetaEventRequest =
	| { kind: 'bsuidLeads'; leads: BsuidLead[] }
	| { kind: 'identityChange'; change: IdentityChange }
	| { kind: 'automaticEvents'; events: AutomaticEvent[] }
	| { kind: 'userPreferences'; preferences: UserPreference[] }
	| { kind: 'messageEchoes'; echoes: Array<{ id: string; to: string; text: string }> }
	| { kind: 'history'; threads: Array<{ id: string; messages: Array<{ id: string; from: string; text: string }> }> }
	| { kind: 'order'; order: Order }
	| { kind: 'flatChange'; field: string; value?: Record<string, unknown> };

export function metaEventPayload(common: Common, request: MetaEventRequest): Record<string, unknown> {
	switch (request.kind) {
		case 'bsuidLeads':
			return bsuidLeadsPayload({ ...common, leads: request.leads });
		case 'identityChange':
			return identityChangePayload({ ...common, change: request.change });
		case 'automaticEvents':
			return automaticEventsPayload({ ...common, events: request.events });
		case 'userPreferences':
			return userPreferencesPayload({ ...common, preferences: request.preferences });
		case 'messageEchoes':
			return messageEchoesPayload({ ...common, echoes: request.echoes });
		case 'history':
			return historyPayload({ ...common, threads: request.threads });
		case 'order':
			return orderPayload({ ...common, order: request.order });
		case 'flatChange': {
			const value = request.value ?? FLAT_EXAMPLES[request.field];
			if (!value) throw new Error(`no example value for the webhook field "${request.field}"; pass one`);
			return flatChangePayload({ ...common, field: request.field, value });
		}
		default:
			throw new Error(`unknown webhook event kind "${(request as { kind?: string }).kind}"`);
	}
}
