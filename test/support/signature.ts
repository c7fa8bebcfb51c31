/**
 * The one webhook signer of the tests, the sandbox, the benchmarks and the scripts. It is written
 * apart from the trigger's own check (nodes/.../events/signature.ts) on purpose: a test that signed
 * with the node's code could not catch a mistake in it.
 */
import { createHmac } from 'node:crypto';

/**
 * `sha256=<hex HMAC-SHA256 of the raw body, keyed with the App Secret>`, what Meta sends in
 * X-Hub-Signature-256: https://developers.facebook.com/docs/graph-api/webhooks/getting-started#event-notifications
 */
export function signWebhookBody(body: Buffer | string, appSecret: string): string {
	return `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
}

/** The headers Meta sends with a delivery: JSON and its signature. */
export function signedWebhookHeaders(body: Buffer | string, appSecret: string): Record<string, string> {
	return { 'content-type': 'application/json', 'x-hub-signature-256': signWebhookBody(body, appSecret) };
}
