import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { useSandbox } from '../helpers/sandbox';

const sandbox = useSandbox();
let callback: http.Server;
let callbackUrl: string;
let echo = true;
const received: Array<{ method: string; query: Record<string, string>; body: string }> = [];

const appToken = () => `${sandbox.state.appId}|${sandbox.state.appSecret}`;

/** A form POST (Meta's samples use -F), a GET or a DELETE with query parameters. */
const appGraph = (method: string, params: Record<string, string> = {}, options: { token?: string; via?: 'header' | 'query' | 'body' } = {}) => {
	const token = options.token ?? appToken();
	const via = options.via ?? 'header';
	const url = new URL(`${sandbox.url}/v25.0/${sandbox.state.appId}/subscriptions`);
	const form = new URLSearchParams(params);
	if (via === 'query') url.searchParams.set('access_token', token);
	if (via === 'body') form.set('access_token', token);
	const withBody = method === 'POST';
	if (!withBody) for (const [key, value] of form) url.searchParams.set(key, value);
	return fetch(url, {
		method,
		headers: { ...(via === 'header' ? { authorization: `Bearer ${token}` } : {}), ...(withBody ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
		body: withBody ? form.toString() : undefined,
	}).then(async (response) => ({ status: response.status, json: (await response.json()) as Record<string, any> }));
};

beforeAll(async () => {
	callback = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const query = Object.fromEntries(new URL(req.url ?? '/', 'http://x').searchParams.entries());
			received.push({ method: req.method ?? '', query, body: Buffer.concat(chunks).toString('utf8') });
			res.end(req.method === 'GET' && echo ? query['hub.challenge'] : 'ok');
		});
	});
	await new Promise<void>((resolve) => callback.listen(0, '127.0.0.1', resolve));
	callbackUrl = `http://127.0.0.1:${(callback.address() as AddressInfo).port}/webhook/app/webhook`;
});
afterAll(async () => {
	await new Promise<void>((resolve) => callback.close(() => resolve()));
});
beforeEach(() => {
	echo = true;
	received.length = 0;
});

const subscribe = (fields: string, extra: Record<string, string> = {}) =>
	appGraph('POST', { object: 'whatsapp_business_account', callback_url: callbackUrl, verify_token: 'app-tok', fields, include_values: 'true', ...extra });

test('POST verifies the callback, then GET shows the subscription as the reference does (no verify token)', async () => {
	expect(await subscribe('automatic_events,user_preferences')).toEqual({ status: 200, json: { success: true } });
	expect(received).toEqual([{ method: 'GET', query: { 'hub.mode': 'subscribe', 'hub.challenge': expect.stringMatching(/^\d+$/), 'hub.verify_token': 'app-tok' }, body: '' }]);
	expect((await appGraph('GET')).json).toEqual({
		data: [
			{
				object: 'whatsapp_business_account',
				callback_url: callbackUrl,
				active: true,
				fields: [
					{ name: 'automatic_events', version: 'v25.0' },
					{ name: 'user_preferences', version: 'v25.0' },
				],
			},
		],
	});
});

test('a POST replaces the field list (the stricter reading of the reference); DELETE with fields removes only those', async () => {
	await subscribe('automatic_events,messages');
	await subscribe('user_preferences');
	expect(sandbox.state.appSubscriptions[0].fields.map((field) => field.name)).toEqual(['user_preferences']);
	await subscribe('user_preferences,messages,security');
	expect(await appGraph('DELETE', { object: 'whatsapp_business_account', fields: 'messages' })).toEqual({ status: 200, json: { success: true } });
	expect(sandbox.state.appSubscriptions[0].fields.map((field) => field.name)).toEqual(['user_preferences', 'security']);
	await appGraph('DELETE', { object: 'whatsapp_business_account' });
	expect(sandbox.state.appSubscriptions).toEqual([]);
});

test('refusals: an unechoed challenge (2200), an unknown field, a missing callback, a user token (15), a wrong app secret (190)', async () => {
	echo = false;
	const unverified = await subscribe('automatic_events');
	expect(unverified.json.error).toMatchObject({ code: 2200, fbtrace_id: expect.any(String) });
	echo = true;
	expect((await subscribe('automatic_events,not_a_field')).json.error).toMatchObject({ code: 100, error_data: { details: expect.stringMatching(/not_a_field/) } });
	expect((await appGraph('POST', { object: 'whatsapp_business_account', verify_token: 'x', fields: 'messages' })).json.error.code).toBe(100);
	expect((await appGraph('GET', {}, { token: sandbox.state.token })).json.error).toMatchObject({ code: 15 });
	expect((await appGraph('GET', {}, { token: `${sandbox.state.appId}|wrong-secret-value` })).json.error).toMatchObject({ code: 190 });
	expect(sandbox.state.appSubscriptions).toEqual([]);
});

test('the app token is accepted in the query or the body too, and the request log masks it', async () => {
	expect((await appGraph('GET', {}, { via: 'query' })).status).toBe(200);
	expect((await subscribe('security', {})).status).toBe(200);
	await appGraph('POST', { object: 'whatsapp_business_account', callback_url: callbackUrl, verify_token: 'v', fields: 'security' }, { via: 'body' });
	const logged = JSON.stringify(sandbox.requests);
	expect(logged).not.toContain(sandbox.state.appSecret);
	expect(sandbox.requests.every((request) => request.status === 200)).toBe(true);
});

test('a webhook without a url goes where Meta sends it: app-only fields to the app callback, when subscribed', async () => {
	const event = { kind: 'automaticEvents' as const, events: [{ id: 'wamid.ROUTED', eventName: 'Purchase' as const, ctwaClid: 'clid-1' }] };
	expect(await sandbox.sendWebhook({ event })).toEqual({ status: 0, body: 'not delivered: the app does not subscribe the automatic_events field' });
	await subscribe('automatic_events,messages');
	received.length = 0;
	const answer = await sandbox.sendWebhook({ event });
	expect(answer).toMatchObject({ status: 200, url: callbackUrl });
	expect(JSON.parse(received[0].body).entry[0].changes[0].field).toBe('automatic_events');
	// messages go to the WABA's override first.
	sandbox.seed({ subscribedApps: [{ id: sandbox.state.appId, override_callback_uri: `${callbackUrl}?override=1` }] });
	const message = await sandbox.sendWebhook({ payload: { object: 'whatsapp_business_account', entry: [{ id: sandbox.state.wabaId, changes: [{ field: 'messages', value: {} }] }] } });
	expect(message.url).toBe(`${callbackUrl}?override=1`);
});
