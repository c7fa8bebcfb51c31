import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { useSandbox } from '../helpers/sandbox';

const sandbox = useSandbox();
let callback: http.Server;
let callbackUrl: string;
/** What the callback endpoint does with Meta's verification GET. */
let callbackBehaviour: 'echo' | 'forbid' | 'wrong-challenge' = 'echo';
const verificationQueries: Array<Record<string, string>> = [];

const graph = (method: string, path: string, body?: unknown, token?: string) =>
	fetch(`${sandbox.url}/v25.0/${sandbox.state.wabaId}${path}`, {
		method,
		headers: {
			authorization: `Bearer ${token ?? sandbox.state.token}`,
			...(body === undefined ? {} : { 'content-type': 'application/json' }),
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	}).then(async (response) => ({ status: response.status, json: (await response.json()) as Record<string, any> }));

beforeAll(async () => {
	callback = http.createServer((req, res) => {
		const query = Object.fromEntries(new URL(req.url ?? '/', 'http://x').searchParams.entries());
		verificationQueries.push(query);
		if (callbackBehaviour === 'forbid') {
			res.statusCode = 403;
			res.end('Forbidden');
			return;
		}
		res.setHeader('content-type', 'text/plain');
		res.end(callbackBehaviour === 'echo' ? query['hub.challenge'] : 'nope');
	});
	await new Promise<void>((resolve) => callback.listen(0, '127.0.0.1', resolve));
	callbackUrl = `http://127.0.0.1:${(callback.address() as AddressInfo).port}/webhook/abc/webhook`;
});
afterAll(async () => {
	await new Promise<void>((resolve) => callback.close(() => resolve()));
});
beforeEach(() => {
	callbackBehaviour = 'echo';
	verificationQueries.length = 0;
});

test('GET lists no app until one subscribes; POST without body subscribes the app', async () => {
	expect(await graph('GET', '/subscribed_apps')).toEqual({ status: 200, json: { data: [] } });
	expect(await graph('POST', '/subscribed_apps')).toEqual({ status: 200, json: { success: true } });
	const listed = await graph('GET', '/subscribed_apps');
	expect(listed.json.data).toEqual([
		{ whatsapp_business_api_data: { id: sandbox.state.appId, link: expect.stringContaining(sandbox.state.appId), name: 'Sandbox App' } },
	]);
});

test('an override is accepted only after the verification GET echoes the challenge', async () => {
	const result = await graph('POST', '/subscribed_apps', { override_callback_uri: callbackUrl, verify_token: 'tok-1' });
	expect(result).toEqual({ status: 200, json: { success: true } });
	expect(verificationQueries).toEqual([{ 'hub.mode': 'subscribe', 'hub.challenge': expect.stringMatching(/^\d+$/), 'hub.verify_token': 'tok-1' }]);
	const listed = await graph('GET', '/subscribed_apps');
	expect(listed.json.data[0].override_callback_uri).toBe(callbackUrl);
	expect(listed.json.data[0]).not.toHaveProperty('verify_token');

	// Posting again without a body removes the override but keeps the app subscribed.
	await graph('POST', '/subscribed_apps');
	const after = await graph('GET', '/subscribed_apps');
	expect(after.json.data).toHaveLength(1);
	expect(after.json.data[0]).not.toHaveProperty('override_callback_uri');
});

test.each([
	['answers 403', 'forbid' as const, /HTTP Status Code = 403/],
	['does not echo the challenge', 'wrong-challenge' as const, /does not match challenge/],
])('a callback that %s is refused with code 2200', async (_, behaviour, detail) => {
	callbackBehaviour = behaviour;
	const result = await graph('POST', '/subscribed_apps', { override_callback_uri: callbackUrl, verify_token: 'tok' });
	expect(result.status).toBe(400);
	expect(result.json.error).toMatchObject({ code: 2200, message: expect.stringMatching(detail) });
	expect((await graph('GET', '/subscribed_apps')).json.data).toEqual([]);
});

test('an unreachable callback is refused with code 2200', async () => {
	const result = await graph('POST', '/subscribed_apps', { override_callback_uri: 'http://127.0.0.1:1/unreachable', verify_token: 'tok' });
	expect(result.json.error.code).toBe(2200);
});

test.each([
	['a URL longer than 200 characters', { override_callback_uri: `https://example.com/${'a'.repeat(181)}`, verify_token: 'tok' }, /at most 200/],
	['no verify_token', { override_callback_uri: 'https://example.com/hook' }, /verify_token/],
	['not a URL', { override_callback_uri: 'not a url', verify_token: 'tok' }, /not a valid URL/],
	['a non-http scheme', { override_callback_uri: 'ftp://example.com/hook', verify_token: 'tok' }, /https/],
])('%s is invalid parameter 100 and nothing is verified', async (_, body, detail) => {
	const result = await graph('POST', '/subscribed_apps', body);
	expect(result.status).toBe(400);
	expect(result.json.error.code).toBe(100);
	expect(result.json.error.error_data.details).toMatch(detail);
	expect(verificationQueries).toHaveLength(0);
});

test('with https required, an http override is refused', async () => {
	sandbox.seed({ requireHttpsCallbacks: true });
	const result = await graph('POST', '/subscribed_apps', { override_callback_uri: callbackUrl, verify_token: 'tok' });
	expect(result.json.error.code).toBe(100);
});

test('DELETE unsubscribes the app and leaves other apps', async () => {
	sandbox.seed({ subscribedApps: [{ id: '999000111', override_callback_uri: 'https://other.example.com/hook' }] });
	await graph('POST', '/subscribed_apps');
	expect((await graph('GET', '/subscribed_apps')).json.data).toHaveLength(2);
	expect(await graph('DELETE', '/subscribed_apps')).toEqual({ status: 200, json: { success: true } });
	const listed = await graph('GET', '/subscribed_apps');
	expect(listed.json.data.map((app: any) => app.whatsapp_business_api_data.id)).toEqual(['999000111']);
});

test('a wrong token gets 190', async () => {
	const result = await graph('GET', '/subscribed_apps', undefined, 'wrong');
	expect(result.status).toBe(401);
	expect(result.json.error.code).toBe(190);
});

describe('phone-number override (webhook_configuration)', () => {
	const phone = (method: string, body?: unknown) =>
		fetch(`${sandbox.url}/v25.0/106540352242922${method === 'GET' ? '?fields=webhook_configuration' : ''}`, {
			method,
			headers: { authorization: `Bearer ${sandbox.state.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
			body: body === undefined ? undefined : JSON.stringify(body),
		}).then(async (response) => ({ status: response.status, json: (await response.json()) as Record<string, any> }));

	beforeEach(() => sandbox.seed({ phoneNumbers: [{ id: '106540352242922' }] }));

	test('reads where the number\'s message webhooks go: its own override first, then the WABA\'s, then the app\'s', async () => {
		expect(await phone('GET')).toEqual({ status: 200, json: { id: '106540352242922' } });
		sandbox.state.appCallbackUrl = 'https://app.example.com/webhook';
		await graph('POST', '/subscribed_apps', { override_callback_uri: callbackUrl, verify_token: 'tok' });
		expect((await phone('GET')).json.webhook_configuration).toEqual({ whatsapp_business_account: callbackUrl, application: 'https://app.example.com/webhook' });
		expect(await phone('POST', { webhook_configuration: { override_callback_uri: `${callbackUrl}?number`, verify_token: 'phone-tok' } })).toEqual({ status: 200, json: { success: true } });
		expect(verificationQueries.at(-1)).toMatchObject({ 'hub.mode': 'subscribe', 'hub.verify_token': 'phone-tok' });
		const read = await phone('GET');
		expect(read.json.webhook_configuration).toEqual({ phone_number: `${callbackUrl}?number`, whatsapp_business_account: callbackUrl, application: 'https://app.example.com/webhook' });
		expect(JSON.stringify(read.json)).not.toContain('phone-tok');
		// An empty override_callback_uri removes the number's override.
		await phone('POST', { webhook_configuration: { override_callback_uri: '' } });
		expect((await phone('GET')).json.webhook_configuration).not.toHaveProperty('phone_number');
	});

	test('an override whose verification GET fails is refused and not set', async () => {
		callbackBehaviour = 'forbid';
		const result = await phone('POST', { webhook_configuration: { override_callback_uri: callbackUrl, verify_token: 'tok' } });
		expect(result.status).toBe(400);
		expect(result.json.error.code).toBe(2200);
		expect((await phone('GET')).json).not.toHaveProperty('webhook_configuration');
		const noToken = await phone('POST', { webhook_configuration: { override_callback_uri: callbackUrl } });
		expect(noToken.json.error.code).toBe(100);
	});
});
