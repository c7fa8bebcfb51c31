/**
 * A bounded, insertion-ordered set of recently seen keys (least recently seen evicted first).
 * It lives in one process's memory: it catches re-deliveries that reach the same n8n process
 * without a database round trip, and forgets everything on restart.
 */
export class RecentKeys {
	/** Each key with the sequence number of when it was last seen. */
	private readonly seenAt = new Map<string, number>();
	/** Keys in the order they were seen (with that sequence number); older sightings of a key go stale. */
	private order: string[] = [];
	private orderSeq: number[] = [];
	private head = 0;
	private sequence = 0;

	constructor(readonly capacity: number) {}

	has(key: string): boolean {
		return this.seenAt.has(key);
	}

	/**
	 * Marks a key as seen now; past capacity the least recently seen keys are dropped. O(1)
	 * amortised: eviction walks a queue instead of iterating the Map, whose iterator has to step
	 * over every slot a delete left behind.
	 */
	add(key: string): void {
		const sequence = this.sequence++;
		this.seenAt.set(key, sequence);
		this.order.push(key);
		this.orderSeq.push(sequence);
		while (this.seenAt.size > this.capacity) {
			const oldest = this.order[this.head];
			const seenAt = this.orderSeq[this.head];
			this.head++;
			// A key seen again later has a newer sequence number: this sighting is stale.
			if (this.seenAt.get(oldest) === seenAt) this.seenAt.delete(oldest);
		}
		if (this.order.length - this.head > 2 * this.capacity + 1024 || (this.head > 1024 && this.head * 2 > this.order.length)) this.compact();
	}

	/** Drops consumed and stale queue entries so the queue stays within twice the capacity. */
	private compact(): void {
		const order: string[] = [];
		const orderSeq: number[] = [];
		for (let index = this.head; index < this.order.length; index++) {
			const key = this.order[index];
			if (this.seenAt.get(key) === this.orderSeq[index]) {
				order.push(key);
				orderSeq.push(this.orderSeq[index]);
			}
		}
		this.order = order;
		this.orderSeq = orderSeq;
		this.head = 0;
	}

	get size(): number {
		return this.seenAt.size;
	}

	clear(): void {
		this.seenAt.clear();
		this.order = [];
		this.orderSeq = [];
		this.head = 0;
	}
}

/**
 * A short, fixed-length fingerprint so a window of keys stays small in workflow static data:
 * 64 bits as 16 hex characters (two independent 32-bit FNV-1a style hashes). It only tells
 * recent event IDs apart - nothing secret depends on it (webhooks are authenticated by their
 * signature before any key is looked at), and for a window of 2,000 keys the chance that a new
 * key collides with a remembered one is below 1 in 10^12. A cryptographic hash per key cost
 * more than everything else the trigger does for a 1,000-message batch.
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
	return (a >>> 0).toString(16).padStart(8, '0') + ((b ^ (b >>> 16)) >>> 0).toString(16).padStart(8, '0');
}

/**
 * Checks keys against a window of fingerprints kept in workflow static data and records the new
 * ones, keeping only the newest `capacity`. Returns which keys were new. Mutates `window`.
 */
export function rememberInWindow(window: string[], keys: string[], capacity: number): Set<string> {
	const known = new Set(window);
	const fresh = new Set<string>();
	for (const key of keys) {
		const print = fingerprint(key);
		if (known.has(print)) continue;
		known.add(print);
		window.push(print);
		fresh.add(key);
	}
	if (window.length > capacity) window.splice(0, window.length - capacity);
	return fresh;
}
