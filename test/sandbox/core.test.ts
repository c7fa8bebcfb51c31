import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { useSandbox } from '../helpers/sandbox';
import { signWebhookBody } from '../support/signature';
import { decodeCursor, encodeCursor, paginate } from './graph';
import { startSandbox } from './server';

/** The sandbox's own behaviour (auth, routing, paging, faults, log, controls, webhooks, uploads), with fetch. */
describe('sandbox core', () => {
	const sandbox = useSandbox();
	let v: string;
	const bearer = () => ({ Authorization: `Bearer ${sandbox.state.token}` });
	const getJson = async (url: string, init: RequestInit = {}) => {
		const response = await fetch(url, init);
		return { status: response.status, headers: response.headers, json: (await response.json()) as any };
	};

	beforeEach(() => {
		v = `${sandbox.url}/v25.0`;
	});

	describe('auth', () => {
		it('answers 2500 without a token', async () => {
			const { status, json } = await getJson(`${v}/${sandbox.state.wabaId}`);
			expect(status).toBe(400);
			expect(json.error).toEqual(expect.objectContaining({ code: 2500, type: 'OAuthException', fbtrace_id: expect.any(String) }));
			expect(sandbox.requests[0].authenticated).toBe(false);
		});

		it('answers 190 / HTTP 401 / subcode 463 for a wrong token', async () => {
			const { status, json } = await getJson(`${v}/${sandbox.state.wabaId}`, { headers: { Authorization: 'Bearer nope' } });
			expect(status).toBe(401);
			expect(json.error).toEqual(expect.objectContaining({ code: 190, error_subcode: 463 }));
			expect(sandbox.requests[0].graphErrorCode).toBe(190);
		});

		it('accepts the token as Bearer, OAuth (uploads) or access_token query parameter', async () => {
			const id = sandbox.state.wabaId;
			expect((await getJson(`${v}/${id}`, { headers: bearer() })).status).toBe(200);
			expect((await getJson(`${v}/${id}`, { headers: { Authorization: `OAuth ${sandbox.state.token}` } })).status).toBe(200);
			expect((await getJson(`${v}/${id}?access_token=${sandbox.state.token}`)).status).toBe(200);
		});
	});

	describe('routing', () => {
		it('serves GET /{waba}?fields=id,name with exactly those fields', async () => {
			const { json } = await getJson(`${v}/${sandbox.state.wabaId}?fields=id,name`, { headers: bearer() });
			expect(json).toEqual({ id: sandbox.state.wabaId, name: sandbox.state.wabaName });
			const all = await getJson(`${v}/${sandbox.state.wabaId}`, { headers: bearer() });
			expect(all.json).toEqual(expect.objectContaining({ id: sandbox.state.wabaId, currency: 'USD', message_template_namespace: expect.any(String) }));
		});

		it('answers 100/33 for an unknown id', async () => {
			const { status, json } = await getJson(`${v}/424242`, { headers: bearer() });
			expect(status).toBe(400);
			expect(json.error).toEqual(expect.objectContaining({ code: 100, error_subcode: 33 }));
			expect(json.error.message).toContain("Object with ID '424242' does not exist");
		});

		it('answers 100 for an unknown edge and for an unsupported method', async () => {
			const edge = await getJson(`${v}/${sandbox.state.wabaId}/no_such_edge`, { headers: bearer() });
			expect(edge.json.error.code).toBe(100);
			expect(edge.json.error.message).toContain('nonexisting field (no_such_edge)');
			const method = await getJson(`${v}/${sandbox.state.wabaId}`, { method: 'PATCH', headers: bearer() });
			expect(method.json.error).toEqual(expect.objectContaining({ code: 100, error_subcode: 33 }));
		});

		it('answers 2500 for a path outside /{version}/{id}', async () => {
			const { json } = await getJson(`${sandbox.url}/not/a/graph/path/at/all`, { headers: bearer() });
			expect(json.error.code).toBe(2500);
		});

		it('answers 100 for a JSON body that does not parse', async () => {
			const { json } = await getJson(`${v}/${sandbox.state.wabaId}/welcome_message_sequences`, {
				method: 'POST',
				headers: { ...bearer(), 'content-type': 'application/json' },
				body: '{"name":',
			});
			expect(json.error).toEqual(expect.objectContaining({ code: 100 }));
			expect(json.error.error_data.details).toBe('The request body is not valid JSON');
		});

		it('sends x-business-use-case-usage and x-fb-trace-id on every answer', async () => {
			const { headers } = await getJson(`${v}/${sandbox.state.wabaId}`, { headers: bearer() });
			expect(JSON.parse(headers.get('x-business-use-case-usage')!)[sandbox.state.wabaId][0]).toEqual(
				expect.objectContaining({ type: 'whatsapp_business_management', estimated_time_to_regain_access: 0 }),
			);
			expect(headers.get('x-fb-trace-id')).toBeTruthy();
		});
	});

	describe('paging helper', () => {
		const list = Array.from({ length: 7 }, (_, i) => i);
		const page = (query: string, options = { defaultLimit: 3, maxLimit: 5 }) =>
			paginate(list, new URLSearchParams(query), { ...options, selfUrl: new URL(`http://x/v25.0/1/edge?${query}`) });

		it('serves the default page with cursors and next', () => {
			const first = page('');
			expect(first.data).toEqual([0, 1, 2]);
			expect(first.paging.cursors).toEqual({ before: encodeCursor(0), after: encodeCursor(2) });
			expect(new URL(first.paging.next as string).searchParams.get('after')).toBe(encodeCursor(2));
			expect(first.paging.previous).toBeUndefined();
		});

		it('clamps limit to the maximum, follows after to the end without next, and goes back with before', () => {
			expect(page('limit=100').data).toEqual([0, 1, 2, 3, 4]);
			const last = page(`limit=5&after=${encodeCursor(4)}`);
			expect(last.data).toEqual([5, 6]);
			expect(last.paging.next).toBeUndefined();
			expect(last.paging.previous).toBeDefined();
			expect(page(`limit=2&before=${encodeCursor(5)}`).data).toEqual([3, 4]);
		});

		it('rejects a bad limit or cursor with code 100', () => {
			expect(() => page('limit=-1')).toThrow(expect.objectContaining({ code: 100 }));
			expect(() => page('after=garbage')).toThrow(expect.objectContaining({ code: 100 }));
			expect(decodeCursor(encodeCursor(9))).toBe(9);
		});

		it('pages an edge the same way over HTTP (sequences in edge shape)', async () => {
			sandbox.seed({ sequenceListShape: 'edge', sequences: Array.from({ length: 3 }, (_, i) => ({ sequence_id: String(100 + i) })) });
			const { json } = await getJson(`${v}/${sandbox.state.wabaId}/welcome_message_sequences?limit=2`, { headers: bearer() });
			expect(json.data.map((s: { id: string }) => s.id)).toEqual(['100', '101']);
			expect(json.paging.next).toContain(`${sandbox.url}/v25.0/${sandbox.state.wabaId}/welcome_message_sequences`);
		});
	});

	describe('faults', () => {
		const statuses = async (count: number) => {
			const result: number[] = [];
			for (let i = 0; i < count; i++) result.push((await fetch(`${v}/${sandbox.state.wabaId}`, { headers: bearer() })).status);
			return result;
		};

		it('rolls reproducible dice from a seed', async () => {
			sandbox.setFaults({ throttle: { rate: 0.5, codes: [80007, 429] }, serverErrorRate: 0.2, seed: 42 });
			const first = await statuses(30);
			const firstCodes = sandbox.requests.map((r) => r.graphErrorCode);
			sandbox.reset();
			sandbox.setFaults({ throttle: { rate: 0.5, codes: [80007, 429] }, serverErrorRate: 0.2, seed: 42 });
			expect(await statuses(30)).toEqual(first);
			expect(sandbox.requests.map((r) => r.graphErrorCode)).toEqual(firstCodes);
			// Both kinds of failure and successes all happened.
			expect(first).toEqual(expect.arrayContaining([200, 400, 429]));
			expect(first.some((s) => s >= 500)).toBe(true);
		});

		it('throttles with the chosen code and the regain time in the usage header', async () => {
			sandbox.setFaults({ throttle: { rate: 1, codes: [130429], regainMinutes: 3 } });
			const { status, headers, json } = await getJson(`${v}/${sandbox.state.wabaId}`, { headers: bearer() });
			expect(status).toBe(400);
			expect(json.error).toEqual(expect.objectContaining({ code: 130429, is_transient: true }));
			expect(JSON.parse(headers.get('x-business-use-case-usage')!)[sandbox.state.wabaId][0].estimated_time_to_regain_access).toBe(3);
		});

		it('plays queued faults in order, for matching method and path, the given number of times', async () => {
			sandbox.faults.queue.push({ method: 'GET', pathIncludes: '/nothing-matches', code: 1 });
			sandbox.faults.queue.push({ method: 'GET', code: 80007, times: 2 });
			sandbox.faults.queue.push({ method: 'GET', status: 502, body: '<html>Bad Gateway</html>' });
			expect(await statuses(4)).toEqual([400, 400, 502, 200]);
			expect(sandbox.faults.queue).toHaveLength(1);
		});

		it('drops the connection before or after handling', async () => {
			sandbox.seed({ sequences: [{ sequence_id: '55', name: 'Gone' }] });
			sandbox.faults.queue.push({ method: 'DELETE', dropConnection: true });
			const url = `${v}/${sandbox.state.wabaId}/welcome_message_sequences?sequence_id=55`;
			await expect(fetch(url, { method: 'DELETE', headers: bearer() })).rejects.toThrow();
			expect(sandbox.state.sequences.has('55')).toBe(true);
			sandbox.faults.queue.push({ method: 'DELETE', dropAfterHandling: true });
			await expect(fetch(url, { method: 'DELETE', headers: bearer() })).rejects.toThrow();
			expect(sandbox.state.sequences.has('55')).toBe(false);
			expect(sandbox.requests.map((r) => r.status)).toEqual([0, 0]);
		});
	});

	describe('request log', () => {
		it('records method, paths, query, parsed bodies, files and redacted auth', async () => {
			const form = new FormData();
			form.append('name', 'Files');
			form.append('file', new Blob([Buffer.from('hello')], { type: 'text/plain' }), 'hello.txt');
			await fetch(`${v}/${sandbox.state.wabaId}/welcome_message_sequences?x=1`, { method: 'POST', headers: bearer(), body: form });
			await fetch(`${v}/${sandbox.state.wabaId}/welcome_message_sequences`, {
				method: 'POST',
				headers: { ...bearer(), 'content-type': 'application/json' },
				body: JSON.stringify({ name: 'J', welcome_message_sequence: { text: 'Hi' } }),
			});
			const [multipart, json] = sandbox.requests;
			expect(multipart).toEqual(
				expect.objectContaining({
					method: 'POST',
					path: `/v25.0/${sandbox.state.wabaId}/welcome_message_sequences`,
					graphPath: `/${sandbox.state.wabaId}/welcome_message_sequences`,
					query: { x: '1' },
					body: { name: 'Files' },
					authenticated: true,
					status: 400,
					graphErrorCode: 4027010,
				}),
			);
			expect(multipart.files).toEqual([
				{ field: 'file', filename: 'hello.txt', contentType: 'text/plain', size: 5, sha256: '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824' },
			]);
			expect(multipart.headers.authorization).toBe('Bearer ***');
			expect(JSON.stringify(sandbox.requests)).not.toContain(sandbox.state.token);
			expect(json.body).toEqual({ name: 'J', welcome_message_sequence: { text: 'Hi' } });
			expect(json.seq).toBeGreaterThan(multipart.seq);
			expect(sandbox.requestsTo('post', '/welcome_message_sequences')).toHaveLength(2);
			expect(sandbox.requestsTo('GET', '/welcome_message_sequences')).toHaveLength(0);
			sandbox.clearRequests();
			expect(sandbox.requests).toHaveLength(0);
		});
	});

	describe('control endpoints', () => {
		const control = (method: string, path: string, body?: unknown) =>
			getJson(`${sandbox.url}/__sandbox/${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });

		it('seeds, reads state, lists and clears requests, sets faults and resets, without logging themselves', async () => {
			expect((await control('POST', 'seed', { sequences: [{ sequence_id: '77', name: 'Seeded' }] })).json).toEqual({ success: true });
			const state = await control('GET', 'state');
			expect(state.json.wabaId).toBe(sandbox.state.wabaId);
			expect(state.json.sequences).toEqual([expect.objectContaining({ sequence_id: '77', name: 'Seeded' })]);

			await fetch(`${v}/${sandbox.state.wabaId}`, { headers: bearer() });
			const logged = await control('GET', 'requests');
			expect(logged.json).toHaveLength(1);
			expect(logged.json[0].path).toBe(`/v25.0/${sandbox.state.wabaId}`);
			await control('DELETE', 'requests');
			expect(sandbox.requests).toHaveLength(0);

			await control('POST', 'faults', { throttle: { rate: 1, codes: [4] } });
			expect((await fetch(`${v}/${sandbox.state.wabaId}`, { headers: bearer() })).status).toBe(400);
			await control('POST', 'reset');
			expect(sandbox.faults.throttle).toBeUndefined();
			expect(sandbox.state.sequences.size).toBe(0);
			expect(sandbox.requests).toHaveLength(0);
			expect((await control('GET', 'nope')).status).toBe(404);
		});

		it('keeps the identity the sandbox was started with on a reset without a body', async () => {
			const custom = await startSandbox({ identity: { wabaId: '5550001', token: 'fakecustomTOKEN1234' } });
			try {
				await fetch(`${custom.url}/__sandbox/reset`, { method: 'POST' });
				expect(custom.state.wabaId).toBe('5550001');
				expect(custom.state.token).toBe('fakecustomTOKEN1234');
				await fetch(`${custom.url}/__sandbox/reset`, { method: 'POST', body: JSON.stringify({ wabaId: '5550002' }) });
				expect(custom.state.wabaId).toBe('5550002');
				expect(custom.state.token).toBe('fakecustomTOKEN1234');
			} finally {
				await custom.close();
			}
		});

		it('sends a webhook through the control endpoint', async () => {
			const receiver = await startReceiver();
			try {
				const { json } = await control('POST', 'webhook', { url: receiver.url, payload: { object: 'whatsapp_business_account' } });
				expect(json).toEqual({ status: 200, body: 'ok' });
				expect(receiver.received[0].headers['x-hub-signature-256']).toBe(signWebhookBody(receiver.received[0].body, sandbox.state.appSecret));
			} finally {
				await receiver.close();
			}
		});
	});

	describe('sendWebhook', () => {
		it('signs the exact raw body with HMAC-SHA256 of the App Secret', async () => {
			const receiver = await startReceiver();
			try {
				const rawBody = '{"object":"whatsapp_business_account",  "entry":[]}';
				const answer = await sandbox.sendWebhook({ url: receiver.url, rawBody });
				expect(answer).toEqual({ status: 200, body: 'ok' });
				const [delivery] = receiver.received;
				expect(delivery.body.toString('utf8')).toBe(rawBody);
				expect(delivery.headers['x-hub-signature-256']).toBe(signWebhookBody(rawBody, sandbox.state.appSecret));
				expect(delivery.headers['content-type']).toBe('application/json');
			} finally {
				await receiver.close();
			}
		});

		it('signs with another secret, sends a chosen signature, or none', async () => {
			const receiver = await startReceiver();
			try {
				await sandbox.sendWebhook({ url: receiver.url, payload: { a: 1 }, secret: 'other' });
				await sandbox.sendWebhook({ url: receiver.url, payload: { a: 1 }, signature: 'sha256=deadbeef' });
				await sandbox.sendWebhook({ url: receiver.url, payload: { a: 1 }, signature: null });
				const [other, chosen, none] = receiver.received;
				expect(other.headers['x-hub-signature-256']).toBe(signWebhookBody('{"a":1}', 'other'));
				expect(chosen.headers['x-hub-signature-256']).toBe('sha256=deadbeef');
				expect(none.headers['x-hub-signature-256']).toBeUndefined();
			} finally {
				await receiver.close();
			}
		});
	});

	describe('resumable uploads', () => {
		const appUploads = () => `${v}/${sandbox.state.appId}/uploads`;
		const open = async (length: number, type = 'image/png') =>
			(await getJson(`${appUploads()}?file_name=a.png&file_length=${length}&file_type=${encodeURIComponent(type)}`, { method: 'POST', headers: bearer() })).json;
		const send = (id: string, offset: string | undefined, bytes: Buffer) =>
			getJson(`${v}/${id}`, {
				method: 'POST',
				headers: { Authorization: `OAuth ${sandbox.state.token}`, 'content-type': 'application/octet-stream', ...(offset === undefined ? {} : { file_offset: offset }) },
				body: new Uint8Array(bytes),
			});

		it('opens a session on the app and rejects bad session parameters', async () => {
			const session = await open(10);
			expect(session.id).toMatch(/^upload:\d+$/);
			expect((await getJson(`${appUploads()}?file_name=a&file_length=0&file_type=image/png`, { method: 'POST', headers: bearer() })).json.error.code).toBe(100);
			expect((await open(10, 'text/plain')).error.code).toBe(100);
			expect((await getJson(`${v}/${sandbox.state.wabaId}/uploads`, { method: 'POST', headers: bearer() })).json.error.code).toBe(100);
		});

		it('uploads in one go and returns a 4:: handle', async () => {
			const { id } = await open(4);
			const { json } = await send(id, '0', Buffer.from([1, 2, 3, 4]));
			expect(json.h).toMatch(/^4::/);
			expect(sandbox.state.uploadHandles.get(json.h)?.data).toEqual(Buffer.from([1, 2, 3, 4]));
		});

		it('resumes: a wrong offset is refused, GET tells the offset, the rest completes', async () => {
			const { id } = await open(6);
			expect((await send(id, '0', Buffer.from('abc'))).json).toEqual({ id, file_offset: '3' });
			const mismatch = await send(id, '0', Buffer.from('def'));
			expect(mismatch.json.error.code).toBe(100);
			expect(mismatch.json.error.error_data.details).toContain('does not match');
			expect((await getJson(`${v}/${id}`, { headers: bearer() })).json).toEqual({ id, file_offset: '3' });
			const done = await send(id, '3', Buffer.from('def'));
			expect(done.json.h).toMatch(/^4::/);
			expect(sandbox.state.uploads.get(id)?.data.toString()).toBe('abcdef');
		});

		it('takes the bytes only with "Authorization: OAuth <token>", as Meta\'s upload guide documents', async () => {
			const { id } = await open(2);
			const post = (headers: Record<string, string>, query = '') =>
				getJson(`${v}/${id}${query}`, { method: 'POST', headers: { file_offset: '0', ...headers }, body: new Uint8Array(Buffer.from('ab')) });
			const asBearer = await post(bearer());
			expect(asBearer.status).toBe(401);
			expect(asBearer.json.error).toEqual(expect.objectContaining({ code: 190 }));
			expect(asBearer.json.error.error_data.details).toContain('"Bearer ..."');
			const asQuery = await post({}, `?access_token=${sandbox.state.token}`);
			expect(asQuery.json.error.code).toBe(190);
			expect(asQuery.json.error.error_data.details).toContain('no Authorization header');
			expect(sandbox.state.uploads.get(id)?.data.length).toBe(0);
			expect((await post({ Authorization: `OAuth ${sandbox.state.token}` })).json.h).toMatch(/^4::/);
		});

		it('requires the file_offset header, refuses extra bytes and unknown sessions', async () => {
			const { id } = await open(2);
			expect((await send(id, undefined, Buffer.from('ab'))).json.error.code).toBe(100);
			expect((await send(id, '0', Buffer.from('abc'))).json.error.code).toBe(100);
			expect((await send('upload:000', '0', Buffer.from('ab'))).json.error).toEqual(expect.objectContaining({ code: 100, error_subcode: 33 }));
		});
	});
});

interface Receiver {
	url: string;
	received: Array<{ headers: http.IncomingHttpHeaders; body: Buffer }>;
	close(): Promise<void>;
}

/** A tiny HTTP endpoint that records what the sandbox's webhook sender delivers. */
async function startReceiver(): Promise<Receiver> {
	const received: Receiver['received'] = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			received.push({ headers: req.headers, body: Buffer.concat(chunks) });
			res.writeHead(200, { 'content-type': 'text/plain' });
			res.end('ok');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/webhook`,
		received,
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}
