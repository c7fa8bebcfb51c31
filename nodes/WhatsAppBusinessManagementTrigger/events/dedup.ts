import { createHash } from 'node:crypto';

/**
 * A bounded, insertion-ordered set of recently seen keys (least recently seen evicted first).
 * It lives in one process's memory: it catches re-deliveries that reach the same n8n process
 * without a database round trip, and forgets everything on restart.
 */
export class RecentKeys {
	private readonly keys = new Map<string, true>();

	constructor(readonly capacity: number) {}

	has(key: string): boolean {
		return this.keys.has(key);
	}

	add(key: string): void {
		this.keys.delete(key);
		this.keys.set(key, true);
		while (this.keys.size > this.capacity) {
			const oldest = this.keys.keys().next().value as string;
			this.keys.delete(oldest);
		}
	}

	get size(): number {
		return this.keys.size;
	}

	clear(): void {
		this.keys.clear();
	}
}

/** A short, fixed-length fingerprint so a window of keys stays small in workflow static data. */
export function fingerprint(key: string): string {
	return createHash('sha256').update(key).digest('base64url').slice(0, 16);
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
