import {
	backoffMs,
	exceedsRetryBudget,
	giveUpNote,
	isIdempotentMethod,
	isRetryable,
	isThrottled,
	neverSent,
	regainAccessDelayMs,
	retryAfterMs,
	retryBudget,
	retryDelayMs,
	shouldRetry,
	waitExceedsPolicy,
	type GraphFailure,
	type RetryPolicy,
} from '../../nodes/shared/graph/retry';
import type { GraphErrorBody } from '../../nodes/shared/graph/errors';

/** The Graph client's retry decisions, called directly (request.ts only asks them). */
const policy: RetryPolicy = { maxRetries: 4, maxThrottleRetries: 8, baseDelayMs: 300, maxDelayMs: 30_000 };
const http = (statusCode: number, graphError?: GraphErrorBody, headers: Record<string, unknown> = {}): GraphFailure => ({
	kind: 'http',
	statusCode,
	headers,
	graphError,
});

describe('retry decisions', () => {
	const connection = (errorCode: string): GraphFailure => ({ kind: 'connection', errorCode, message: 'socket hang up' });
	const usage = (minutes: number) => ({ 'x-business-use-case-usage': JSON.stringify({ '123': [{ type: 'whatsapp', estimated_time_to_regain_access: minutes }] }) });

	it('treats GET, DELETE and HEAD as idempotent and POST as not', () => {
		expect(['GET', 'DELETE', 'HEAD', 'POST', 'PUT'].map(isIdempotentMethod)).toEqual([true, true, true, false, false]);
	});

	it('classifies throttling by HTTP 429 or by Meta code, and nothing else', () => {
		expect(isThrottled(http(429))).toBe(true);
		for (const code of [4, 613, 80007, 80008, 130429]) expect(isThrottled(http(400, { code }))).toBe(true);
		expect(isThrottled(http(400, { code: 100 }))).toBe(false);
		expect(isThrottled(http(500, { code: 1 }))).toBe(false);
		expect(isThrottled(connection('ECONNRESET'))).toBe(false);
	});

	it('knows which connection errors happened before anything was sent', () => {
		expect(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'].map((code) => neverSent(connection(code)))).toEqual([true, true, true]);
		expect(neverSent(connection('ECONNRESET'))).toBe(false);
		expect(neverSent(http(500))).toBe(false);
	});

	it('retries a create only when Meta surely did not carry it out', () => {
		const create = false;
		expect(isRetryable(http(400, { code: 80007 }), create)).toBe(true);
		expect(isRetryable(connection('ECONNREFUSED'), create)).toBe(true);
		expect(isRetryable(connection('ECONNRESET'), create)).toBe(false);
		expect(isRetryable(http(500, { code: 1 }), create)).toBe(false);
		expect(isRetryable(http(400, { code: 1, is_transient: true }), create)).toBe(false);
	});

	it('retries an idempotent request after a 5xx, a transient flag, code 2 or a dropped connection, but not after a refusal', () => {
		const read = true;
		expect(isRetryable(http(502), read)).toBe(true);
		expect(isRetryable(http(400, { code: 1, is_transient: true }), read)).toBe(true);
		expect(isRetryable(http(400, { code: 2 }), read)).toBe(true);
		expect(isRetryable(connection('ECONNRESET'), read)).toBe(true);
		expect(isRetryable(http(400, { code: 100 }), read)).toBe(false);
		expect(isRetryable(http(404), read)).toBe(false);
	});

	it('gives throttling the larger budget', () => {
		expect(retryBudget(http(429), policy)).toBe(8);
		expect(retryBudget(http(503), policy)).toBe(4);
		expect(retryBudget(http(429), { ...policy, maxThrottleRetries: 2 })).toBe(4);
	});

	it('stops when the budget is used', () => {
		expect(shouldRetry(http(503), 3, policy, true)).toBe(true);
		expect(shouldRetry(http(503), 4, policy, true)).toBe(false);
		expect(shouldRetry(http(429), 7, policy, false)).toBe(true);
		expect(shouldRetry(http(429), 8, policy, false)).toBe(false);
		expect(shouldRetry(http(400, { code: 100 }), 0, policy, true)).toBe(false);
	});

	it('reads Meta\'s wait from x-business-use-case-usage, the largest entry, in ms', () => {
		expect(regainAccessDelayMs(usage(2))).toBe(120_000);
		const two = { 'x-business-use-case-usage': JSON.stringify({ a: [{ estimated_time_to_regain_access: 1 }], b: [{ estimated_time_to_regain_access: 3 }] }) };
		expect(regainAccessDelayMs(two)).toBe(180_000);
		expect(regainAccessDelayMs({ 'x-business-use-case-usage': 'not json' })).toBe(0);
		expect(regainAccessDelayMs({})).toBe(0);
	});

	it('does not retry when Meta asks for a longer wait than the policy allows, and says why', () => {
		const longWait = http(400, { code: 80007 }, usage(7));
		expect(waitExceedsPolicy(longWait, policy)).toBe(true);
		expect(shouldRetry(longWait, 0, policy, true)).toBe(false);
		expect(giveUpNote(longWait, 0, policy, true)).toEqual({
			message: 'Meta asks to wait about 7 minute(s) before calling again',
			description: expect.stringContaining('longer than this node waits (30 s)'),
		});
	});

	it('waits the backoff, or Meta\'s own wait when that is longer', () => {
		const half = () => 0.5;
		expect(backoffMs(0, policy, half)).toBe(225);
		expect(backoffMs(3, policy, half)).toBe(1800);
		expect(backoffMs(20, policy, half)).toBe(22_500);
		expect(backoffMs(1, policy, () => 0)).toBe(300);
		expect(backoffMs(1, policy, () => 1)).toBe(600);
		expect(retryDelayMs(http(503), 0, policy, half)).toBe(225);
		expect(retryDelayMs(http(429, undefined, usage(0.25)), 0, policy, half)).toBe(15_000);
	});

	it('notes the attempts when retries ran out, and nothing for a failure that was never retryable', () => {
		expect(giveUpNote(http(429), 8, policy, false)).toEqual({ description: 'Gave up after 9 attempts with backoff.' });
		expect(giveUpNote(http(400, { code: 100 }), 0, policy, true)).toBeUndefined();
	});
});

/** Point 3 of issue 14: Retry-After and the execution's retry-wait budget, as pure decisions. */
describe('Retry-After and the retry-wait budget', () => {
	const throttled = (headers: Record<string, unknown>): GraphFailure => http(429, undefined, headers);
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
