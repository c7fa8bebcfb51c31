import { useSandbox } from '../helpers/sandbox';
import { PHONE_ID, baseSeed } from './messagesKit';

/** The phone number's message_qrdls edge as Meta's QR Codes guide and Graph reference document it. */
describe('sandbox: QR codes', () => {
	const sandbox = useSandbox({ seed: baseSeed });
	const call = async (method: string, path = '', options: { query?: string; body?: unknown } = {}) => {
		const response = await fetch(`${sandbox.url}/v25.0/${PHONE_ID}/message_qrdls${path}${options.query ?? ''}`, {
			method,
			headers: { Authorization: `Bearer ${sandbox.state.token}`, 'Content-Type': 'application/json' },
			body: options.body === undefined ? undefined : JSON.stringify(options.body),
		});
		return { status: response.status, json: (await response.json()) as Record<string, any> };
	};

	it('creates, reads, updates and deletes a code; the link and code stay across an update', async () => {
		const created = await call('POST', '', { body: { prefilled_message: 'Cyber Monday', generate_qr_image: 'SVG' } });
		expect(created.json).toEqual({
			code: expect.stringMatching(/^[A-Z0-9]{14}$/),
			prefilled_message: 'Cyber Monday',
			deep_link_url: `https://wa.me/message/${created.json.code}`,
			qr_image_url: expect.stringMatching(/\.svg$/),
		});
		const code = created.json.code as string;
		expect((await call('GET', `/${code}`)).json).toEqual({ data: [{ code, prefilled_message: 'Cyber Monday', deep_link_url: `https://wa.me/message/${code}` }] });
		const png = await call('GET', `/${code}`, { query: '?fields=code,qr_image_url.format(PNG)' });
		expect(png.json.data[0].qr_image_url).toMatch(/\.png$/);

		// The image link is public, like Meta's CDN: no token.
		const image = await fetch(created.json.qr_image_url);
		expect([image.status, image.headers.get('content-type')]).toEqual([200, 'image/svg+xml']);
		expect(await image.text()).toContain(`<title>${code}</title>`);

		const updated = await call('POST', '', { body: { code, prefilled_message: 'Cyber Tuesday' } });
		expect(updated.json).toEqual({ code, prefilled_message: 'Cyber Tuesday', deep_link_url: `https://wa.me/message/${code}` });
		expect((await call('DELETE', `/${code}`)).json).toEqual({ success: true });
		expect((await call('GET', `/${code}`)).json).toEqual({ data: [] });
		expect((await call('DELETE', `/${code}`)).json.error.code).toBe(100);
		expect((await fetch(created.json.qr_image_url)).status).toBe(404);
	});

	it('lists newest first with cursor paging, and filters by code', async () => {
		for (const text of ['one', 'two', 'three']) await call('POST', '', { body: { prefilled_message: text, generate_qr_image: 'PNG' } });
		const first = await call('GET', '', { query: '?limit=2' });
		expect(first.json.data.map((qr: any) => qr.prefilled_message)).toEqual(['three', 'two']);
		expect(first.json.data[0].qr_image_url).toBeUndefined();
		const rest = await fetch(first.json.paging.next, { headers: { Authorization: `Bearer ${sandbox.state.token}` } });
		expect(((await rest.json()) as any).data.map((qr: any) => qr.prefilled_message)).toEqual(['one']);
		const code = first.json.data[1].code;
		expect((await call('GET', '', { query: `?code=${code}` })).json.data).toEqual([expect.objectContaining({ code, prefilled_message: 'two' })]);
	});

	it('refuses a message over 140 characters, an unknown image format, an image without a format, and an unknown code', async () => {
		expect((await call('POST', '', { body: { prefilled_message: 'x'.repeat(141), generate_qr_image: 'PNG' } })).json.error.code).toBe(100);
		expect((await call('POST', '', { body: { prefilled_message: 'hi', generate_qr_image: 'JPG' } })).json.error.code).toBe(100);
		expect((await call('GET', '', { query: '?fields=qr_image_url' })).status).toBe(400);
		expect((await call('POST', '', { body: { code: 'NOSUCHCODE0001', prefilled_message: 'hi' } })).json.error.code).toBe(100);
		// 140 characters counted as WhatsApp counts them: an emoji is one.
		expect((await call('POST', '', { body: { prefilled_message: '🎉'.repeat(140), generate_qr_image: 'PNG' } })).status).toBe(200);
	});
});
