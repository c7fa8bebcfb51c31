/**
 * The test side of messaging: seeders (`contacts`, `messaging`), controls under /__sandbox/messages/
 * and what GET /__sandbox/state shows. None of this is Graph API; it lets tests set up what Meta's
 * users and Meta's settings would.
 *
 * - POST /__sandbox/messages/inbound {from | userId, phoneNumberId?, text?, name?, username?, at?, deliver?}
 *   a user writes to the business number (opens the window; delivered to the webhook unless deliver: false)
 * - POST /__sandbox/messages/status {id, status: sent|delivered|read|failed, error?} pushes a status webhook
 * - POST /__sandbox/messages/settings {defaultThroughput?, throughputByNumber?, pairRate?, webhookUrl?, statusWebhooks?, windowMs?}
 * - POST /__sandbox/messages/settle waits until scheduled status webhooks are delivered
 */
import type { RouteRegistry, Sandbox } from '../server';
import type { SandboxState } from '../state';
import { type ContactRecord, type MessagingSettings, messagingOf } from './store';
import { type InboundInput, STATUS_ORDER, deliverStatus, inboundPayload, observeDeliveredWebhook, recordInbound, settleStatuses, webhookTarget } from './webhooks';

type ContactSeed = Partial<ContactRecord> & {
	/** Shorthand: the contact wrote to these numbers (or all numbers: true) just now. */
	windowOpen?: boolean | string[];
};

function seedContacts(state: SandboxState, records: unknown[]): void {
	const store = messagingOf(state);
	for (const raw of records) {
		const { windowOpen, ...seed } = raw as ContactSeed;
		if (!seed.wa_id && !seed.user_id) throw new Error('A seeded contact needs wa_id or user_id');
		const contact: ContactRecord = { ...seed, lastInboundAt: { ...(seed.lastInboundAt ?? {}) } };
		const numbers = windowOpen === true ? [...state.phoneNumbers.keys()] : Array.isArray(windowOpen) ? windowOpen : [];
		for (const id of numbers) contact.lastInboundAt[id] = Date.now();
		store.contacts = store.contacts.filter((c) => !(c.wa_id && c.wa_id === contact.wa_id) && !(c.user_id && c.user_id === contact.user_id));
		store.contacts.push(contact);
	}
}

export function applySettings(state: SandboxState, update: Partial<MessagingSettings>): MessagingSettings {
	const settings = messagingOf(state).settings;
	const { throughputByNumber, pairRate, statusWebhooks, ...rest } = update;
	Object.assign(settings, rest);
	if (throughputByNumber) Object.assign(settings.throughputByNumber, throughputByNumber);
	if (pairRate) Object.assign(settings.pairRate, pairRate);
	if (statusWebhooks) Object.assign(settings.statusWebhooks, statusWebhooks);
	// New rates start with full buckets.
	messagingOf(state).throughputBuckets.clear();
	messagingOf(state).pairBuckets.clear();
	return settings;
}

async function inbound(sandbox: Sandbox, body: Record<string, unknown>) {
	const input = body as unknown as InboundInput & { deliver?: boolean };
	const state = sandbox.state;
	const record = recordInbound(state, input);
	const url = webhookTarget(state, messagingOf(state), record.phoneNumberId);
	if (input.deliver === false || !url) return { id: record.id, delivered: false };
	const answer = await sandbox.sendWebhook({ url, payload: inboundPayload(state, record, input) });
	return { id: record.id, delivered: true, webhookStatus: answer.status };
}

async function pushStatus(sandbox: Sandbox, body: Record<string, unknown>) {
	const state = sandbox.state;
	const message = messagingOf(state).sent.find((m) => m.id === body.id);
	if (!message) throw new Error(`No sent message ${String(body.id)}`);
	const status = String(body.status);
	if (![...STATUS_ORDER, 'failed'].includes(status as never)) throw new Error('status must be sent, delivered, read or failed');
	return deliverStatus(sandbox, state, message, status, body.error as Record<string, unknown> | undefined);
}

export function registerMessagingControls(registry: RouteRegistry): void {
	registry.seeder('contacts', seedContacts);
	registry.seeder('messaging', (state, records) => {
		for (const record of records) applySettings(state, record as Partial<MessagingSettings>);
	});
	registry.control('POST', '/__sandbox/messages/inbound', inbound);
	registry.control('POST', '/__sandbox/messages/status', pushStatus);
	registry.control('POST', '/__sandbox/messages/settings', (sandbox, body) => applySettings(sandbox.state, body as Partial<MessagingSettings>));
	registry.control('POST', '/__sandbox/messages/settle', async (sandbox, body) => {
		await settleStatuses(sandbox.state, typeof body.timeoutMs === 'number' ? body.timeoutMs : 5000);
		return { success: true };
	});
	registry.webhookObserver(observeDeliveredWebhook);
	registry.stateView('messages', (state) => messagingOf(state).sent);
	registry.stateView('messaging', (state) => {
		const store = messagingOf(state);
		return { settings: store.settings, contacts: store.contacts, inbound: [...store.inbound.values()], statusDeliveries: store.deliveries };
	});
}
