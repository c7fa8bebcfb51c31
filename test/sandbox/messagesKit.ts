/** What the messaging sandbox tests share: a phone number to send from, calls and a webhook receiver. */
import type http from 'node:http';

import { startFakeServer } from '../helpers/fakeServer';
import type { Sandbox } from './server';

export const PHONE_ID = '106540352242922';
export const OTHER_PHONE_ID = '113987654321098';
export const USER = '16505551234';
export const USER_ID = 'US.13491208655302741918';

export const baseSeed = {
	phoneNumbers: [
		{ id: PHONE_ID, display_phone_number: '+1 555-013-3700' },
		{ id: OTHER_PHONE_ID, registered: false },
	],
	// No status webhooks unless a test turns them on: most tests have no receiver.
	messaging: { statusWebhooks: { enabled: false } },
};

export function messagingCalls(sandbox: Sandbox) {
	const post = async (path: string, body: unknown) => {
		const response = await fetch(`${sandbox.url}/v25.0/${path}`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${sandbox.state.token}`, 'Content-Type': 'application/json' },
			body: JSON.stringify(body),
		});
		return { status: response.status, json: (await response.json()) as Record<string, any> };
	};
	const control = async (path: string, body: unknown = {}) => {
		const response = await fetch(`${sandbox.url}/__sandbox/${path}`, { method: path === 'state' ? 'GET' : 'POST', body: path === 'state' ? undefined : JSON.stringify(body) });
		return (await response.json()) as Record<string, any>;
	};
	const send = (body: Record<string, unknown>, phoneId = PHONE_ID) => post(`${phoneId}/messages`, { messaging_product: 'whatsapp', ...body });
	/** The user writes first, so free-form messages are inside the 24-hour window. */
	const openWindow = (who: Record<string, unknown> = { from: USER }) => control('messages/inbound', { phoneNumberId: PHONE_ID, deliver: false, ...who });
	return { post, control, send, openWindow };
}

/** The error part of an answer, for `toEqual(expect.objectContaining(...))`. */
export const graphError = (code: number, details?: RegExp) =>
	expect.objectContaining({ error: expect.objectContaining({ code, fbtrace_id: expect.any(String), ...(details ? { error_data: expect.objectContaining({ details: expect.stringMatching(details) }) } : {}) }) });

export interface Receiver {
	url: string;
	received: Array<{ headers: http.IncomingHttpHeaders; body: Buffer; json: any }>;
	waitFor(count: number, timeoutMs?: number): Promise<void>;
	close(): Promise<void>;
}

/** A tiny HTTP endpoint standing in for an active trigger's webhook URL. */
export async function startReceiver(): Promise<Receiver> {
	const received: Receiver['received'] = [];
	const server = await startFakeServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const body = Buffer.concat(chunks);
			received.push({ headers: req.headers, body, json: JSON.parse(body.toString('utf8') || 'null') });
			res.writeHead(200, { 'content-type': 'text/plain' });
			res.end('ok');
		});
	});
	return {
		url: `${server.url}/webhook`,
		received,
		waitFor: async (count, timeoutMs = 5000) => {
			const deadline = Date.now() + timeoutMs;
			while (received.length < count) {
				if (Date.now() > deadline) throw new Error(`Expected ${count} webhooks, got ${received.length}`);
				await new Promise((resolve) => setTimeout(resolve, 10));
			}
		},
		close: () => server.close(),
	};
}
