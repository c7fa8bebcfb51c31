import { useSandbox } from '../helpers/sandbox';

/** Direct Graph calls to the sandbox's template routes: Meta's shapes and refusals. */
describe('sandbox: message templates', () => {
	const sandbox = useSandbox();

	const call = async (method: string, path: string, body?: unknown) => {
		const response = await fetch(`${sandbox.url}/v25.0${path}`, {
			method,
			headers: { Authorization: `Bearer ${sandbox.state.token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
			body: body ? JSON.stringify(body) : undefined,
		});
		return { status: response.status, json: (await response.json()) as Record<string, any> };
	};
	const templates = () => `/${sandbox.state.wabaId}/message_templates`;
	const body = (text = 'Hi {{1}}, thanks for your order.', example: unknown = { body_text: [['Ana']] }) => ({ type: 'BODY', text, example });
	const valid = (extra: Record<string, unknown> = {}) => ({ name: 'order_update', language: 'en_US', category: 'UTILITY', components: [body()], ...extra });

	const expectRefusal = async (payload: unknown, subcode: number | undefined, details: RegExp) => {
		const { status, json } = await call('POST', templates(), payload);
		expect(status).toBe(400);
		expect(json.error.code).toBe(100);
		expect(json.error.error_subcode).toBe(subcode);
		expect(json.error.error_data?.details ?? json.error.message).toMatch(details);
		expect(json.error.fbtrace_id).toEqual(expect.any(String));
	};

	it('creates a template as Meta answers: id, PENDING, category', async () => {
		const { status, json } = await call('POST', templates(), valid());
		expect(status).toBe(200);
		expect(json).toEqual({ id: expect.stringMatching(/^\d+$/), status: 'PENDING', category: 'UTILITY' });
		const got = await call('GET', `/${json.id}?fields=name,status,parameter_format`);
		expect(got.json).toEqual({ id: json.id, name: 'order_update', status: 'PENDING', parameter_format: 'POSITIONAL' });
	});

	it('refuses what Meta documents, with its codes', async () => {
		await expectRefusal({ language: 'en_US', category: 'UTILITY', components: [body()] }, undefined, /name is required/);
		await expectRefusal(valid({ name: 'Order Update' }), undefined, /lowercase alphanumeric/);
		await expectRefusal(valid({ category: 'PROMO' }), undefined, /category must be one of/);
		await expectRefusal(valid({ components: [body('x'.repeat(1025), undefined)] }), 2388040, /at most 1024/);
		await expectRefusal(valid({ components: [body('{{1}} is ready, thanks.')] }), 2388299, /start or end/);
		await expectRefusal(valid({ components: [body('Hi {{1}} and {{2}} here.')] }), 2388072, /one example for each/);
		await expectRefusal(valid({ components: [{ type: 'FOOTER', text: 'only footer' }] }), 2388072, /needs a BODY/);
		await expectRefusal(valid({ components: [{ type: 'HEADER', format: 'TEXT', text: '{{1}} {{2}}' }, body()] }), 2388047, /at most one parameter/);
		await expectRefusal(valid({ components: [{ type: 'HEADER', format: 'TEXT', text: 'x'.repeat(61) }, body()] }), 2388040, /60 characters/);
		await expectRefusal(valid({ components: [body(), { type: 'FOOTER', text: 'Code {{1}}' }] }), 2388073, /can't have parameters/);
		await expectRefusal(valid({ components: [{ type: 'HEADER', format: 'IMAGE', example: { header_handle: ['4::nope'] } }, body()] }), undefined, /not a valid Resumable Upload handle/);
		await expectRefusal(
			valid({ category: 'AUTHENTICATION', components: [{ type: 'HEADER', format: 'LOCATION' }, { type: 'BODY' }, { type: 'BUTTONS', buttons: [{ type: 'OTP' }] }] }),
			2388047,
			/can't have a header/,
		);
		await expectRefusal(valid({ components: [body(), { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'a' }, { type: 'URL', text: 'b', url: 'https://x.io' }, { type: 'QUICK_REPLY', text: 'c' }] }] }), undefined, /grouped together/);
		await expectRefusal(valid({ components: [body(), { type: 'BUTTONS', buttons: [{ type: 'URL', text: 'b', url: 'https://x.io/{{1}}/y', example: ['https://x.io/1/y'] }] }] }), undefined, /at the end/);
		expect(sandbox.state.templates.size).toBe(0);
	});

	it('accepts the call button, checkout button and call permission request types Meta documents, in any case', async () => {
		const buttons = { type: 'buttons', buttons: [{ type: 'voice_call', text: 'Call us' }, { type: 'URL', text: 'Shop', url: 'https://x.io/shop?promo={{1}}', example: ['summer2023'] }] };
		expect((await call('POST', templates(), valid({ components: [body(), buttons] }))).status).toBe(200);
		expect((await call('POST', templates(), valid({ name: 'pay_order', components: [body(), { type: 'BUTTONS', buttons: [{ type: 'ORDER_DETAILS', text: 'Review and pay' }] }] }))).status).toBe(200);
		expect((await call('POST', templates(), valid({ name: 'may_we_call', components: [body(), { type: 'call_permission_request' }] }))).status).toBe(200);
		await expectRefusal(valid({ name: 'teleport', components: [body(), { type: 'BUTTONS', buttons: [{ type: 'TELEPORT', text: 'Go' }] }] }), undefined, /Unknown button type TELEPORT/);
		await expectRefusal(
			valid({ name: 'auth_call', category: 'AUTHENTICATION', components: [{ type: 'BODY' }, { type: 'CALL_PERMISSION_REQUEST' }, { type: 'BUTTONS', buttons: [{ type: 'OTP' }] }] }),
			undefined,
			/Only MARKETING or UTILITY/,
		);
		expect(sandbox.state.templates.size).toBe(3);
	});

	it('accepts a media header only with a handle from its own resumable upload, of the right type', async () => {
		const session = await call('POST', `/${sandbox.state.appId}/uploads?file_name=a.png&file_length=3&file_type=image/png`);
		const upload = await fetch(`${sandbox.url}/v25.0/${session.json.id}`, {
			method: 'POST',
			headers: { Authorization: `OAuth ${sandbox.state.token}`, file_offset: '0' },
			body: new Uint8Array([1, 2, 3]),
		});
		const { h } = (await upload.json()) as { h: string };
		await expectRefusal(valid({ components: [{ type: 'HEADER', format: 'VIDEO', example: { header_handle: [h] } }, body()] }), 2388047, /does not match the VIDEO header/);
		const ok = await call('POST', templates(), valid({ components: [{ type: 'HEADER', format: 'IMAGE', example: { header_handle: [h] } }, body()] }));
		expect(ok.status).toBe(200);
	});

	it('accepts media and product card carousels as Meta documents them, and refuses other carousels', async () => {
		const session = await call('POST', `/${sandbox.state.appId}/uploads?file_name=a.png&file_length=3&file_type=image/png`);
		const upload = await fetch(`${sandbox.url}/v25.0/${session.json.id}`, { method: 'POST', headers: { Authorization: `OAuth ${sandbox.state.token}`, file_offset: '0' }, body: new Uint8Array([1, 2, 3]) });
		const { h } = (await upload.json()) as { h: string };
		const image = { type: 'HEADER', format: 'IMAGE', example: { header_handle: [h] } };
		const quick = { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'More' }, { type: 'URL', text: 'Buy', url: 'https://x.io/a' }] };
		const product = (button: unknown = { type: 'SPM', text: 'View' }) => ({ components: [{ type: 'HEADER', format: 'PRODUCT' }, { type: 'BUTTONS', buttons: [button] }] });
		const carousel = (name: string, cards: unknown[], category = 'MARKETING') => valid({ name, category, components: [body(), { type: 'CAROUSEL', cards }] });
		expect((await call('POST', templates(), carousel('media_cards', [{ components: [image, body('Only {{1}} left.', { body_text: [['3']] }), quick] }, { components: [image, body('Only {{1}} left.', { body_text: [['2']] }), quick] }]))).status).toBe(200);
		expect((await call('POST', templates(), carousel('product_cards', [product(), product()]))).status).toBe(200);
		await expectRefusal(carousel('utility_cards', [product(), product()], 'UTILITY'), undefined, /only be MARKETING/);
		await expectRefusal(carousel('one_card', [product()]), undefined, /2 to 10 cards/);
		await expectRefusal(carousel('doc_cards', [{ components: [{ type: 'HEADER', format: 'DOCUMENT' }] }, product()]), 2388047, /IMAGE, VIDEO or PRODUCT header/);
		await expectRefusal(carousel('footer_cards', [{ components: [image, { type: 'FOOTER', text: 'x' }] }, product()]), undefined, /nothing else/);
		await expectRefusal(carousel('quick_products', [product({ type: 'QUICK_REPLY', text: 'Yes' }), product()]), undefined, /exactly one SPM or URL button/);
		const view = { components: [image, { type: 'BUTTONS', buttons: [{ type: 'SPM', text: 'View' }] }] };
		await expectRefusal(carousel('view_media', [view, view]), undefined, /up to two QUICK_REPLY, PHONE_NUMBER or URL buttons/);
		await expectRefusal(carousel('mixed_cards', [{ components: [image, quick] }, { components: [image] }]), undefined, /same components/);
		await expectRefusal(carousel('no_sample', [{ components: [{ type: 'HEADER', format: 'IMAGE' }] }, { components: [{ type: 'HEADER', format: 'IMAGE' }] }]), 2388047, /header_handle/);
		expect([...sandbox.state.templates.values()].map((t) => t.name)).toEqual(expect.arrayContaining(['media_cards', 'product_cards']));
	});

	it('refuses a duplicate name and language but allows another language', async () => {
		expect((await call('POST', templates(), valid())).status).toBe(200);
		await expectRefusal(valid(), 2388024, /already exists in en_US/);
		expect((await call('POST', templates(), valid({ language: 'pt_BR' }))).status).toBe(200);
	});

	it('blocks the name of a deleted APPROVED template for 30 days in every language, not of a rejected one', async () => {
		// Meta: "If you delete an approved template, you cannot create a new template with the same name for 30 days."
		sandbox.seed({ templates: [{ id: '7', name: 'promo', language: 'en_US', status: 'APPROVED' }, { id: '8', name: 'draft', status: 'REJECTED' }] });
		expect((await call('DELETE', `${templates()}?hsm_id=7&name=promo`)).json).toEqual({ success: true });
		await expectRefusal(valid({ name: 'promo', language: 'fr' }), 2388023, /promo was deleted in the last 30 days/);
		expect((await call('DELETE', `${templates()}?name=draft`)).json).toEqual({ success: true });
		expect((await call('POST', templates(), valid({ name: 'draft' }))).status).toBe(200);
	});

	it('lists with filters, fields, summary and cursor paging (at most 100 a page)', async () => {
		sandbox.seed({ templates: Array.from({ length: 130 }, (_, i) => ({ name: `t_${i}`, status: i % 2 ? 'APPROVED' : 'REJECTED' })) });
		const page = await call('GET', `${templates()}?limit=500&fields=name,status&summary=total_count&status=${encodeURIComponent('["APPROVED"]')}`);
		expect(page.json.data).toHaveLength(65);
		expect(page.json.data[0]).toEqual({ id: expect.any(String), name: 't_1', status: 'APPROVED' });
		expect(page.json.summary).toMatchObject({ total_count: 65, message_template_count: 130 });
		const big = await call('GET', `${templates()}?limit=500`);
		expect(big.json.data).toHaveLength(100);
		expect(big.json.paging.next).toContain('after=');
		const rest = await call('GET', `${templates()}?limit=100&after=${big.json.paging.cursors.after}`);
		expect(rest.json.data).toHaveLength(30);
		expect(rest.json.paging.next).toBeUndefined();
		const comma = await call('GET', `${templates()}?status=REJECTED,APPROVED&name=T_12`);
		expect(comma.json.data.map((t: { name: string }) => t.name)).toEqual(['t_12', 't_120', 't_121', 't_122', 't_123', 't_124', 't_125', 't_126', 't_127', 't_128', 't_129']);
	});

	it('edits only category, components and TTL', async () => {
		sandbox.seed({ templates: [{ id: '42', status: 'REJECTED' }, { id: '43', status: 'REJECTED' }, { id: '44', status: 'REJECTED' }] });
		const refused = await call('POST', '/42', { name: 'renamed' });
		expect(refused.json.error.error_data.details).toMatch(/name can't be edited/);
		const ttl = await call('POST', '/42', { message_send_ttl_seconds: 100_000 });
		expect(ttl.json.error.error_data.details).toMatch(/30 to 43200 \(or -1 for 30 days\) for UTILITY/);
		// -1 sets a 30-day TTL for utility and authentication templates (Meta's TTL guide), not marketing ones.
		expect((await call('POST', '/43', { message_send_ttl_seconds: -1 })).json).toEqual({ success: true });
		expect(sandbox.state.templates.get('43')?.message_send_ttl_seconds).toBe(-1);
		const marketing = await call('POST', '/44', { category: 'MARKETING', message_send_ttl_seconds: -1 });
		expect(marketing.json.error.error_data.details).toMatch(/43200 to 2592000 for MARKETING/);
		expect((await call('POST', '/42', { components: [body()] })).json).toEqual({ success: true });
	});

	it('deletes by name, or by hsm_id and name; DISABLED templates stay', async () => {
		sandbox.seed({ templates: [{ id: '1', name: 'a' }, { id: '2', name: 'a', language: 'de' }, { id: '3', name: 'b', status: 'DISABLED' }] });
		const missingName = await call('DELETE', `${templates()}?hsm_id=1`);
		expect(missingName.json.error.error_data.details).toMatch(/name is required/);
		const wrongPair = await call('DELETE', `${templates()}?hsm_id=1&name=b`);
		expect(wrongPair.status).toBe(400);
		expect((await call('DELETE', `${templates()}?hsm_id=2&name=a`)).json).toEqual({ success: true });
		expect([...sandbox.state.templates.keys()]).toEqual(['1', '3']);
		const disabled = await call('DELETE', `${templates()}?name=b`);
		expect(disabled.json.error.error_user_msg).toMatch(/DISABLED templates can't be deleted/);
		expect((await call('DELETE', `${templates()}?name=a`)).json).toEqual({ success: true });
		expect((await call('DELETE', `${templates()}?name=a`)).status).toBe(400);
	});
});
