import {
	exceedsRetryBudget,
	giveUpNote,
	retryAfterMs,
	retryDelayMs,
	shouldRetry,
	waitExceedsPolicy,
	type GraphFailure,
	type RetryPolicy,
} from '../../nodes/shared/graph/retry';

/** Point 3 of issue 14: Retry-After and the execution's retry-wait budget, as pure decisions. */
describe('Retry-After and the retry-wait budget', () => {
	const policy: RetryPolicy = { maxRetries: 4, maxThrottleRetries: 8, baseDelayMs: 300, maxDelayMs: 30_000 };
	const throttled = (headers: Record<string, unknown>): GraphFailure => ({ kind: 'http', statusCode: 429, headers });
	const now = Date.parse('2026-12-02T08:00:00Z');

	it('reads Retry-After as seconds or as an HTTP date', () => {
		expect(retryAfterMs({ 'retry-after': '7' }, now)).toBe(7_000);
		expect(retryAfterMs({ 'retry-after': 'Wed, 02 Dec 2026 08:00:12 GMT' }, now)).toBe(12_000);
		expect(retryAfterMs({ 'retry-after': 'Wed, 02 Dec 2026 07:59:00 GMT' }, now)).toBe(0);
		expect(retryAfterMs({ 'retry-after': 'soon' }, now)).toBe(0);
		expect(retryAfterMs({}, now)).toBe(0);
	});

	it('waits at least as long as Retry-After says', () => {
		expect(retryDelayMs(throttled({ 'retry-after': '5' }), 0, policy, () => 0)).toBe(5_000);
		expect(shouldRetry(throttled({ 'retry-after': '5' }), 0, policy, false)).toBe(true);
	});

	it('stops with a clear message when Retry-After asks more than the maximum wait', () => {
		const longWait = throttled({ 'retry-after': '120' });
		expect(waitExceedsPolicy(longWait, policy)).toBe(true);
		expect(shouldRetry(longWait, 0, policy, true)).toBe(false);
		expect(giveUpNote(longWait, 0, policy, true)).toEqual({
			message: 'Meta asks to wait 120 s before calling again',
			description: 'Meta\'s Retry-After header asks for 120 s, longer than this node waits (30 s), so it stopped instead of retrying. Run it again after that time.',
		});
	});

	it('keeps the waits of one execution within its budget', () => {
		expect(exceedsRetryBudget(0, 1_000, 2_000)).toBe(false);
		expect(exceedsRetryBudget(1_000, 1_000, 2_000)).toBe(false);
		expect(exceedsRetryBudget(1_500, 1_000, 2_000)).toBe(true);
	});
});

describe('registration limits', () => {
	const policy: RetryPolicy = { maxRetries: 4, maxThrottleRetries: 8, baseDelayMs: 300, maxDelayMs: 30_000 };

	// Each retry of a register/deregister spends one of the 10 attempts Meta allows per number in 72 hours.
	it('never retries 133016, even sent as a throttling answer or marked transient', () => {
		for (const failure of [
			{ kind: 'http', statusCode: 400, headers: {}, graphError: { code: 133016 } },
			{ kind: 'http', statusCode: 429, headers: {}, graphError: { code: 133016 } },
			{ kind: 'http', statusCode: 503, headers: {}, graphError: { code: 133016, is_transient: true } },
		] as GraphFailure[]) {
			expect(shouldRetry(failure, 0, policy, true)).toBe(false);
			expect(giveUpNote(failure, 0, policy, true)).toBeUndefined();
		}
	});
});
