import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { useSandbox } from '../helpers/sandbox';
import { PHONE_ID, USER, USER_ID, baseSeed, graphError, messagingCalls } from './messagesKit';

const IMAGE_ID = '900000000000001';
const templates = [
	{ name: 'order_confirmation', category: 'UTILITY', components: [{ type: 'BODY', text: 'Hi {{1}}, your order {{2}} is confirmed.', example: { body_text: [['Pablo', '860198']] } }] },
	{ name: 'order_confirmation', language: 'es', category: 'UTILITY', components: [{ type: 'BODY', text: 'Hola {{1}}.' }] },
	{
		name: 'lead_follow_up',
		category: 'MARKETING',
		parameter_format: 'NAMED',
		components: [
			{ type: 'HEADER', format: 'TEXT', text: 'Hi {{first_name}}', example: { header_text_named_params: [{ param_name: 'first_name', example: 'Ana' }] } },
			{ type: 'BODY', text: 'Thanks {{first_name}}, your {{model}} test drive is on {{date}}.', example: { body_text_named_params: [{ param_name: 'first_name', example: 'Ana' }, { param_name: 'model', example: 'Van' }, { param_name: 'date', example: 'Monday' }] } },
		],
	},
	{
		name: 'car_offer',
		category: 'MARKETING',
		components: [
			{ type: 'HEADER', format: 'IMAGE', example: { header_handle: ['4::aW1hZ2U='] } },
			{ type: 'BODY', text: 'Your car is ready.' },
			{ type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Stop' }, { type: 'URL', text: 'See it', url: 'https://example.com/cars/{{1}}', example: ['https://example.com/cars/1'] }, { type: 'PHONE_NUMBER', text: 'Call', phone_number: '+16505550000' }] },
		],
	},
	{
		name: 'spring_carousel',
		category: 'MARKETING',
		components: [
			{ type: 'BODY', text: 'Our spring picks.' },
			{
				type: 'CAROUSEL',
				cards: [0, 1].map(() => ({
					components: [
						{ type: 'HEADER', format: 'IMAGE', example: { header_handle: ['4::aW1hZ2U='] } },
						{ type: 'BODY', text: 'Model {{1}}', example: { body_text: [['Van']] } },
						{ type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Book' }, { type: 'URL', text: 'Details', url: 'https://example.com/details' }] },
					],
				})),
			},
		],
	},
	{
		name: 'weekend_offer',
		category: 'MARKETING',
		components: [
			{ type: 'LIMITED_TIME_OFFER', limited_time_offer: { text: 'Weekend deal', has_expiration: true } },
			{ type: 'BODY', text: 'Hi {{1}}, 10% off this weekend.', example: { body_text: [['Ana']] } },
			{ type: 'BUTTONS', buttons: [{ type: 'COPY_CODE', example: 'SPRING10' }, { type: 'URL', text: 'Book', url: 'https://example.com/book/{{1}}', example: ['https://example.com/book/x'] }] },
		],
	},
	{ name: 'login_code', category: 'AUTHENTICATION', components: [{ type: 'BODY', add_security_recommendation: true }, { type: 'BUTTONS', buttons: [{ type: 'OTP', otp_type: 'COPY_CODE', text: 'Copy code' }] }] },
	{
		name: 'book_test_drive',
		category: 'UTILITY',
		components: [{ type: 'BODY', text: 'Book a test drive.' }, { type: 'BUTTONS', buttons: [{ type: 'FLOW', text: 'Book', flow_id: '3000000000000001', navigate_screen: 'WELCOME', flow_action: 'NAVIGATE' }] }],
	},
	{ name: 'simple_promo', category: 'MARKETING', components: [{ type: 'BODY', text: 'Spring sale this week.' }] },
	{ name: 'intro_catalog', category: 'MARKETING', components: [{ type: 'BODY', text: 'Shop on WhatsApp.' }, { type: 'BUTTONS', buttons: [{ type: 'CATALOG', text: 'View catalog' }] }] },
	{ name: 'abandoned_cart', category: 'MARKETING', components: [{ type: 'BODY', text: 'Your cart is waiting.' }, { type: 'BUTTONS', buttons: [{ type: 'MPM', text: 'View items' }] }] },
	{ name: 'back_in_stock', category: 'MARKETING', components: [{ type: 'HEADER', format: 'PRODUCT' }, { type: 'BODY', text: 'Back in stock.' }, { type: 'BUTTONS', buttons: [{ type: 'SPM', text: 'View' }] }] },
	{
		name: 'picked_products',
		category: 'MARKETING',
		components: [
			{ type: 'BODY', text: 'Picked for you.' },
			{ type: 'CAROUSEL', cards: [0, 1].map(() => ({ components: [{ type: 'HEADER', format: 'PRODUCT' }, { type: 'BUTTONS', buttons: [{ type: 'SPM', text: 'View' }] }] })) },
		],
	},
	{ name: 'old_offer', category: 'MARKETING', status: 'PAUSED', components: [{ type: 'BODY', text: 'Old.' }] },
	{ name: 'new_offer', category: 'MARKETING', status: 'PENDING', components: [{ type: 'BODY', text: 'New.' }] },
];

/** Template sends checked against the template's own definition (Meta's send-templates guide), with fetch. */
describe('sandbox: template messages', () => {
	const sandbox = useSandbox({ seed: { ...baseSeed, templates, media: [{ id: IMAGE_ID, phone_number_id: PHONE_ID, mime_type: 'image/jpeg', data: 'jpeg' }] } });
	const { send, post } = messagingCalls(sandbox);
	const template = (name: string, components?: unknown[], extra: Record<string, unknown> = {}) =>
		send({ to: USER, type: 'template', template: { name, language: { code: 'en_US', policy: 'deterministic' }, ...(components ? { components } : {}) }, ...extra });
	const text = (value: string, name?: string) => ({ type: 'text', text: value, ...(name ? { parameter_name: name } : {}) });
	const body = (...parameters: unknown[]) => ({ type: 'body', parameters });
	const details = async (answer: Promise<{ json: Record<string, any> }>) => {
		const { json } = await answer;
		return `${json.error?.code} ${json.error?.error_data?.details}`;
	};

	describe('positional templates', () => {
		it('sends outside any window and answers message_status accepted', async () => {
			const { status, json } = await template('order_confirmation', [body(text('Pablo'), text('860198'))]);
			expect(status).toBe(200);
			expect(json).toEqual({ messaging_product: 'whatsapp', contacts: [{ input: USER, wa_id: USER }], messages: [{ id: expect.stringMatching(/^wamid\./), message_status: 'accepted' }] });
		});

		it('takes currency and date_time parameters', async () => {
			const currency = { type: 'currency', currency: { fallback_value: '$10.99', code: 'USD', amount_1000: 10990 } };
			const date = { type: 'date_time', date_time: { fallback_value: 'Monday' } };
			expect((await template('order_confirmation', [body(currency, date)])).status).toBe(200);
		});

		it.each([
			['one parameter too few', [body(text('Pablo'))], /^132000 body: number of localizable_params \(1\) does not match the expected number of params \(2\)/],
			['one too many', [body(text('a'), text('b'), text('c'))], /^132000 .*\(3\).*\(2\)/],
			['no body at all', undefined, /^132000 .*\(0\).*\(2\)/],
			['a parameter_name in a positional template', [body(text('a', 'first'), text('b'))], /^132012 /],
			['a new line in a parameter', [body(text('a\nb'), text('c'))], /^132018 .*new-line/],
			['an image in the body', [body({ type: 'image', image: { id: IMAGE_ID } }, text('b'))], /^132012 .*expected TEXT, received IMAGE/],
			['a header the template does not have', [{ type: 'header', parameters: [text('x')] }, body(text('a'), text('b'))], /^132000 header/],
		])('refuses %s', async (_title, components, expected) => {
			expect(await details(template('order_confirmation', components))).toMatch(expected);
		});

		it('answers 132001 for an unknown name, a language it lacks and a template not yet approved, 132015 for a paused one', async () => {
			expect(await details(template('nope'))).toBe('132001 template name (nope) does not exist in en_US');
			expect((await send({ to: USER, type: 'template', template: { name: 'lead_follow_up', language: { code: 'es' } } })).json.error.code).toBe(132001);
			expect((await template('new_offer')).json.error.code).toBe(132001);
			expect((await template('old_offer')).json.error.code).toBe(132015);
			expect(sandbox.state.templates.size).toBe(templates.length);
		});
	});

	describe('named templates', () => {
		const header = (name = 'first_name') => ({ type: 'header', parameters: [text('Ana', name)] });
		const namedBody = () => body(text('Ana', 'first_name'), text('Van', 'model'), text('Monday', 'date'));

		it('sends with parameter_name on every header and body parameter, in any order', async () => {
			expect((await template('lead_follow_up', [header(), body(text('Monday', 'date'), text('Ana', 'first_name'), text('Van', 'model'))])).status).toBe(200);
		});

		it.each([
			['a parameter without parameter_name', () => [header(), body(text('Ana'), text('Van', 'model'), text('Monday', 'date'))], /^132012 .*parameter_name is required/],
			['an unknown name', () => [header(), body(text('Ana', 'first_name'), text('Van', 'colour'), text('Monday', 'date'))], /^131009 body: the template has no parameter named colour/],
			['a name given twice', () => [header(), body(text('Ana', 'first_name'), text('Van', 'model'), text('Van', 'model'))], /^131008 body: parameter date is missing/],
			['no header parameter', () => [namedBody()], /^132000 header: .*\(0\).*\(1\)/],
			['a header parameter with another name', () => [header('model'), namedBody()], /^131009 header/],
		])('refuses %s', async (_title, components, expected) => {
			expect(await details(template('lead_follow_up', components()))).toMatch(expected);
		});
	});

	describe('media headers and buttons', () => {
		const image = { type: 'header', parameters: [{ type: 'image', image: { id: IMAGE_ID } }] };
		const urlButton = { type: 'button', sub_type: 'url', index: '1', parameters: [text('42')] };

		it('sends an image header by id or link with the URL suffix and a quick-reply payload', async () => {
			const quick = { type: 'button', sub_type: 'quick_reply', index: 0, parameters: [{ type: 'payload', payload: 'STOP' }] };
			expect((await template('car_offer', [image, urlButton, quick])).status).toBe(200);
			const link = { type: 'header', parameters: [{ type: 'image', image: { link: 'https://example.com/car.jpg' } }] };
			expect((await template('car_offer', [link, urlButton])).status).toBe(200);
		});

		it.each([
			['no header', () => [urlButton], /^131008 header: Format mismatch, expected IMAGE, received UNKNOWN/],
			['a video for an image header', () => [{ type: 'header', parameters: [{ type: 'video', video: { link: 'https://example.com/a.mp4' } }] }, urlButton], /^132012 header: Format mismatch, expected IMAGE, received VIDEO/],
			['no URL suffix', () => [image], /^131008 buttons: Button at index 1 of type url requires a parameter/],
			['the wrong sub_type', () => [image, { ...urlButton, sub_type: 'quick_reply' }], /^131009 .*sub_type must be url/],
			['an index the template lacks', () => [image, urlButton, { ...urlButton, index: '5' }], /^131009 buttons: the template has no button at index 5/],
			['a parameter for the phone button', () => [image, urlButton, { type: 'button', sub_type: 'phone_number', index: '2', parameters: [] }], /^131009 .*PHONE_NUMBER button at index 2 takes no parameters/],
			['a button without index', () => [image, { ...urlButton, index: undefined }], /^131008 .*index is required/],
		])('refuses %s', async (_title, components, expected) => {
			expect(await details(template('car_offer', components()))).toMatch(expected);
		});

		it('sends a Flow button with its token and action data', async () => {
			const flow = { type: 'button', sub_type: 'flow', index: '0', parameters: [{ type: 'action', action: { flow_token: 'lead-1', flow_action_data: { name: 'Ana' } } }] };
			expect((await template('book_test_drive', [flow])).status).toBe(200);
			expect(await details(template('book_test_drive', [{ ...flow, parameters: [{ type: 'payload', payload: 'x' }] }]))).toMatch(/^132012 /);
		});
	});

	describe('catalog and multi-product templates', () => {
		const action = (value: unknown, subType = 'mpm') => ({ type: 'button', sub_type: subType, index: '0', parameters: [{ type: 'action', action: value }] });
		const items = (...ids: string[]) => ids.map((id) => ({ product_retailer_id: id }));

		it('sends a catalog template with or without its thumbnail product', async () => {
			expect((await template('intro_catalog', [action({ thumbnail_product_retailer_id: 'SKU-1' }, 'catalog')])).status).toBe(200);
			expect((await template('intro_catalog')).status).toBe(200);
			expect(await details(template('intro_catalog', [action({ thumbnail_product_retailer_id: 7 }, 'catalog')]))).toMatch(/^131009 .*thumbnail_product_retailer_id' must be a string/);
		});

		it('sends a multi-product template with titled sections, or one untitled section', async () => {
			const sections = [{ title: 'Bikes', product_items: items('SKU-1', 'SKU-2') }, { title: 'Helmets', product_items: items('SKU-9') }];
			expect((await template('abandoned_cart', [action({ thumbnail_product_retailer_id: 'SKU-1', sections })])).status).toBe(200);
			expect((await template('abandoned_cart', [action({ thumbnail_product_retailer_id: 'SKU-1', sections: [{ product_items: items('SKU-1') }] })])).status).toBe(200);
		});

		it.each([
			['no products at all', undefined, /^131008 buttons: Button at index 0 of type mpm requires a parameter/],
			['no thumbnail', { sections: [{ product_items: items('a') }] }, /^131008 .*thumbnail_product_retailer_id' is required/],
			['no sections', { thumbnail_product_retailer_id: 'a' }, /^131008 .*sections' is required/],
			['eleven sections', { thumbnail_product_retailer_id: 'a', sections: Array.from({ length: 11 }, (_, i) => ({ title: `S${i}`, product_items: items('a') })) }, /^131009 .*1 to 10 entries/],
			['two sections, one untitled', { thumbnail_product_retailer_id: 'a', sections: [{ title: 'A', product_items: items('a') }, { product_items: items('b') }] }, /^131008 .*sections\[1\]\.title' is required/],
			['a title of 25 characters', { thumbnail_product_retailer_id: 'a', sections: [{ title: 'x'.repeat(25), product_items: items('a') }] }, /^131009 .*at most 24 characters/],
			['31 products', { thumbnail_product_retailer_id: 'a', sections: [{ title: 'A', product_items: items(...Array.from({ length: 16 }, (_, i) => `a${i}`)) }, { title: 'B', product_items: items(...Array.from({ length: 15 }, (_, i) => `b${i}`)) }] }, /^131009 .*at most 30 products in all, got 31/],
			['an empty section', { thumbnail_product_retailer_id: 'a', sections: [{ product_items: [] }] }, /^131009 .*product_items' must have 1 to 30 entries/],
		])('refuses %s', async (_title, value, expected) => {
			expect(await details(template('abandoned_cart', value === undefined ? undefined : [action(value)]))).toMatch(expected);
		});
	});

	describe('single-product templates and product card carousels', () => {
		const header = (product: unknown) => ({ type: 'header', parameters: [{ type: 'product', product }] });
		const product = (id: string, catalog = '194836987003835') => ({ product_retailer_id: id, catalog_id: catalog });
		const cards = (...headers: unknown[]) => ({ type: 'carousel', cards: headers.map((h, index) => ({ card_index: index, components: [h] })) });

		it('sends a product header with its catalog, one per card in a carousel', async () => {
			expect((await template('back_in_stock', [header(product('SKU-1'))])).status).toBe(200);
			expect((await template('picked_products', [cards(header(product('B-1')), header(product('B-2')))])).status).toBe(200);
		});

		it.each([
			['no header', 'back_in_stock', undefined, /^131008 header: Format mismatch, expected PRODUCT, received UNKNOWN/],
			['an image header', 'back_in_stock', [{ type: 'header', parameters: [{ type: 'image', image: { id: IMAGE_ID } }] }], /^132012 header: Format mismatch, expected PRODUCT, received IMAGE/],
			['no catalog', 'back_in_stock', [header({ product_retailer_id: 'SKU-1' })], /^131008 .*product\.catalog_id' is required/],
			['a catalog that is not an ID', 'back_in_stock', [header(product('SKU-1', 'bikes'))], /^131009 .*catalog_id must be a catalog ID/],
			['no product', 'back_in_stock', [header({ catalog_id: '194836987003835' })], /^131008 .*product_retailer_id' is required/],
			['a parameter for the View button', 'back_in_stock', [header(product('SKU-1')), { type: 'button', sub_type: 'spm', index: '0', parameters: [{ type: 'action', action: {} }] }], /^131009 buttons: the SPM button at index 0 takes no parameters/],
			['cards from two catalogs', 'picked_products', [cards(header(product('B-1')), header(product('B-2', '2000000000000002')))], /^131009 .*every card must reference the same catalog/],
		])('refuses %s', async (_title, name, components, expected) => {
			expect(await details(template(name, components))).toMatch(expected);
		});
	});

	describe('carousel, limited-time offer and authentication templates', () => {
		const card = (index: number, parameters: unknown[] = [text(`Van ${index}`)]) => ({
			card_index: index,
			components: [{ type: 'header', parameters: [{ type: 'image', image: { id: IMAGE_ID } }] }, { type: 'body', parameters }, { type: 'button', sub_type: 'quick_reply', index: '0', parameters: [{ type: 'payload', payload: `book-${index}` }] }],
		});
		const carousel = (cards: unknown[]) => ({ type: 'carousel', cards });

		it('sends a carousel with every card, and refuses a missing card, a card without header or body parameter', async () => {
			expect((await template('spring_carousel', [carousel([card(0), card(1)])])).status).toBe(200);
			expect(await details(template('spring_carousel', [carousel([card(0)])]))).toMatch(/^132000 carousel: number of cards \(1\) does not match the expected number of cards \(2\)/);
			const headless = { ...card(1), components: card(1).components.slice(1) };
			expect(await details(template('spring_carousel', [carousel([card(0), headless])]))).toMatch(/^131008 header/);
			expect(await details(template('spring_carousel', [carousel([card(0), card(1, [])])]))).toMatch(/^132000 body/);
			expect(await details(template('spring_carousel', []))).toMatch(/^131008 carousel/);
			expect(await details(template('spring_carousel', [carousel([card(0), card(0)])]))).toMatch(/^131009 .*card_index/);
		});

		const offer = (expiration: number) => ({ type: 'limited_time_offer', parameters: [{ type: 'limited_time_offer', limited_time_offer: { expiration_time_ms: expiration } }] });
		const coupon = (code: string) => ({ type: 'button', sub_type: 'copy_code', index: 0, parameters: [{ type: 'coupon_code', coupon_code: code }] });
		const bookButton = { type: 'button', sub_type: 'url', index: 1, parameters: [text('lead-1')] };

		it('sends a limited-time offer with a future expiry and the coupon, and refuses a past one, none, or a long coupon', async () => {
			const future = Date.now() + 86_400_000;
			expect((await template('weekend_offer', [offer(future), body(text('Ana')), coupon('SPRING10'), bookButton])).status).toBe(200);
			expect(await details(template('weekend_offer', [offer(Date.now() - 1000), body(text('Ana')), coupon('SPRING10'), bookButton]))).toMatch(/^131009 .*in the past/);
			expect(await details(template('weekend_offer', [body(text('Ana')), coupon('SPRING10'), bookButton]))).toMatch(/^131008 limited_time_offer/);
			expect(await details(template('weekend_offer', [offer(future), body(text('Ana')), coupon('X'.repeat(16)), bookButton]))).toMatch(/^131009 .*at most 15/);
			expect(await details(template('weekend_offer', [offer(future), body(text('Ana')), bookButton]))).toMatch(/^131008 .*index 0 of type copy_code/);
		});

		it('sends an OTP with the code in the body and the copy-code button, to phone numbers only (131062)', async () => {
			const otp = [body(text('123456')), { type: 'button', sub_type: 'url', index: '0', parameters: [text('123456')] }];
			expect((await template('login_code', otp)).status).toBe(200);
			expect(await details(template('login_code', [body(text('123456'))]))).toMatch(/^131008 .*index 0 of type url/);
			const toUserId = await send({ recipient: USER_ID, type: 'template', template: { name: 'login_code', language: { code: 'en_US' }, components: otp } });
			expect(toUserId.json).toEqual(graphError(131062));
		});
	});

	describe('the Marketing Messages API', () => {
		const marketing = (name: string, components: unknown[] = [], extra: Record<string, unknown> = {}) =>
			post(`${PHONE_ID}/marketing_messages`, { messaging_product: 'whatsapp', to: USER, type: 'template', template: { name, language: { code: 'en_US' }, components }, ...extra });

		it('sends marketing templates and answers like /messages with message_status', async () => {
			const { status, json } = await marketing('car_offer', [{ type: 'header', parameters: [{ type: 'image', image: { id: IMAGE_ID } }] }, { type: 'button', sub_type: 'url', index: '1', parameters: [text('1')] }]);
			expect(status).toBe(200);
			expect(json.messages).toEqual([{ id: expect.stringMatching(/^wamid\./), message_status: 'accepted' }]);
		});

		it('refuses a utility template and a free-form message', async () => {
			expect(await details(marketing('order_confirmation', [body(text('a'), text('b'))]))).toMatch(/^100 .*not a MARKETING template/);
			const free = await post(`${PHONE_ID}/marketing_messages`, { messaging_product: 'whatsapp', to: USER, type: 'text', text: { body: 'x' } });
			expect(free.json.error.error_data.details).toMatch(/only sends template messages/);
		});
	});

	describe('marketing refusals per recipient', () => {
		it.each([
			['stoppedMarketing', 131050],
			['inExperiment', 130472],
			['ecosystemLimited', 131049],
		])('a contact with %s gets %s for marketing templates but still gets utility ones', async (flag, code) => {
			sandbox.seed({ contacts: [{ wa_id: USER, [flag]: true }] });
			expect((await template('simple_promo')).json.error.code).toBe(code);
			expect((await template('order_confirmation', [body(text('a'), text('b'))])).status).toBe(200);
		});
	});
});

/** The demo seed (npm run dev, e2e) holds one template of each kind; each must be sendable as Meta documents. */
describe('sandbox: the demo seed\'s templates', () => {
	const seed = JSON.parse(readFileSync(join(__dirname, '..', 'e2e', 'seed.json'), 'utf8')) as Record<string, unknown>;
	const sandbox = useSandbox({ seed: Object.fromEntries(Object.entries(seed).filter(([key]) => !key.startsWith('//'))) });
	const { send, post } = messagingCalls(sandbox);
	const text = (value: string, name?: string) => ({ type: 'text', text: value, ...(name ? { parameter_name: name } : {}) });
	const image = { type: 'header', parameters: [{ type: 'image', image: { id: '4490709327384034' } }] };
	const card = (index: number) => ({
		card_index: index,
		components: [image, { type: 'body', parameters: [text('Electric Van'), text('$299')] }, { type: 'button', sub_type: 'quick_reply', index: '0', parameters: [{ type: 'payload', payload: `book-${index}` }] }, { type: 'button', sub_type: 'url', index: '1', parameters: [text('van')] }],
	});
	const sends: Array<[string, unknown[]]> = [
		['order_confirmation', [{ type: 'body', parameters: [text('Ana'), text('860198')] }]],
		['lead_follow_up', [{ type: 'header', parameters: [text('Ana', 'first_name')] }, { type: 'body', parameters: [text('Electric Van', 'model'), text('Ana', 'first_name')] }]],
		['lead_thanks', [{ type: 'body', parameters: [text('Sam')] }]],
		['accessories_cart', [{ type: 'header', parameters: [text('Ana')] }, { type: 'button', sub_type: 'mpm', index: '0', parameters: [{ type: 'action', action: { thumbnail_product_retailer_id: 'helmet-01', sections: [{ title: 'Helmets', product_items: [{ product_retailer_id: 'helmet-01' }] }] } }] }]],
		['helmet_spotlight', [{ type: 'header', parameters: [{ type: 'product', product: { product_retailer_id: 'helmet-01', catalog_id: '1928374650192837' } }] }, { type: 'body', parameters: [text('Ana')] }]],
		['test_drive_offer', [image, { type: 'body', parameters: [text('Ana'), text('Electric Van')] }, { type: 'button', sub_type: 'url', index: '0', parameters: [text('lead-123')] }]],
		['test_drive_video', [{ type: 'header', parameters: [{ type: 'video', video: { link: 'https://sandbox-motors.example/tour.mp4' } }] }]],
		['brochure_document', [{ type: 'header', parameters: [{ type: 'document', document: { id: '4490709327384033', filename: 'brochure.txt' } }] }, { type: 'body', parameters: [text('Ana')] }]],
		['showroom_location', [{ type: 'header', parameters: [{ type: 'location', location: { latitude: 37.48, longitude: -122.15, name: 'Showroom', address: '1 Sandbox Way' } }] }, { type: 'body', parameters: [text('Monday')] }]],
		['spring_models_carousel', [{ type: 'body', parameters: [text('Ana')] }, { type: 'carousel', cards: [card(0), card(1)] }]],
		['weekend_offer', [image, { type: 'limited_time_offer', parameters: [{ type: 'limited_time_offer', limited_time_offer: { expiration_time_ms: Date.now() + 86_400_000 } }] }, { type: 'body', parameters: [text('Ana')] }, { type: 'button', sub_type: 'copy_code', index: '0', parameters: [{ type: 'coupon_code', coupon_code: 'DRIVE10' }] }, { type: 'button', sub_type: 'url', index: '1', parameters: [text('lead-123')] }]],
		['login_code', [{ type: 'body', parameters: [text('482913')] }, { type: 'button', sub_type: 'url', index: '0', parameters: [text('482913')] }]],
		['book_test_drive_flow', [{ type: 'button', sub_type: 'flow', index: '0', parameters: [{ type: 'action', action: { flow_token: 'lead-123' } }] }]],
	];

	it.each(sends)('%s', async (name, components) => {
		const { status, json } = await send({ to: '16505550100', type: 'template', template: { name, language: { code: 'en_US' }, components } });
		expect(json.error).toBeUndefined();
		expect(status).toBe(200);
	});

	it('covers every APPROVED seed template', () => {
		const approved = (seed.templates as Array<{ name: string; status: string }>).filter((t) => t.status === 'APPROVED').map((t) => t.name);
		expect(sends.map(([name]) => name).sort()).toEqual(approved.sort());
	});

	it('seeds contacts: Ana\'s window is open, the lead who never wrote gets 131047, the opted-out one 131050 for marketing', async () => {
		expect((await send({ to: '16505551234', text: { body: 'Hi Ana' } })).status).toBe(200);
		expect((await send({ recipient: 'US.13491208655302741918', text: { body: 'Hi Ana' } })).status).toBe(200);
		expect((await send({ to: '16505550100', text: { body: 'Hi' } })).json.error.code).toBe(131047);
		const promo = await post('106540352242922/marketing_messages', { messaging_product: 'whatsapp', to: '16505550111', type: 'template', template: { name: 'test_drive_video', language: { code: 'en_US' }, components: sends.find(([name]) => name === 'test_drive_video')![1] } });
		expect(promo.json.error.code).toBe(131050);
		const [inbound] = seed.inboundMessages as Array<{ id: string }>;
		expect((await send({ status: 'read', message_id: inbound.id })).json).toEqual({ success: true });
	});
});
