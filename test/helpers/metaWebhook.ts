/**
 * Meta webhook payloads for the `messages` field, shaped as Meta's webhook reference documents them
 * (graph-api.md section 6): an envelope `{object, entry:[{id, time, changes:[{field, value}]}]}` whose
 * messages carry a Click-to-WhatsApp `referral` on the first message after an ad click.
 */
import { createHmac } from 'node:crypto';

/**
 * The time of the test payloads' events, in Unix seconds: an hour before the test run, so the
 * trigger's Max Event Age (default 7 days) keeps them as it keeps Meta's real deliveries.
 */
export const RECENT_TIME = Math.floor(Date.now() / 1000) - 3600;

/** Small deterministic PRNG (mulberry32): the same seed gives the same payloads and fuzz cases. */
export function seededRandom(seed: number) {
	let a = seed >>> 0;
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return {
		next,
		int: (min: number, maxInclusive: number) => min + Math.floor(next() * (maxInclusive - min + 1)),
		pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)],
		chance: (probability: number) => next() < probability,
	};
}
export type SeededRandom = ReturnType<typeof seededRandom>;

export function sign(body: Buffer | string, secret: string): string {
	return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export interface ReferralMessageOptions {
	/** The message's wamid; unique per message. */
	id: string;
	from?: string;
	timestamp?: number;
	/** Whether the message carries an ad referral (the first message after an ad click). */
	referral?: boolean;
	/** Extra text to reach a target size. */
	padding?: number;
}

export function referralMessage(options: ReferralMessageOptions): Record<string, unknown> {
	const message: Record<string, unknown> = {
		from: options.from ?? '16505551234',
		id: options.id,
		timestamp: String(options.timestamp ?? RECENT_TIME),
		type: 'text',
		text: { body: `Hi! Is this still available?${'x'.repeat(options.padding ?? 0)}` },
	};
	if (options.referral !== false) {
		message.referral = {
			source_url: 'https://fb.me/3cr4Wqqkv',
			source_id: '120226305854810726',
			source_type: 'ad',
			headline: 'Test drive this weekend',
			body: 'Book in two taps.',
			media_type: 'image',
			image_url: 'https://scontent.xx.fbcdn.net/ad.jpg',
			ctwa_clid: `ARAkLkA8rmlFeiCktEJQ-QTwRiy${options.id.slice(-10)}`,
		};
	}
	return message;
}

export interface MessagesChange {
	phoneNumberId?: string;
	displayPhoneNumber?: string;
	messages: Array<Record<string, unknown>>;
}

export function envelope(wabaId: string, entries: Array<{ time?: number; changes: MessagesChange[] }>): Record<string, unknown> {
	return {
		object: 'whatsapp_business_account',
		entry: entries.map((entry) => ({
			id: wabaId,
			time: entry.time ?? RECENT_TIME,
			changes: entry.changes.map((change) => ({
				field: 'messages',
				value: {
					messaging_product: 'whatsapp',
					metadata: {
						display_phone_number: change.displayPhoneNumber ?? '15550783881',
						phone_number_id: change.phoneNumberId ?? '106540352242922',
					},
					contacts: change.messages.map((message) => ({ profile: { name: 'Sheena Nelson' }, wa_id: String(message.from) })),
					messages: change.messages,
				},
			})),
		})),
	};
}

/** A unique wamid, as Meta formats them (base64 of an opaque id). */
export function wamid(prefix: string, index: number): string {
	return `wamid.${Buffer.from(`${prefix}:${String(index).padStart(8, '0')}`).toString('base64')}`;
}

/**
 * One POST the way Meta batches it: `messageCount` referral messages, `messagesPerChange` per
 * `messages` change and ten changes per entry, padded to about `targetBytes` in total.
 */
export function referralBatch(options: {
	wabaId: string;
	messageCount: number;
	idPrefix: string;
	targetBytes?: number;
	messagesPerChange?: number;
}): { payload: Record<string, unknown>; ids: string[] } {
	const perChange = options.messagesPerChange ?? 5;
	const build = (padding: number) => {
		const ids: string[] = [];
		const entries: Array<{ changes: MessagesChange[] }> = [];
		for (let index = 0; index < options.messageCount; index++) {
			if (index % (perChange * 10) === 0) entries.push({ changes: [] });
			const changes = entries[entries.length - 1].changes;
			if (index % perChange === 0) changes.push({ messages: [] });
			const id = wamid(options.idPrefix, index);
			ids.push(id);
			changes[changes.length - 1].messages.push(
				referralMessage({ id, from: String(16505550000 + (index % 10_000)), timestamp: RECENT_TIME + index, padding }),
			);
		}
		return { payload: envelope(options.wabaId, entries), ids };
	};
	const plain = build(0);
	if (!options.targetBytes) return plain;
	const size = Buffer.byteLength(JSON.stringify(plain.payload));
	const padding = Math.max(0, Math.floor((options.targetBytes - size) / options.messageCount));
	return build(padding);
}
