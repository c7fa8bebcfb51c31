import { createHash } from 'node:crypto';

/** Character codes of the hex digits 0-9a-f. */
const HEX = Array.from('0123456789abcdef', (digit) => digit.charCodeAt(0));

/** The length of a fingerprint as text (see `fingerprintHex`). */
export const FINGERPRINT_LENGTH = 16;

/**
 * A 64-bit fingerprint of a key (two independent 32-bit FNV-1a style hashes), written as two
 * unsigned 32-bit halves into `out` at `offset` and `offset + 1`, without allocating. It only
 * tells recent event IDs apart - nothing secret depends on it (webhooks are authenticated by their
 * signature before any key is looked at), and for a window of 2,000 keys the chance that a new key
 * collides with a remembered one is below 1 in 10^12. A cryptographic hash per key cost more than
 * everything else the trigger does for a 1,000-message batch.
 */
export function fingerprintInto(key: string, out: Uint32Array, offset: number): void {
	fingerprintPartsInto('', key, out, offset);
}

/**
 * The fingerprint of `prefix + rest`, read from the two parts: the same value as for the joined
 * key, without first copying a just-concatenated key into one flat string.
 */
export function fingerprintPartsInto(prefix: string, rest: string, out: Uint32Array, offset: number): void {
	let a = 0x811c9dc5;
	let b = 0x9e3779b9;
	for (let i = 0; i < prefix.length; i++) {
		const code = prefix.charCodeAt(i);
		a = Math.imul(a ^ code, 0x01000193);
		b = Math.imul(b ^ code, 0x5bd1e995);
		b ^= b >>> 15;
	}
	for (let i = 0; i < rest.length; i++) {
		const code = rest.charCodeAt(i);
		a = Math.imul(a ^ code, 0x01000193);
		b = Math.imul(b ^ code, 0x5bd1e995);
		b ^= b >>> 15;
	}
	a ^= prefix.length + rest.length;
	b = Math.imul(b ^ (b >>> 13), 0xc2b2ae35);
	b ^= b >>> 16;
	out[offset] = a;
	out[offset + 1] = b;
}

/** The fingerprint at `prints[2 * index]`, `prints[2 * index + 1]` as 16 hex characters. */
export function fingerprintHex(prints: Uint32Array, index: number): string {
	const a = prints[2 * index];
	const b = prints[2 * index + 1];
	return String.fromCharCode(
		HEX[a >>> 28], HEX[(a >>> 24) & 15], HEX[(a >>> 20) & 15], HEX[(a >>> 16) & 15],
		HEX[(a >>> 12) & 15], HEX[(a >>> 8) & 15], HEX[(a >>> 4) & 15], HEX[a & 15],
		HEX[b >>> 28], HEX[(b >>> 24) & 15], HEX[(b >>> 20) & 15], HEX[(b >>> 16) & 15],
		HEX[(b >>> 12) & 15], HEX[(b >>> 8) & 15], HEX[(b >>> 4) & 15], HEX[b & 15],
	);
}

/** One key's fingerprint as 16 hex characters. */
export function fingerprint(key: string): string {
	const print = new Uint32Array(2);
	fingerprintInto(key, print, 0);
	return fingerprintHex(print, 0);
}

/**
 * What one trigger node has seen recently, in one process: a bounded set of 64-bit fingerprints
 * (oldest forgotten first), plus the window string it last synchronised with workflow static data.
 * It catches re-deliveries that reach the same n8n process without a database round trip, and
 * forgets everything on restart.
 *
 * The set is an open-addressing hash table over typed arrays (linear probing, deletion by
 * backward shift) with a ring of insertion order for eviction: no object per fingerprint, nothing
 * for the garbage collector, where a JavaScript Set of 20,000 strings with steady eviction cost
 * half a millisecond per 1,000-message POST.
 */
export class SeenEvents {
	private readonly mask: number;
	private readonly slotA: Uint32Array;
	private readonly slotB: Uint32Array;
	private readonly used: Uint8Array;
	/** Insertion order, for eviction: `ring[2 * i]`, `ring[2 * i + 1]` for i from `ringHead`. */
	private readonly ring: Uint32Array;
	private ringHead = 0;
	private count = 0;
	/** The static-data window this process last read or wrote: while it is still there, nothing in it is new. */
	syncedWindow = '';

	constructor(readonly capacity: number) {
		let tableSize = 16;
		while (tableSize < capacity * 2) tableSize *= 2;
		this.mask = tableSize - 1;
		this.slotA = new Uint32Array(tableSize);
		this.slotB = new Uint32Array(tableSize);
		this.used = new Uint8Array(tableSize);
		this.ring = new Uint32Array(capacity * 2);
	}

	private home(a: number, b: number): number {
		return (a ^ b) & this.mask;
	}

	/** The slot holding the fingerprint, or -1. */
	private find(a: number, b: number): number {
		for (let slot = this.home(a, b); this.used[slot]; slot = (slot + 1) & this.mask) {
			if (this.slotA[slot] === a && this.slotB[slot] === b) return slot;
		}
		return -1;
	}

	has(a: number, b: number): boolean {
		return this.find(a >>> 0, b >>> 0) >= 0;
	}

	/** Remembers a fingerprint; returns false when it was already known. */
	add(a: number, b: number): boolean {
		a >>>= 0;
		b >>>= 0;
		let slot = this.home(a, b);
		for (; this.used[slot]; slot = (slot + 1) & this.mask) {
			if (this.slotA[slot] === a && this.slotB[slot] === b) return false;
		}
		if (this.count === this.capacity) this.evictOldest();
		// Eviction may have moved entries, so probe again for a free slot.
		for (slot = this.home(a, b); this.used[slot]; slot = (slot + 1) & this.mask);
		this.slotA[slot] = a;
		this.slotB[slot] = b;
		this.used[slot] = 1;
		const position = ((this.ringHead + this.count) % this.capacity) * 2;
		this.ring[position] = a;
		this.ring[position + 1] = b;
		this.count++;
		return true;
	}

	private evictOldest(): void {
		const a = this.ring[this.ringHead * 2];
		const b = this.ring[this.ringHead * 2 + 1];
		this.ringHead = (this.ringHead + 1) % this.capacity;
		this.count--;
		let hole = this.find(a, b);
		if (hole < 0) return;
		// Backward shift: pull later entries of the probe run into the hole when their home allows.
		for (let next = (hole + 1) & this.mask; this.used[next]; next = (next + 1) & this.mask) {
			const home = this.home(this.slotA[next], this.slotB[next]);
			const distanceToNext = (next - home) & this.mask;
			const distanceToHole = (hole - home) & this.mask;
			if (distanceToHole <= distanceToNext) {
				this.slotA[hole] = this.slotA[next];
				this.slotB[hole] = this.slotB[next];
				hole = next;
			}
		}
		this.used[hole] = 0;
	}

	/**
	 * Takes in a window another process (or this one before a restart) saved in static data. Free
	 * when the window is the one this process synchronised last, which is the usual case.
	 */
	absorbWindow(window: string): void {
		if (window === this.syncedWindow) return;
		for (let start = 0; start + FINGERPRINT_LENGTH <= window.length; start += FINGERPRINT_LENGTH) {
			const a = Number.parseInt(window.slice(start, start + 8), 16);
			const b = Number.parseInt(window.slice(start + 8, start + FINGERPRINT_LENGTH), 16);
			if (Number.isNaN(a) || Number.isNaN(b)) continue;
			this.add(a, b);
		}
		this.syncedWindow = window;
	}

	get size(): number {
		return this.count;
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
 * (big-endian, so every machine computes the same ID). Meta's retry of a delivery carries the same
 * events and gets the same ID, whatever else was received in between; n8n's deduplication store
 * remembers these IDs (one entry per delivery).
 */
export function deliveryIdOf(prints: Uint32Array): string {
	const bytes = Buffer.allocUnsafe(prints.length * 4);
	for (let index = 0; index < prints.length; index++) bytes.writeUInt32BE(prints[index], index * 4);
	return createHash('sha256').update(bytes).digest('base64url').slice(0, 32);
}
