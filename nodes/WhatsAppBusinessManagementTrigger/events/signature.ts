import { createHmac, timingSafeEqual } from 'node:crypto';

function hmacOf(rawBody: Buffer | string, appSecret: string): Buffer {
	return createHmac('sha256', appSecret).update(rawBody).digest();
}

/** `sha256=<hex>`: what Meta puts in X-Hub-Signature-256 for a body signed with the App Secret. */
export function signatureOf(rawBody: Buffer | string, appSecret: string): string {
	return `sha256=${hmacOf(rawBody, appSecret).toString('hex')}`;
}

/**
 * Whether X-Hub-Signature-256 is the HMAC-SHA256 of the raw body with the App Secret. The digest
 * is compared with timingSafeEqual so the time taken does not reveal how many bytes matched.
 */
export function verifySignature(rawBody: Buffer | string, header: unknown, appSecret: string): boolean {
	const value = Array.isArray(header) ? header[0] : header;
	if (typeof value !== 'string') return false;
	const match = /^sha256=([0-9a-fA-F]{64})$/.exec(value.trim());
	if (!match) return false;
	const given = Buffer.from(match[1], 'hex');
	const expected = hmacOf(rawBody, appSecret);
	return given.length === expected.length && timingSafeEqual(given, expected);
}
