import { createHash } from 'node:crypto';

/**
 * A 64-bit fingerprint of `text[start, end)`, as two 32-bit halves (two independent
 * multiply-xorshift hashes of its UTF-16 code units), written to `out[2 * at]` and `out[2 * at + 1]`.
 * It only tells recent event keys apart (the body is authenticated before any key is looked at);
 * with the few thousand keys remembered, a new key is taken for a seen one with a chance far below
 * 1 in 10^12.
 */
function fingerprintInto(text: string, start: number, end: number, out: Uint32Array, at: number): void {
	let a = 0x811c9dc5;
	let b = 0x9e3779b9;
	for (let i = start; i < end; i++) {
		const code = text.charCodeAt(i);
		a = Math.imul(a ^ code, 0x01000193);
		b = Math.imul(b ^ code, 0x5bd1e995);
		b ^= b >>> 15;
	}
	out[2 * at] = (a ^ (a >>> 16)) >>> 0;
	// (0, 0) marks an empty slot in FingerprintTable, so the second half is never 0.
	out[2 * at + 1] = Math.imul(b ^ (b >>> 13), 0xc2b2ae35) >>> 0 || 1;
}

/** An insert-only open-addressing hash set of fingerprints in one typed array, at most half full. */
class FingerprintTable {
	private readonly table: Uint32Array;
	private readonly mask: number;
	size = 0;

	constructor(entries: number) {
		let slots = 16;
		while (slots < entries * 2) slots *= 2;
		this.mask = slots - 1;
		this.table = new Uint32Array(slots * 2);
	}

	/** The slot holding (a, b), or the empty slot where it would go. */
	private slotOf(a: number, b: number): number {
		let slot = (a ^ b) & this.mask;
		while (this.table[2 * slot + 1] !== 0 && (this.table[2 * slot] !== a || this.table[2 * slot + 1] !== b)) slot = (slot + 1) & this.mask;
		return slot;
	}

	has(a: number, b: number): boolean {
		return this.table[2 * this.slotOf(a, b) + 1] !== 0;
	}

	/** Adds (a, b); false when it was there. */
	add(a: number, b: number): boolean {
		const slot = this.slotOf(a, b);
		if (this.table[2 * slot + 1] !== 0) return false;
		this.table[2 * slot] = a;
		this.table[2 * slot + 1] = b;
		this.size++;
		return true;
	}
}

/**
 * The keys of one POST's events, read once: the delivery's ID and each key's fingerprint (for
 * RecentKeys), both from the keys joined into one text. Fingerprinting 1,000 key strings one by one
 * cost twice as much, since each key is built by concatenation and is copied before it can be read
 * (docs/benchmarks.md).
 */
export interface DeliveryKeys {
	/**
	 * A hash of the keys, in order. Meta's retry of a delivery carries the same events and so gets
	 * the same ID, whatever was received in between; n8n's deduplication store remembers these IDs,
	 * one entry per delivery.
	 */
	readonly id: string;
	/** Key `i`'s fingerprint is `fingerprints[2 * i]`, `fingerprints[2 * i + 1]`. */
	readonly fingerprints: Uint32Array;
}

export function deliveryKeysOf(keys: readonly string[]): DeliveryKeys {
	const text = keys.join('\n');
	const fingerprints = new Uint32Array(2 * keys.length);
	let start = 0;
	for (let index = 0; index < keys.length; index++) {
		const end = start + keys[index].length;
		fingerprintInto(text, start, end, fingerprints, index);
		start = end + 1;
	}
	return { id: createHash('sha256').update(text).digest('base64url').slice(0, 32), fingerprints };
}

export function deliveryIdOf(keys: readonly string[]): string {
	return deliveryKeysOf(keys).id;
}

/**
 * The most recent event keys one trigger node has seen in this process: at least the newest
 * `capacity`, at most twice that, in two generations (when the current one is full it becomes the
 * previous one and the older is dropped whole). It catches Meta's quick retries without a database
 * round trip; a restart forgets it, and n8n's deduplication store (deliveryStore.ts) is the line
 * behind it. Fingerprints in typed arrays rather than a Set of the keys: hashing 1,000 fresh key
 * strings into a Set per POST put the trigger over its benchmark budget (docs/benchmarks.md).
 */
export class RecentKeys {
	private current: FingerprintTable;
	private previous = new FingerprintTable(0);
	private readonly print = new Uint32Array(2);

	constructor(readonly capacity: number) {
		this.current = new FingerprintTable(capacity);
	}

	/** Remembers the key of fingerprint `index` of a DeliveryKeys; false when it was already remembered. */
	addFingerprint(fingerprints: Uint32Array, index: number): boolean {
		const a = fingerprints[2 * index];
		const b = fingerprints[2 * index + 1];
		if (this.previous.has(a, b)) return false;
		if (this.current.size >= this.capacity) {
			if (this.current.has(a, b)) return false;
			this.previous = this.current;
			this.current = new FingerprintTable(this.capacity);
		}
		return this.current.add(a, b);
	}

	/** Remembers `key`; false when it was already remembered. */
	add(key: string): boolean {
		fingerprintInto(key, 0, key.length, this.print, 0);
		return this.addFingerprint(this.print, 0);
	}

	has(key: string): boolean {
		fingerprintInto(key, 0, key.length, this.print, 0);
		return this.current.has(this.print[0], this.print[1]) || this.previous.has(this.print[0], this.print[1]);
	}

	get size(): number {
		return this.current.size + this.previous.size;
	}
}
