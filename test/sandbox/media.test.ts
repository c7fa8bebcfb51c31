import { createHash } from 'node:crypto';

import { useSandbox } from '../helpers/sandbox';

const PHONE = '106540352242922';

describe('sandbox: media routes', () => {
	const sandbox = useSandbox({ seed: { phoneNumbers: [{ id: PHONE }, { id: '200' }] } });
	let auth: Record<string, string>;

	beforeEach(() => {
		auth = { authorization: `Bearer ${sandbox.state.token}` };
	});

	const upload = (fields: Record<string, string>, file?: { data: Buffer; type: string; name?: string }, phone = PHONE) => {
		const form = new FormData();
		for (const [key, value] of Object.entries(fields)) form.append(key, value);
		if (file) form.append('file', new Blob([new Uint8Array(file.data)], { type: file.type }), file.name ?? 'f');
		return fetch(`${sandbox.url}/v25.0/${phone}/media`, { method: 'POST', headers: auth, body: form });
	};

	it('stores an upload and serves it through a short-lived URL that needs the token', async () => {
		const data = Buffer.from('%PDF-1.4 hello');
		const created = await upload({ messaging_product: 'whatsapp', type: 'application/pdf' }, { data, type: 'application/pdf', name: 'a.pdf' });
		expect(created.status).toBe(200);
		const { id } = (await created.json()) as { id: string };
		const info = (await (await fetch(`${sandbox.url}/v25.0/${id}`, { headers: auth })).json()) as Record<string, string>;
		expect(info).toEqual({
			messaging_product: 'whatsapp',
			url: expect.stringContaining('/whatsapp_business/attachments/?mid='),
			mime_type: 'application/pdf',
			sha256: createHash('sha256').update(data).digest('hex'),
			file_size: String(data.length),
			id,
		});
		const withoutToken = await fetch(info.url);
		expect(withoutToken.status).toBe(400);
		const wrongToken = await fetch(info.url, { headers: { authorization: 'Bearer wrong' } });
		expect(wrongToken.status).toBe(401);
		const file = await fetch(info.url, { headers: auth });
		expect(file.status).toBe(200);
		expect(file.headers.get('content-type')).toBe('application/pdf');
		expect(Buffer.from(await file.arrayBuffer()).equals(data)).toBe(true);

		for (const issued of sandbox.state.mediaUrls.values()) issued.expiresAt = Date.now() - 1;
		expect((await fetch(info.url, { headers: auth })).status).toBe(404);
	});

	it.each([
		['no messaging_product', { type: 'image/png' }, { data: Buffer.from('x'), type: 'image/png' }, 100, /messaging_product/],
		['no file', { messaging_product: 'whatsapp', type: 'image/png' }, undefined, 100, /file is required/],
		['no type', { messaging_product: 'whatsapp' }, { data: Buffer.from('x'), type: 'image/png' }, 100, /type is required/],
		['an unsupported type', { messaging_product: 'whatsapp', type: 'image/gif' }, { data: Buffer.from('x'), type: 'image/gif' }, 100, /Received file of type 'image\/gif'/],
		['a type that does not match the file', { messaging_product: 'whatsapp', type: 'image/png' }, { data: Buffer.from('x'), type: 'video/mp4' }, 131053, /does not match/],
		['an image over 5 MB', { messaging_product: 'whatsapp', type: 'image/jpeg' }, { data: Buffer.alloc(5 * 1024 * 1024 + 1), type: 'image/jpeg' }, 131053, /exceeds/],
		['a static sticker over 100 KB', { messaging_product: 'whatsapp', type: 'image/webp' }, { data: Buffer.alloc(100 * 1024 + 1), type: 'image/webp' }, 131053, /sticker/],
	])('refuses %s with Meta\'s code', async (_label, fields, file, code, details) => {
		const response = await upload(fields, file);
		expect(response.status).toBe(400);
		const body = (await response.json()) as { error: { code: number; error_data?: { details: string } } };
		expect(body.error.code).toBe(code);
		expect(body.error.error_data?.details).toMatch(details);
		expect(sandbox.state.media.size).toBe(0);
	});

	it('checks phone_number_id ownership on get and delete', async () => {
		sandbox.seed({ media: [{ id: '77', phone_number_id: PHONE }] });
		const wrong = await fetch(`${sandbox.url}/v25.0/77?phone_number_id=200`, { headers: auth });
		expect(wrong.status).toBe(400);
		const unknown = await fetch(`${sandbox.url}/v25.0/77?phone_number_id=999`, { method: 'DELETE', headers: auth });
		expect(((await unknown.json()) as { error: { error_subcode: number } }).error.error_subcode).toBe(33);
		const right = await fetch(`${sandbox.url}/v25.0/77?phone_number_id=${PHONE}`, { method: 'DELETE', headers: auth });
		expect(await right.json()).toEqual({ success: true });
		const gone = await fetch(`${sandbox.url}/v25.0/77`, { headers: auth });
		expect(gone.status).toBe(400);
	});
});
