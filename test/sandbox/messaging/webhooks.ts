/**
 * The `messages` webhooks the sandbox sends on its own: status updates of sent messages (sent,
 * delivered, read) and inbound messages a test simulates, shaped as Meta's webhook reference shows
 * them (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/status,
 * .../webhooks/reference/messages/text) and signed by sandbox.sendWebhook with the App Secret.
 * Target: the number's override callback, else the WABA's, else the app's callback URL
 * (Meta's precedence, https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/override).
 */
import type { GraphError } from '../graph';
import type { Sandbox } from '../server';
import type { SandboxState } from '../state';
import { type InboundMessageRecord, type MessagingStore, type SentMessageRecord, findContact, indexContact, messagingOf } from './store';

export const STATUS_ORDER = ['sent', 'delivered', 'read'] as const;
const ERROR_CODES_URL = 'https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes';

export function webhookTarget(state: SandboxState, store: MessagingStore, phoneNumberId: string): string | undefined {
	return (
		state.phoneNumbers.get(phoneNumberId)?.webhook_override?.override_callback_uri ??
		state.subscribedApps.find((app) => app.id === state.appId)?.override_callback_uri ??
		store.settings.webhookUrl
	);
}

function messagesEnvelope(state: SandboxState, phoneNumberId: string, value: Record<string, unknown>) {
	const number = state.phoneNumbers.get(phoneNumberId);
	return {
		object: 'whatsapp_business_account',
		entry: [
			{
				id: state.wabaId,
				changes: [
					{
						field: 'messages',
						value: {
							messaging_product: 'whatsapp',
							metadata: { display_phone_number: (number?.display_phone_number ?? '').replace(/\D/g, ''), phone_number_id: phoneNumberId },
							...value,
						},
					},
				],
			},
		],
	};
}

export function statusPayload(state: SandboxState, message: SentMessageRecord, status: string, error?: Record<string, unknown>) {
	const entry: Record<string, unknown> = {
		id: message.id,
		status,
		timestamp: String(Math.floor(Date.now() / 1000)),
		// Users known only by their business-scoped ID have an empty recipient_id (Meta's BSUID page).
		recipient_id: message.wa_id ?? '',
	};
	if (message.user_id) entry.recipient_user_id = message.user_id;
	if (typeof message.body.biz_opaque_callback_data === 'string') entry.biz_opaque_callback_data = message.body.biz_opaque_callback_data;
	if (status !== 'failed') {
		const category = message.template ? message.template.category.toLowerCase() : 'service';
		entry.pricing = { billable: category !== 'service', pricing_model: 'PMP', category, type: category === 'service' ? 'free_customer_service' : 'regular' };
	}
	if (error) entry.errors = [error];
	return messagesEnvelope(state, message.phoneNumberId, { statuses: [entry] });
}

/** Sends one status webhook now (or records that no callback is configured). */
export async function deliverStatus(sandbox: Sandbox, state: SandboxState, message: SentMessageRecord, status: string, error?: Record<string, unknown>) {
	const store = messagingOf(state);
	message.status = status;
	const url = webhookTarget(state, store, message.phoneNumberId);
	const delivery: MessagingStore['deliveries'][number] = { messageId: message.id, status, url: url ?? '' };
	store.deliveries.push(delivery);
	if (!url) return delivery;
	try {
		delivery.httpStatus = (await sandbox.sendWebhook({ url, payload: statusPayload(state, message, status, error) })).status;
	} catch (caught) {
		delivery.error = (caught as Error).message;
	}
	return delivery;
}

/** Runs `work` after `delayMs`, tracked so tests can settle; dropped if a reset replaced the state. */
function later(sandbox: Sandbox, delayMs: number, work: () => Promise<unknown>): void {
	const state = sandbox.state;
	const store = messagingOf(state);
	const timer = setTimeout(() => {
		store.timers.delete(timer);
		if (sandbox.state !== state) return;
		const running = work();
		store.pending.add(running);
		void running.finally(() => store.pending.delete(running));
	}, delayMs);
	timer.unref();
	store.timers.add(timer);
}

/** Walks a sent message through sent, delivered, read with the configured pause before each. */
export function scheduleStatuses(sandbox: Sandbox, message: SentMessageRecord): void {
	const state = sandbox.state;
	const { enabled, delayMs, upTo } = messagingOf(state).settings.statusWebhooks;
	if (!enabled) return;
	const steps = STATUS_ORDER.slice(0, STATUS_ORDER.indexOf(upTo) + 1);
	const next = (index: number) => {
		if (index < steps.length) later(sandbox, delayMs, () => deliverStatus(sandbox, state, message, steps[index]).then(() => next(index + 1)));
	};
	next(0);
}

/** A message Meta accepted but could not deliver: one `failed` status carrying the error, as webhooks show it. */
export function scheduleFailure(sandbox: Sandbox, message: SentMessageRecord, failure: GraphError): void {
	const title = failure.message;
	const error = { code: failure.code, title, message: title, error_data: { details: failure.options.details ?? title }, href: ERROR_CODES_URL };
	const state = sandbox.state;
	message.status = 'failed';
	const { enabled, delayMs } = messagingOf(state).settings.statusWebhooks;
	if (enabled) later(sandbox, delayMs, () => deliverStatus(sandbox, state, message, 'failed', error));
}

/** Resolves when no status webhook is scheduled or in flight (tests wait on it). */
export async function settleStatuses(state: SandboxState, timeoutMs = 5000): Promise<void> {
	const store = messagingOf(state);
	const deadline = Date.now() + timeoutMs;
	while ((store.timers.size || store.pending.size) && Date.now() < deadline) {
		await Promise.race([...store.pending, new Promise((resolve) => setTimeout(resolve, 10))]);
	}
}

export interface InboundInput {
	phoneNumberId?: string;
	from?: string;
	userId?: string;
	username?: string;
	name?: string;
	text?: string;
	/** When the user wrote (epoch ms); default now. An old time leaves the window closed. */
	at?: number;
	id?: string;
}

/** Records a message a user sent to the business number: it opens the 24-hour window. */
export function recordInbound(state: SandboxState, input: InboundInput): InboundMessageRecord {
	const store = messagingOf(state);
	if (!input.from && !input.userId) throw new Error('An inbound message needs from (a phone number) or userId');
	const phoneNumberId = input.phoneNumberId ?? [...state.phoneNumbers.keys()][0] ?? '';
	const contact = findContact(store, { wa_id: input.from, user_id: input.userId }, true)!;
	if (input.from && !contact.wa_id) contact.wa_id = input.from;
	if (input.userId && !contact.user_id) contact.user_id = input.userId;
	indexContact(store, contact);
	if (input.username) contact.username = input.username;
	if (input.name) contact.name = input.name;
	const time = input.at ?? Date.now();
	contact.lastInboundAt[phoneNumberId] = Math.max(contact.lastInboundAt[phoneNumberId] ?? 0, time);
	const record: InboundMessageRecord = {
		id: input.id ?? `wamid.${Buffer.from(`inbound:${phoneNumberId}:${store.inbound.size + 1}:${time}`).toString('base64')}`,
		phoneNumberId,
		from: input.from,
		user_id: input.userId,
		time,
	};
	store.inbound.set(record.id, record);
	return record;
}

export function inboundPayload(state: SandboxState, record: InboundMessageRecord, input: InboundInput) {
	const contact: Record<string, unknown> = { profile: { name: input.name ?? 'Sandbox User', ...(input.username ? { username: input.username } : {}) }, wa_id: record.from ?? '' };
	if (record.user_id) contact.user_id = record.user_id;
	const message: Record<string, unknown> = {
		from: record.from ?? '',
		id: record.id,
		timestamp: String(Math.floor(record.time / 1000)),
		type: 'text',
		text: { body: input.text ?? 'Hi!' },
	};
	if (record.user_id) message.from_user_id = record.user_id;
	return messagesEnvelope(state, record.phoneNumberId, { contacts: [contact], messages: [message] });
}

/** Inbound messages in a payload the sandbox delivers: each opens its sender's window, as Meta's would. */
export function observeDeliveredWebhook(state: SandboxState, payload: unknown): void {
	const entries = (payload as { entry?: unknown })?.entry;
	if (!Array.isArray(entries)) return;
	for (const entry of entries) {
		for (const change of Array.isArray(entry?.changes) ? entry.changes : []) {
			const value = change?.value;
			if (change?.field !== 'messages' || !Array.isArray(value?.messages)) continue;
			for (const message of value.messages) {
				if (!message || typeof message !== 'object' || typeof message.id !== 'string') continue;
				const from = typeof message.from === 'string' && message.from ? message.from : undefined;
				const userId = typeof message.from_user_id === 'string' && message.from_user_id ? message.from_user_id : undefined;
				if (messagingOf(state).inbound.has(message.id) || (!from && !userId)) continue;
				recordInbound(state, { phoneNumberId: value.metadata?.phone_number_id, from, userId, id: message.id });
			}
		}
	}
}
