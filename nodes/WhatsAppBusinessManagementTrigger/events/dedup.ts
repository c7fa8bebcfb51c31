import { createHash } from 'node:crypto';

/** Character codes of the hex digits 0-9a-f. */
const HEX = Array.from('0123456789abcdef', (digit) => digit.charCodeAt(0));

/** The length of a fingerprint (see `fingerprint`). */
export const FINGERPRINT_LENGTH = 16;

/**
 * A short, fixed-length fingerprint so a window of keys stays small in workflow static data:
 * 64 bits as 16 hex characters (two independent 32-bit FNV-1a style hashes). It only tells
 * recent event IDs apart - nothing secret depends on it (webhooks are authenticated by their
 * signature before any key is looked at), and for a window of 2,000 keys the chance that a new
 * key collides with a remembered one is below 1 in 10^12. A cryptographic hash per key cost
 * more than everything else the trigger does for a 1,000-message batch; so did `toString(16)`,
 * hence one `fromCharCode` (which also gives a flat string, cheap to hash in a Set).
 */
export function fingerprint(key: string): string {
	let a = 0x811c9dc5;
	let b = 0x9e3779b9;
	for (let i = 0; i < key.length; i++) {
		const code = key.charCodeAt(i);
		a = Math.imul(a ^ code, 0x01000193);
		b = Math.imul(b ^ code, 0x5bd1e995);
		b ^= b >>> 15;
	}
	a ^= key.length;
	b = Math.imul(b ^ (b >>> 13), 0xc2b2ae35);
	b ^= b >>> 16;
	return String.fromCharCode(
		HEX[a >>> 28], HEX[(a >>> 24) & 15], HEX[(a >>> 20) & 15], HEX[(a >>> 16) & 15],
		HEX[(a >>> 12) & 15], HEX[(a >>> 8) & 15], HEX[(a >>> 4) & 15], HEX[a & 15],
		HEX[b >>> 28], HEX[(b >>> 24) & 15], HEX[(b >>> 20) & 15], HEX[(b >>> 16) & 15],
		HEX[(b >>> 12) & 15], HEX[(b >>> 8) & 15], HEX[(b >>> 4) & 15], HEX[b & 15],
	);
}

/**
 * What one trigger node has seen recently, in one process: a bounded set of event fingerprints
 * (oldest forgotten first), plus the window string it last synchronised with workflow static data.
 * It catches re-deliveries that reach the same n8n process without a database round trip, and
 * forgets everything on restart.
 */
export class SeenEvents {
	private readonly seen = new Set<string>();
	/** Fingerprints in the order they were added; `head` is the oldest still remembered. */
	private order: string[] = [];
	private head = 0;
	/** The static-data window this process last read or wrote: while it is still there, nothing in it is new. */
	syncedWindow = '';

	constructor(readonly capacity: number) {}

	has(print: string): boolean {
		return this.seen.has(print);
	}

	/** Remembers a fingerprint; returns false when it was already known. */
	add(print: string): boolean {
		if (this.seen.has(print)) return false;
		this.seen.add(print);
		this.order.push(print);
		if (this.seen.size > this.capacity) {
			this.seen.delete(this.order[this.head]);
			this.head++;
			// Drop the consumed front of the queue once it is as long as what is kept.
			if (this.head >= this.capacity) {
				this.order = this.order.slice(this.head);
				this.head = 0;
			}
		}
		return true;
	}

	/**
	 * Takes in a window another process (or this one before a restart) saved in static data. Free
	 * when the window is the one this process synchronised last, which is the usual case.
	 */
	absorbWindow(window: string): void {
		if (window === this.syncedWindow) return;
		for (let start = 0; start + FINGERPRINT_LENGTH <= window.length; start += FINGERPRINT_LENGTH) {
			this.add(window.slice(start, start + FINGERPRINT_LENGTH));
		}
		this.syncedWindow = window;
	}

	get size(): number {
		return this.seen.size;
	}
}

/**
 * Appends new fingerprints to a static-data window (fingerprints back to back, 16 characters
 * each) and keeps only the newest `capacity` of them. One string instead of an array: n8n wraps
 * static data in a change-tracking proxy, so every array element read would go through it.
 */
export function appendToWindow(window: string, prints: string[], capacity: number): string {
	const joined = window + prints.join('');
	const keep = capacity * FINGERPRINT_LENGTH;
	return joined.length > keep ? joined.slice(joined.length - keep) : joined;
}

/**
 * An ID for one webhook delivery: a hash of the fingerprints of every event it carries, in order
 * (fixed-length, so their concatenation is unambiguous). Meta's retry of a delivery carries the
 * same events and gets the same ID, whatever else was received in between; n8n's deduplication
 * store remembers these IDs (one entry per delivery).
 */
export function deliveryIdOf(prints: string[]): string {
	return createHash('sha256').update(prints.join('')).digest('base64url').slice(0, 32);
}
