/**
 * When a failed Graph call is sent again, and how long to wait first: pure decisions, each named, in
 * the manner of stripe-node's RequestSender (`_shouldRetry`, `_getSleepTimeInMS`). The request loop
 * in request.ts only asks them.
 */
import type { GraphErrorBody } from './errors';

export interface RetryPolicy {
	/** How many times a retryable failure is tried again (not counting the first attempt). */
	maxRetries: number;
	/**
	 * The same for throttling answers (4, 80007, 130429, 429...), which say Meta did not carry the
	 * request out. They get a larger budget: at a 30% throttling rate, 5 attempts still lose about
	 * 2.4 items in 1,000 (0.3^5), 9 attempts about 0.02.
	 */
	maxThrottleRetries: number;
	/** First backoff; each retry doubles it (with jitter). */
	baseDelayMs: number;
	/** Upper bound for one wait, including Meta's estimated_time_to_regain_access. */
	maxDelayMs: number;
}

/** Read at every request (tests and benchmarks shorten the waits by changing it). */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 4, maxThrottleRetries: 8, baseDelayMs: 300, maxDelayMs: 30_000 };

/** Codes Meta answers when a caller is throttled: the request was not carried out. */
export const THROTTLING_CODES = new Set([4, 613, 80007, 80008, 130429]);

/**
 * Codes never sent again, whatever their status: each register/deregister attempt, failed or not,
 * counts toward Meta's 10 per number per 72 hours (error-codes reference, 133016).
 */
export const NEVER_RETRIED_CODES = new Set([133016]);

/** Connection errors raised before the request left this machine: nothing happened at Meta. */
const NEVER_SENT_CODES = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'];

/** What a request that got no answer within its timeout fails with (axios, Node's sockets). */
const TIMEOUT_CODES = ['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT'];

/** Why one attempt failed: no HTTP answer at all, or an HTTP error answer. */
export type GraphFailure =
	| { kind: 'connection'; errorCode: string; message: string }
	| {
			kind: 'http';
			statusCode: number;
			headers: Record<string, unknown>;
			graphError?: GraphErrorBody;
			/** The error body when it is not Graph's error envelope (an HTML proxy page...). */
			rawBody?: string;
	  };

/** Whether a request with this method may be sent twice without doing the work twice (unless told otherwise). */
export function isIdempotentMethod(method: string): boolean {
	return method === 'GET' || method === 'DELETE' || method === 'HEAD';
}

/** Throttling means Meta refused to carry the request out: HTTP 429 or one of THROTTLING_CODES. */
export function isThrottled(failure: GraphFailure): boolean {
	if (failure.kind !== 'http') return false;
	const code = failure.graphError?.code;
	return failure.statusCode === 429 || (code !== undefined && THROTTLING_CODES.has(code));
}

/** A connection that failed before the request left (refused, DNS): Meta saw nothing. */
export function neverSent(failure: GraphFailure): boolean {
	return failure.kind === 'connection' && NEVER_SENT_CODES.includes(failure.errorCode);
}

/**
 * No answer within the timeout. The request may have reached Meta, so it is a dropped connection
 * as far as retrying goes: a read is sent again, a write is not.
 */
export function timedOut(failure: GraphFailure): boolean {
	return failure.kind === 'connection' && TIMEOUT_CODES.includes(failure.errorCode);
}

/**
 * Whether sending again is safe at all, whatever the budget. Throttled or never sent: always. A
 * dropped connection, a 5xx or a transient flag: only when idempotent, since Meta may have done the
 * work before failing (a create is never sent twice).
 */
export function isRetryable(failure: GraphFailure, idempotent: boolean): boolean {
	if (failure.kind === 'connection') return idempotent || neverSent(failure);
	if (NEVER_RETRIED_CODES.has(failure.graphError?.code ?? -1)) return false;
	if (isThrottled(failure)) return true;
	const { statusCode, graphError } = failure;
	return idempotent && (statusCode >= 500 || graphError?.is_transient === true || graphError?.code === 2);
}

/**
 * Whether a failed write may still have been carried out: the connection dropped or timed out after
 * the request left, or Meta failed with a 5xx part-way. A refusal (4xx, throttling) was not done.
 * Such a write is never sent again (isRetryable); its caller reports the doubt instead.
 */
export function mayHaveBeenCarriedOut(failure: GraphFailure, idempotent: boolean): boolean {
	if (idempotent) return false;
	if (failure.kind === 'connection') return !neverSent(failure);
	return failure.statusCode >= 500 && !isThrottled(failure);
}

/** How many retries this kind of failure gets. */
export function retryBudget(failure: GraphFailure, policy: RetryPolicy): number {
	return isThrottled(failure) ? Math.max(policy.maxRetries, policy.maxThrottleRetries) : policy.maxRetries;
}

/** Minutes Meta says the caller must wait, from `x-business-use-case-usage` (the largest entry), in ms. */
export function regainAccessDelayMs(headers: Record<string, unknown>): number {
	const header = headers['x-business-use-case-usage'];
	if (typeof header !== 'string') return 0;
	try {
		const usage = JSON.parse(header) as Record<string, Array<{ estimated_time_to_regain_access?: number }>>;
		let minutes = 0;
		for (const entries of Object.values(usage)) {
			for (const entry of entries ?? []) minutes = Math.max(minutes, Number(entry.estimated_time_to_regain_access) || 0);
		}
		return minutes * 60_000;
	} catch {
		return 0;
	}
}

/**
 * The wait a `Retry-After` header asks for, in ms: delay-seconds or an HTTP date (RFC 9110 §10.2.3,
 * https://www.rfc-editor.org/rfc/rfc9110#field.retry-after); 0 when absent or unreadable.
 */
export function retryAfterMs(headers: Record<string, unknown>, now: number = Date.now()): number {
	const header = headers['retry-after'];
	if (typeof header !== 'string' || !header.trim()) return 0;
	if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
	const date = Date.parse(header);
	return Number.isNaN(date) ? 0 : Math.max(0, date - now);
}

/** The server's own wait for this failure and which header asked for it (0 ms when none did). */
function serverWaitOf(failure: GraphFailure): { ms: number; source: 'retry-after' | 'regain-access' } {
	if (failure.kind !== 'http') return { ms: 0, source: 'retry-after' };
	const retryAfter = retryAfterMs(failure.headers);
	const regain = regainAccessDelayMs(failure.headers);
	return retryAfter >= regain ? { ms: retryAfter, source: 'retry-after' } : { ms: regain, source: 'regain-access' };
}

/** The server asks for a longer wait than the policy allows: holding the workflow that long is worse than stopping. */
export function waitExceedsPolicy(failure: GraphFailure, policy: RetryPolicy): boolean {
	return serverWaitOf(failure).ms > policy.maxDelayMs;
}

/** Whether waiting `delayMs` more would take the execution past its total retry-wait budget. */
export function exceedsRetryBudget(spentMs: number, delayMs: number, budgetMs: number): boolean {
	return spentMs + delayMs > budgetMs;
}

/** The error note when the execution's retry-wait budget does not cover the next wait. */
export function budgetSpentNote(budgetMs: number): { message: string; description: string } {
	const seconds = Math.round(budgetMs / 1000);
	return {
		message: `the retry wait budget of ${seconds} s for this execution is spent`,
		description: `Another wait would take this node's retry waits in this execution past ${seconds} s (Request Options > Retry Wait Budget), so this item was not retried again. Run the failed items later, or raise the budget.`,
	};
}

/** `attempt` is how many retries were already made (0 after the first attempt failed). */
export function shouldRetry(failure: GraphFailure, attempt: number, policy: RetryPolicy, idempotent: boolean): boolean {
	if (!isRetryable(failure, idempotent)) return false;
	if (waitExceedsPolicy(failure, policy)) return false;
	return attempt < retryBudget(failure, policy);
}

/** Exponential backoff from `baseDelayMs`, capped at `maxDelayMs`, with half of it jittered. */
export function backoffMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
	const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
	// Jitter keeps parallel items from retrying in lockstep.
	return Math.round(exponential / 2 + random() * (exponential / 2));
}

/** How long to wait before retry number `attempt + 1`: the backoff, or the server's own wait when longer. */
export function retryDelayMs(failure: GraphFailure, attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
	return Math.max(serverWaitOf(failure).ms, backoffMs(attempt, policy, random));
}

/** Why retrying stopped, for the error's message and description; undefined when it was never retryable. */
export function giveUpNote(
	failure: GraphFailure,
	attempt: number,
	policy: RetryPolicy,
	idempotent: boolean,
): { message?: string; description?: string } | undefined {
	if (!isRetryable(failure, idempotent)) return undefined;
	if (waitExceedsPolicy(failure, policy)) {
		const wait = serverWaitOf(failure);
		if (wait.source === 'retry-after') {
			const seconds = Math.ceil(wait.ms / 1000);
			return {
				message: `Meta asks to wait ${seconds} s before calling again`,
				description: `Meta's Retry-After header asks for ${seconds} s, longer than this node waits (${Math.round(policy.maxDelayMs / 1000)} s), so it stopped instead of retrying. Run it again after that time.`,
			};
		}
		const minutes = Math.ceil(wait.ms / 60_000);
		return {
			message: `Meta asks to wait about ${minutes} minute(s) before calling again`,
			description: `Meta's x-business-use-case-usage header says access returns in about ${minutes} minute(s) (estimated_time_to_regain_access), longer than this node waits (${Math.round(policy.maxDelayMs / 1000)} s), so it stopped instead of retrying. Run it again after that time.`,
		};
	}
	return { description: `Gave up after ${attempt + 1} attempts with backoff.` };
}
