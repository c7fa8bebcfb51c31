import { BAD_ID_MARK, GOOD_ID_MARK, generateFuzzRequests, isBad, type FuzzKind } from './webhookFuzzCases';
import { signWebhookBody } from '../support/signature';
import { parseBodyAsN8n } from '../helpers/webhookHarness';
import { DEFAULT_IDENTITY } from '../sandbox/state';

const options = { seed: 20261130, wabaId: DEFAULT_IDENTITY.wabaId, appSecret: DEFAULT_IDENTITY.appSecret, badCount: 10_000, validCount: 600 };

describe('webhook fuzz generator', () => {
	const requests = generateFuzzRequests(options);

	it('is reproducible from its seed, and another seed gives other requests', () => {
		const again = generateFuzzRequests(options);
		expect(again.map((r) => r.rawBody.toString('base64'))).toEqual(requests.map((r) => r.rawBody.toString('base64')));
		expect(again.map((r) => r.headers)).toEqual(requests.map((r) => r.headers));
		const other = generateFuzzRequests({ ...options, seed: 7 });
		expect(other.map((r) => r.kind)).not.toEqual(requests.map((r) => r.kind));
	});

	it('makes at least 10,000 bad requests of every kind, mixed with valid ones and Meta-style retries', () => {
		const bad = requests.filter(isBad);
		expect(bad.length).toBeGreaterThanOrEqual(10_000);
		const counts = new Map<FuzzKind, number>();
		for (const request of requests) counts.set(request.kind, (counts.get(request.kind) ?? 0) + 1);
		const kinds: FuzzKind[] = ['valid', 'validRetry', 'missingSignature', 'wrongSignature', 'truncatedSignature', 'malformedSignature', 'notJson', 'truncatedJson', 'oversizedBody', 'wrongObject', 'missingField', 'mistypedField'];
		kinds.push('charset', 'gzip', 'deepNesting', 'badCharset', 'gzipSignedCompressed', 'staleCapture', 'hugeCount', 'lateReplay', 'newEvent', 'newEventMalformed');
		for (const kind of kinds) {
			expect(counts.get(kind) ?? 0).toBeGreaterThan(0);
		}
		// Valid and bad requests are interleaved, not in two blocks.
		const firstValid = requests.findIndex((r) => r.kind === 'valid');
		expect(firstValid).toBeLessThan(200);
	});

	it('signs valid requests correctly and keeps their ids apart from bad ones', () => {
		const valid = requests.filter((r) => r.kind === 'valid' || r.kind === 'newEvent');
		for (const request of valid) {
			expect(request.headers['x-hub-signature-256']).toBe(signWebhookBody(request.rawBody, DEFAULT_IDENTITY.appSecret));
			expect(request.expectIds.every((id) => Buffer.from(id.slice(6), 'base64').toString().startsWith(GOOD_ID_MARK))).toBe(true);
			const parsed = parseBodyAsN8n(request.rawBody, request.headers['content-type']);
			expect(parsed.ok).toBe(true);
		}
		const ids = valid.flatMap((r) => r.expectIds);
		expect(new Set(ids).size).toBe(ids.length);
		for (const request of requests.filter(isBad)) {
			expect(request.expectIds).toEqual([]);
			expect(request.badIds.every((id) => Buffer.from(id.slice(6), 'base64').toString().startsWith(BAD_ID_MARK))).toBe(true);
		}
	});

	it('retries repeat an earlier valid delivery (a referral or a new event) byte for byte and expect nothing new', () => {
		for (const retry of requests.filter((r) => r.kind === 'validRetry')) {
			expect(retry.expectIds).toEqual([]);
			expect(requests.some((r) => (r.kind === 'valid' || r.kind === 'newEvent') && r.index < retry.index && r.rawBody.equals(retry.rawBody))).toBe(true);
		}
	});

	it('ends with deliveries of more than 1,000 messages, then replays of the first valid deliveries', () => {
		const huge = requests.filter((r) => r.kind === 'hugeCount');
		expect(huge.map((r) => r.expectIds.length)).toEqual(Array(9).fill(1000));
		expect(huge.every((r) => r.badIds.length > 0)).toBe(true);
		const replays = requests.filter((r) => r.kind === 'lateReplay');
		expect(replays).toHaveLength(20);
		expect(Math.min(...replays.map((r) => r.index))).toBeGreaterThan(Math.max(...huge.map((r) => r.index)));
		for (const replay of replays) expect(requests.some((r) => r.kind === 'valid' && r.rawBody.equals(replay.rawBody))).toBe(true);
	});

	it('makes oversized bodies larger than Meta\'s 3 MB limit, validly signed', () => {
		const oversized = requests.filter((r) => r.kind === 'oversizedBody');
		for (const request of oversized) {
			expect(request.rawBody.length).toBeGreaterThan(3 * 1024 * 1024);
			expect(request.headers['x-hub-signature-256']).toBe(signWebhookBody(request.rawBody, DEFAULT_IDENTITY.appSecret));
		}
	});
});
