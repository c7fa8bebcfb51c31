import { timingSafeEqual } from 'node:crypto';

/**
 * Meta's endpoint verification: `GET ?hub.mode=subscribe&hub.challenge=…&hub.verify_token=…`.
 * Returns the challenge to echo when the mode is `subscribe` and the token matches, otherwise
 * undefined (the caller answers 403).
 */
export function checkVerification(query: Record<string, unknown>, expectedToken: string): string | undefined {
	const mode = query['hub.mode'];
	const token = query['hub.verify_token'];
	const challenge = query['hub.challenge'];
	if (mode !== 'subscribe' || typeof token !== 'string' || typeof challenge !== 'string' || !expectedToken) return undefined;
	const given = Buffer.from(token);
	const expected = Buffer.from(expectedToken);
	if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
	return challenge;
}
