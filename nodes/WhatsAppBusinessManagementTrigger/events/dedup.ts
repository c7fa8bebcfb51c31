import { createHash } from 'node:crypto';

/** The length of a fingerprint as text (see `fingerprintsHex`). */
export const FINGERPRINT_LENGTH = 16;

/**
 * A 64-bit fingerprint of a key (two independent 32-bit multiply-xorshift hashes over the key's
 * UTF-16 code units taken two at a time), written as two unsigned 32-bit halves into `out` at
 * `offset` and `offset + 1`, without allocating. It only tells recent event IDs apart - nothing
 * secret depends on it (webhooks are authenticated by their signature before any key is looked
 * at), and for a window of 2,000 keys the chance that a new key collides with a remembered one is
 * below 1 in 10^12. A cryptographic hash per key cost more than everything else the trigger does
 * for a 1,000-message batch; two code units per step instead of one saved a further twentieth.
 */
export function fingerprintInto(key: string, out: Uint32Array, offset: number): void {
	fingerprintPartsInto('', key, out, offset);
}

/**
 * The fingerprint of `prefix + rest`, read from the two parts: the same value as for the joined
 * key, without first copying a just-concatenated key into one flat string. A prefix of odd length
 * (two code units per step would straddle the parts) is joined first.
 */
export function fingerprintPartsInto(prefix: string, rest: string, out: Uint32Array, offset: number): void {
	if (prefix.length % 2 === 1) {
		fingerprintPartsInto('', prefix + rest, out, offset);
		return;
	}
	let a = 0x811c9dc5;
	let b = 0x9e3779b9;
	for (let i = 0; i < prefix.length; i += 2) {
		const pair = prefix.charCodeAt(i) | (prefix.charCodeAt(i + 1) << 16);
		a = Math.imul(a ^ pair, 0x01000193);
		a ^= a >>> 16;
		b = Math.imul(b ^ pair, 0x5bd1e995);
		b ^= b >>> 15;
	}
	let i = 0;
	for (; i + 1 < rest.length; i += 2) {
		const pair = rest.charCodeAt(i) | (rest.charCodeAt(i + 1) << 16);
		a = Math.imul(a ^ pair, 0x01000193);
		a ^= a >>> 16;
		b = Math.imul(b ^ pair, 0x5bd1e995);
		b ^= b >>> 15;
	}
	if (i < rest.length) {
		// The last code unit of an odd-length key, alone; the length mixed in below tells it from a pair.
		const code = rest.charCodeAt(i);
		a = Math.imul(a ^ code, 0x01000193);
		b = Math.imul(b ^ code, 0x5bd1e995);
		b ^= b >>> 15;
	}
	const length = prefix.length + rest.length;
	a ^= length;
	b = Math.imul(b ^ length ^ (b >>> 13), 0xc2b2ae35);
	b ^= b >>> 16;
	out[offset] = a;
	out[offset + 1] = b;
}

/** One key's fingerprint as 16 hex characters. */
export function fingerprint(key: string): string {
	const print = new Uint32Array(2);
	fingerprintInto(key, print, 0);
	return fingerprintsHex(bigEndianBytes(print), [0]);
}

/**
 * An open-addressing hash set of 64-bit fingerprints over one typed array (linear probing from
 * slot (a ^ b); slot i is `table[2 * i]` and `table[2 * i + 1]`, so eight slots share a cache line;
 * (0, 0) marks an empty slot, which is why SeenEvents never stores that fingerprint). At most 5/8
 * full. Beside it, a summary of eight bits per slot, one set for each fingerprint added (bit `b`):
 * a clear bit proves a fingerprint absent without reading the table. For the trigger's 4,000
 * fingerprints per generation the table is 64 KB, mostly out of the CPU's cache by the time a
 * webhook body has been parsed, and the summary 8 KB; a new event - the usual case - mostly costs
 * one read of the table (the slot it is written to) instead of one per generation. It only grows
 * until it is replaced, so it needs no deletion.
 */
class FingerprintTable {
	private readonly mask: number;
	private readonly table: Uint32Array;
	private readonly summary: Int32Array;
	private readonly summaryMask: number;
	size = 0;

	constructor(entries: number) {
		let slots = 16;
		while (slots * 5 < entries * 8) slots *= 2;
		this.mask = slots - 1;
		this.table = new Uint32Array(slots * 2);
		this.summaryMask = slots * 8 - 1;
		this.summary = new Int32Array(slots >>> 2);
	}

	has(a: number, b: number): boolean {
		const bit = b & this.summaryMask;
		if ((this.summary[bit >>> 5] & (1 << (bit & 31))) === 0) return false;
		const table = this.table;
		for (let slot = (a ^ b) & this.mask; table[2 * slot] !== 0 || table[2 * slot + 1] !== 0; slot = (slot + 1) & this.mask) {
			if (table[2 * slot] === a && table[2 * slot + 1] === b) return true;
		}
		return false;
	}

	/** Adds a fingerprint unless it is there; returns false when it was. */
	add(a: number, b: number): boolean {
		const bit = b & this.summaryMask;
		const table = this.table;
		let slot = (a ^ b) & this.mask;
		if ((this.summary[bit >>> 5] & (1 << (bit & 31))) !== 0) {
			for (; table[2 * slot] !== 0 || table[2 * slot + 1] !== 0; slot = (slot + 1) & this.mask) {
				if (table[2 * slot] === a && table[2 * slot + 1] === b) return false;
			}
		} else {
			this.summary[bit >>> 5] |= 1 << (bit & 31);
			while (table[2 * slot] !== 0 || table[2 * slot + 1] !== 0) slot = (slot + 1) & this.mask;
		}
		table[2 * slot] = a;
		table[2 * slot + 1] = b;
		this.size++;
		return true;
	}
}

/**
 * What one trigger node has seen recently, in one process: the last `capacity` to 2 x `capacity`
 * fingerprints, in two generations (when the current one is full it becomes the previous one and
 * the oldest generation is dropped whole), plus the window string it last synchronised with
 * workflow static data. It catches re-deliveries that reach the same n8n process without a
 * database round trip, and forgets everything on restart. Typed arrays, no object per fingerprint:
 * a JavaScript Set of 20,000 strings with steady eviction cost half a millisecond per
 * 1,000-message POST.
 */
export class SeenEvents {
	private current: FingerprintTable;
	private previous: FingerprintTable;
	/** The static-data window this process last read or wrote: while it is still there, nothing in it is new. */
	syncedWindow = '';

	/** `capacity`: how many of the most recent fingerprints are always remembered. */
	constructor(readonly capacity: number) {
		this.current = new FingerprintTable(capacity);
		this.previous = new FingerprintTable(0);
	}

	has(a: number, b: number): boolean {
		a >>>= 0;
		b = b >>> 0 || (a === 0 ? 1 : 0);
		return this.current.has(a, b) || this.previous.has(a, b);
	}

	/** Remembers a fingerprint; returns false when it was already known. */
	add(a: number, b: number): boolean {
		a >>>= 0;
		// (0, 0) marks an empty slot; that one fingerprint is remembered as (0, 1).
		b = b >>> 0 || (a === 0 ? 1 : 0);
		if (this.previous.has(a, b)) return false;
		if (this.current.size >= this.capacity) {
			if (this.current.has(a, b)) return false;
			this.previous = this.current;
			this.current = new FingerprintTable(this.capacity);
		}
		return this.current.add(a, b);
	}

	/**
	 * Takes in a window another process (or this one before a restart) saved in static data. Free
	 * when the window is the one this process synchronised last, which is the usual case.
	 */
	absorbWindow(window: string): void {
		if (window === this.syncedWindow) return;
		for (let start = 0; start + FINGERPRINT_LENGTH <= window.length; start += FINGERPRINT_LENGTH) {
			const text = window.slice(start, start + FINGERPRINT_LENGTH);
			if (!/^[0-9a-f]{16}$/.test(text)) continue;
			this.add(Number.parseInt(text.slice(0, 8), 16), Number.parseInt(text.slice(8), 16));
		}
		this.syncedWindow = window;
	}

	/** How many fingerprints are remembered now (between `capacity` and 2 x `capacity` once filled). */
	get size(): number {
		return this.current.size + this.previous.size;
	}
}

/**
 * The fingerprints at `indexes` as hex text, back to back (16 characters each), from their
 * big-endian bytes (`bigEndianBytes`, 8 bytes a fingerprint).
 */
export function fingerprintsHex(bytes: Buffer, indexes: number[]): string {
	let all = indexes.length * 8 === bytes.length;
	for (let position = 0; all && position < indexes.length; position++) all = indexes[position] === position;
	if (all) return bytes.toString('hex');
	const chosen = Buffer.allocUnsafe(indexes.length * 8);
	for (let position = 0; position < indexes.length; position++) bytes.copy(chosen, position * 8, indexes[position] * 8, indexes[position] * 8 + 8);
	return chosen.toString('hex');
}

/**
 * Appends new fingerprints (hex, back to back) to a static-data window and keeps only the newest
 * `capacity` of them. One string instead of an array: n8n wraps static data in a change-tracking
 * proxy, so every array element read would go through it.
 */
export function appendToWindow(window: string, prints: string, capacity: number): string {
	const joined = window + prints;
	const keep = capacity * FINGERPRINT_LENGTH;
	return joined.length > keep ? joined.slice(joined.length - keep) : joined;
}

/**
 * An ID for one webhook delivery: a hash of the fingerprints of every event it carries, in order
 * (big-endian, so every machine computes the same ID). Meta's retry of a delivery carries the same
 * events and gets the same ID, whatever else was received in between; n8n's deduplication store
 * remembers these IDs (one entry per delivery).
 */
export function deliveryIdOf(bytes: Buffer): string {
	return createHash('sha256').update(bytes).digest('base64url').slice(0, 32);
}

/** Whether this machine stores a Uint32Array's numbers little-end first (as x86 and ARM do). */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * A copy of the fingerprints as big-endian bytes: the same bytes, and so the same IDs, on every
 * machine. What fingerprintsHex and deliveryIdOf read; the webhook makes it once for both.
 */
export function bigEndianBytes(prints: Uint32Array): Buffer {
	const bytes = Buffer.from(new Uint8Array(prints.buffer, prints.byteOffset, prints.byteLength));
	return LITTLE_ENDIAN ? bytes.swap32() : bytes;
}
