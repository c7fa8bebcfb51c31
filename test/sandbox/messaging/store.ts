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
	/**
	 * How per-recipient failures (131047, 131026, 131049, 131050, 130472) reach the sender. Cloud API
	 * accepts such a message and reports the failure in a `failed` status webhook ('webhook'); the
	 * default 'response' answers the send with the error, as the node's tests and hints expect.
	 */
	recipientFailures: 'response' | 'webhook';
}

export interface Bucket {
	tokens: number;
	updatedAt: number;
}

export interface MessagingStore {
	contacts: ContactRecord[];
	/** Contacts by `wa:<wa_id>` and `user:<user_id or parent_user_id>` (webhook batches add thousands). */
	contactIndex: Map<string, ContactRecord>;
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
		recipientFailures: 'response',
	};
}

export function messagingOf(state: SandboxState): MessagingStore {
	let store = stores.get(state);
	if (!store) {
		store = {
			contacts: [],
			contactIndex: new Map(),
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

const indexKeys = (c: { wa_id?: string; user_id?: string; parent_user_id?: string }) =>
	// Empty strings never identify anyone (Meta sends `from: ""` for username-only users).
	[c.wa_id && `wa:${c.wa_id}`, c.user_id && `user:${c.user_id}`, c.parent_user_id && `user:${c.parent_user_id}`].filter((k): k is string => !!k);

/** (Re)indexes a contact under its current IDs; call after setting an ID on it. */
export function indexContact(store: MessagingStore, contact: ContactRecord): void {
	for (const key of indexKeys(contact)) store.contactIndex.set(key, contact);
}

/** Adds a contact, replacing any contact it shares an ID with. */
export function addContact(store: MessagingStore, contact: ContactRecord): void {
	const replaced = new Set(indexKeys(contact).map((key) => store.contactIndex.get(key)).filter(Boolean));
	if (replaced.size) {
		store.contacts = store.contacts.filter((c) => !replaced.has(c));
		for (const [key, value] of [...store.contactIndex]) if (replaced.has(value)) store.contactIndex.delete(key);
	}
	store.contacts.push(contact);
	indexContact(store, contact);
}

/** The contact a phone number or user ID names; `create` adds one for a user not seen before. */
export function findContact(store: MessagingStore, key: { wa_id?: string; user_id?: string }, create = false): ContactRecord | undefined {
	const found = indexKeys(key).map((k) => store.contactIndex.get(k)).find(Boolean);
	if (found || !create) return found;
	const contact: ContactRecord = { lastInboundAt: {} };
	if (key.wa_id) contact.wa_id = key.wa_id;
	if (key.user_id) contact.user_id = key.user_id;
	addContact(store, contact);
	return contact;
}

/** Digits only: Meta accepts `+`, spaces, dashes and parentheses in `to` and answers wa_id as digits. */
export function normalisePhone(value: string): string | undefined {
	const digits = value.replace(/[\s\-().+]/g, '');
	return /^\d{7,15}$/.test(digits) ? digits : undefined;
}

/** BSUIDs: ISO country code, optional ENT (parent IDs), then an alphanumeric ID. */
export const USER_ID_PATTERN = /^[A-Z]{2}\.(?:ENT\.)?[A-Za-z0-9]{1,128}$/;
