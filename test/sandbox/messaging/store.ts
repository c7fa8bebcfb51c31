/**
 * What the sandbox remembers about messaging, kept beside (not inside) SandboxState: a reset makes a
 * new SandboxState, so a WeakMap keyed by it starts every reset with an empty store.
 */
import type { SandboxState } from '../state';

/** A WhatsApp user as the business sees it: phone number (wa_id) and/or business-scoped user ID. */
export interface ContactRecord {
	wa_id?: string;
	/** Business-scoped user ID, e.g. US.13491208655302741918 (Meta's business-scoped-user-ids page). */
	user_id?: string;
	parent_user_id?: string;
	username?: string;
	name?: string;
	/** Epoch ms of the contact's last message to each business number: opens the 24-hour window. */
	lastInboundAt: Record<string, number>;
	/** Test hooks for Meta's per-recipient send failures. */
	undeliverable?: boolean;
	stoppedMarketing?: boolean;
	ecosystemLimited?: boolean;
	inExperiment?: boolean;
}

export interface SentMessageRecord {
	id: string;
	phoneNumberId: string;
	path: 'messages' | 'marketing_messages';
	/** What `contacts[].input` answered: the phone number or user ID as sent. */
	input: string;
	wa_id?: string;
	user_id?: string;
	type: string;
	body: Record<string, unknown>;
	time: number;
	/** The last status delivered by webhook: accepted (no webhook yet), sent, delivered, read. */
	status: string;
	template?: { name: string; language: string; category: string };
}

export interface InboundMessageRecord {
	id: string;
	phoneNumberId: string;
	from?: string;
	user_id?: string;
	time: number;
	readAt?: number;
}

export interface MessagingSettings {
	/** Messages per second per number when the number has no override (Meta's default: 80). */
	defaultThroughput: number;
	/** Overrides by phone number ID. */
	throughputByNumber: Record<string, number>;
	/** The pair-rate bucket: `burst` messages at once, refilled one per `intervalMs`. */
	pairRate: { burst: number; intervalMs: number };
	/** The app's callback URL (Meta's lowest-precedence webhook target; overrides win). */
	webhookUrl?: string;
	/** Whether sends produce sent/delivered/read status webhooks, and the pause before each. */
	statusWebhooks: { enabled: boolean; delayMs: number; upTo: 'sent' | 'delivered' | 'read' };
	/** How long a contact's message keeps the free-form window open (Meta: 24 hours). */
	windowMs: number;
}

export interface Bucket {
	tokens: number;
	updatedAt: number;
}

export interface MessagingStore {
	contacts: ContactRecord[];
	sent: SentMessageRecord[];
	inbound: Map<string, InboundMessageRecord>;
	settings: MessagingSettings;
	throughputBuckets: Map<string, Bucket>;
	pairBuckets: Map<string, Bucket>;
	/** Status webhook deliveries and their answers, for tests to wait on. */
	deliveries: Array<{ messageId: string; status: string; url: string; httpStatus?: number; error?: string }>;
	pending: Set<Promise<unknown>>;
	timers: Set<NodeJS.Timeout>;
}

const stores = new WeakMap<SandboxState, MessagingStore>();

export const DAY_MS = 24 * 60 * 60 * 1000;

export function defaultSettings(): MessagingSettings {
	return {
		defaultThroughput: 80,
		throughputByNumber: {},
		// Meta's pair rate: about 1 message every 6 seconds to one user, with bursts allowed
		// (developers.facebook.com/documentation/business-messaging/whatsapp/throughput).
		pairRate: { burst: 45, intervalMs: 6000 },
		statusWebhooks: { enabled: true, delayMs: 50, upTo: 'read' },
		windowMs: DAY_MS,
	};
}

export function messagingOf(state: SandboxState): MessagingStore {
	let store = stores.get(state);
	if (!store) {
		store = {
			contacts: [],
			sent: [],
			inbound: new Map(),
			settings: defaultSettings(),
			throughputBuckets: new Map(),
			pairBuckets: new Map(),
			deliveries: [],
			pending: new Set(),
			timers: new Set(),
		};
		stores.set(state, store);
	}
	return store;
}

/** The contact a phone number or user ID names; `create` adds one for a number not seen before. */
export function findContact(store: MessagingStore, key: { wa_id?: string; user_id?: string }, create = false): ContactRecord | undefined {
	// Empty strings never identify anyone (Meta sends `from: ""` for username-only users).
	const found = store.contacts.find(
		(c) => (key.wa_id && c.wa_id === key.wa_id) || (key.user_id && (c.user_id === key.user_id || c.parent_user_id === key.user_id)),
	);
	if (found || !create) return found;
	const contact: ContactRecord = { lastInboundAt: {} };
	if (key.wa_id) contact.wa_id = key.wa_id;
	if (key.user_id) contact.user_id = key.user_id;
	store.contacts.push(contact);
	return contact;
}

/** Digits only: Meta accepts `+`, spaces, dashes and parentheses in `to` and answers wa_id as digits. */
export function normalisePhone(value: string): string | undefined {
	const digits = value.replace(/[\s\-().+]/g, '');
	return /^\d{7,15}$/.test(digits) ? digits : undefined;
}

/** BSUIDs: ISO country code, optional ENT (parent IDs), then an alphanumeric ID. */
export const USER_ID_PATTERN = /^[A-Z]{2}\.(?:ENT\.)?[A-Za-z0-9]{1,128}$/;
