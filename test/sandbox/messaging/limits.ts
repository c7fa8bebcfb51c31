/**
 * Meta's two send rates (https://developers.facebook.com/documentation/business-messaging/whatsapp/throughput):
 * - throughput: up to 80 messages per second per business number by default (1,000 after Meta's
 *   upgrade; HIGH throughput level), 130429 above it;
 * - pair rate: about one message every 6 seconds from one number to one user, bursts allowed,
 *   131056 above it.
 * Both are token buckets: a sender pacing at or under the rate never trips them, a burst spends the
 * bucket, and only messages the sandbox accepts spend tokens.
 */
import type { SandboxState } from '../state';
import { messagingErrors } from './errors';
import { type Bucket, type MessagingStore } from './store';

const HIGH_THROUGHPUT = 1000;

export function throughputOf(state: SandboxState, store: MessagingStore, phoneNumberId: string): number {
	const override = store.settings.throughputByNumber[phoneNumberId];
	if (override !== undefined) return override;
	return state.phoneNumbers.get(phoneNumberId)?.throughput?.level === 'HIGH' ? HIGH_THROUGHPUT : store.settings.defaultThroughput;
}

/** Refills the bucket for the time passed and says whether one token is there. */
function hasToken(bucket: Bucket, capacity: number, perMs: number, now: number): boolean {
	bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.updatedAt) * perMs);
	bucket.updatedAt = now;
	return bucket.tokens >= 1;
}

function bucketOf(buckets: Map<string, Bucket>, key: string, capacity: number, now: number): Bucket {
	let bucket = buckets.get(key);
	if (!bucket) buckets.set(key, (bucket = { tokens: capacity, updatedAt: now }));
	return bucket;
}

/**
 * Checks both rates for one send and, when both allow it, spends a token of each; throws Meta's
 * error otherwise (130429 first: it is the number's limit, whoever the recipient).
 */
export function spendSendRates(state: SandboxState, store: MessagingStore, phoneNumberId: string, recipientKey: string, now = Date.now()): void {
	const rate = throughputOf(state, store, phoneNumberId);
	const numberBucket = bucketOf(store.throughputBuckets, phoneNumberId, rate, now);
	if (!hasToken(numberBucket, rate, rate / 1000, now)) throw messagingErrors.throughput();
	const { burst, intervalMs } = store.settings.pairRate;
	const pairBucket = bucketOf(store.pairBuckets, `${phoneNumberId}\u0000${recipientKey}`, burst, now);
	if (!hasToken(pairBucket, burst, 1 / intervalMs, now)) throw messagingErrors.pairRate();
	numberBucket.tokens -= 1;
	pairBucket.tokens -= 1;
}
