import { buildSendComponents, epochMs } from '../../nodes/WhatsAppBusinessManagement/actions/message/template/components';
import { planTemplate, slotsOf } from '../../nodes/WhatsAppBusinessManagement/actions/message/template/plan';
import { localizedParameterOf, localizedValueRule } from '../../nodes/WhatsAppBusinessManagement/actions/message/template/localized';
import { parseProductSections, productSectionsRule } from '../../nodes/WhatsAppBusinessManagement/actions/message/products';
import { labelOfField, mediaSourceOf, schemaProblems, templateValueProblems } from '../../nodes/WhatsAppBusinessManagement/actions/message/template/rules';
import { templateSearchFilters } from '../../nodes/WhatsAppBusinessManagement/methods/templates';

const approved = { id: '1', language: 'en_US', status: 'APPROVED' };

/** A marketing template with the components one test needs. */
const deal = (components: unknown[]) => planTemplate({ ...approved, name: 'deal', category: 'MARKETING', components });

const namedOrder = planTemplate({
	...approved,
	name: 'order_update',
	category: 'UTILITY',
	parameter_format: 'NAMED',
	components: [
		{ type: 'HEADER', format: 'TEXT', text: 'Order {{order_id}}', example: { header_text_named_params: [{ param_name: 'order_id', example: 'A-17' }] } },
		{
			type: 'BODY',
			text: 'Hi {{first_name}}, your {{item}} ships {{date}}. Thanks {{first_name}}!',
			example: { body_text_named_params: [{ param_name: 'first_name', example: 'Maria' }, { param_name: 'item', example: 'bike' }, { param_name: 'date', example: 'today' }] },
		},
		{ type: 'FOOTER', text: 'Sandbox Motors' },
		{
			type: 'BUTTONS',
			buttons: [
				{ type: 'URL', text: 'Track', url: 'https://shop.example/track/{{1}}', example: ['https://shop.example/track/A-17'] },
				{ type: 'PHONE_NUMBER', text: 'Call', phone_number: '+15550100' },
				{ type: 'QUICK_REPLY', text: 'Stop' },
			],
		},
	],
});

const positionalMedia = (format: string) =>
	planTemplate({
		...approved,
		name: 'spring_sale',
		category: 'MARKETING',
		components: [
			{ type: 'HEADER', format, example: { header_handle: ['4::aW'] } },
			{ type: 'BODY', text: '{{2}} off for {{1}}!', example: { body_text: [['Ana', '20%']] } },
			{ type: 'BUTTONS', buttons: [{ type: 'COPY_CODE', example: 'SPRING20' }, { type: 'FLOW', text: 'Book', flow_id: '77' }] },
		],
	});

describe('planTemplate: one slot per value the template takes', () => {
	it('names text variables as in the template, once each, with the template\'s examples', () => {
		expect(slotsOf(namedOrder).map((slot) => [slot.id, slot.label, slot.required, slot.example])).toEqual([
			['header.order_id', 'Header {{order_id}}', true, 'A-17'],
			['body.first_name', 'Body {{first_name}}', true, 'Maria'],
			['body.item', 'Body {{item}}', true, 'bike'],
			['body.date', 'Body {{date}}', true, 'today'],
			['button.0.url', 'Button 1 "Track" URL Suffix', true, 'A-17'],
			['button.2.payload', 'Button 3 "Stop" Payload', false, undefined],
		]);
	});

	it('orders positional variables by number and offers media, copy code and Flow slots', () => {
		const plan = positionalMedia('IMAGE');
		expect(slotsOf(plan).map((slot) => [slot.id, slot.example])).toEqual([
			['header.image', undefined],
			['body.1', 'Ana'],
			['body.2', '20%'],
			['button.0.coupon_code', 'SPRING20'],
			['button.1.flow_token', undefined],
			['button.1.flow_action_data', undefined],
		]);
	});

	it('reads a location header, a limited-time offer and carousel cards', () => {
		const plan = deal([
			{ type: 'HEADER', format: 'LOCATION' },
			{ type: 'LIMITED_TIME_OFFER', limited_time_offer: { text: 'Ends soon', has_expiration: true } },
			{ type: 'BODY', text: 'Deal for {{1}}', example: { body_text: [['Ana']] } },
			{
				type: 'CAROUSEL',
				cards: [
					{
						components: [
							{ type: 'HEADER', format: 'VIDEO' },
							{ type: 'BODY', text: 'Card {{1}}' },
							{ type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'More' }, { type: 'URL', text: 'Buy', url: 'https://x.example/{{1}}' }] },
						],
					},
				],
			},
		]);
		expect(slotsOf(plan).map((slot) => `${slot.id}${slot.required ? '' : '?'}`)).toEqual([
			'header.latitude',
			'header.longitude',
			'header.name?',
			'header.address?',
			'offer.expiration',
			'body.1',
			'card.0.header.video',
			'card.0.body.1',
			'card.0.button.0.payload?',
			'card.0.button.1.url',
		]);
		expect(slotsOf(plan).find((slot) => slot.id === 'card.0.button.1.url')?.label).toBe('Card 1 Button 2 "Buy" URL Suffix');
	});

	it('asks an authentication template for the one-time password only', () => {
		const plan = planTemplate({
			...approved,
			name: 'login_code',
			category: 'AUTHENTICATION',
			components: [
				{ type: 'BODY', text: '*{{1}}* is your verification code.', add_security_recommendation: true },
				{ type: 'FOOTER', text: 'This code expires in 10 minutes.' },
				{ type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Copy code', url: 'https://www.whatsapp.com/otp/code/?otp_type=COPY_CODE&code=otp{{1}}' }] },
			],
		});
		expect(slotsOf(plan).map((slot) => slot.id)).toEqual(['otp.code']);
		expect(buildSendComponents(plan, { 'otp.code': '482913' })).toEqual([
			{ type: 'body', parameters: [{ type: 'text', text: '482913' }] },
			{ type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: '482913' }] },
		]);
	});
});

describe('buildSendComponents: Meta\'s send components', () => {
	it('sends named parameters with parameter_name, a repeated variable once, and leaves out empty optional buttons', () => {
		const components = buildSendComponents(namedOrder, {
			'header.order_id': 'B-2',
			'body.first_name': 'Jo',
			'body.item': 'helmet',
			'body.date': 'Friday',
			'button.0.url': 'B-2',
		});
		expect(components).toEqual([
			{ type: 'header', parameters: [{ type: 'text', text: 'B-2', parameter_name: 'order_id' }] },
			{
				type: 'body',
				parameters: [
					{ type: 'text', text: 'Jo', parameter_name: 'first_name' },
					{ type: 'text', text: 'helmet', parameter_name: 'item' },
					{ type: 'text', text: 'Friday', parameter_name: 'date' },
				],
			},
			{ type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: 'B-2' }] },
		]);
	});

	it('sends positional parameters in number order, the media reference, coupon code and Flow action', () => {
		const components = buildSendComponents(positionalMedia('DOCUMENT'), {
			'header.document': { id: '555', filename: 'offer.pdf' },
			'body.2': '30%',
			'body.1': 'Ana',
			'button.0.coupon_code': 'SPRING30',
			'button.1.flow_token': 'lead-7',
			'button.1.flow_action_data': '{"step":"one"}',
		});
		expect(components).toEqual([
			{ type: 'header', parameters: [{ type: 'document', document: { id: '555', filename: 'offer.pdf' } }] },
			{ type: 'body', parameters: [{ type: 'text', text: 'Ana' }, { type: 'text', text: '30%' }] },
			{ type: 'button', sub_type: 'copy_code', index: '0', parameters: [{ type: 'coupon_code', coupon_code: 'SPRING30' }] },
			{ type: 'button', sub_type: 'flow', index: '1', parameters: [{ type: 'action', action: { flow_token: 'lead-7', flow_action_data: { step: 'one' } } }] },
		]);
	});

	it('puts the offer expiry after the header and the cards last, each with its index', () => {
		const plan = deal([
			{ type: 'HEADER', format: 'IMAGE' },
			{ type: 'LIMITED_TIME_OFFER', limited_time_offer: { text: 'Ends soon', has_expiration: true } },
			{ type: 'BODY', text: 'Hi' },
			{ type: 'CAROUSEL', cards: [0, 1].map(() => ({ components: [{ type: 'HEADER', format: 'IMAGE' }, { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Go' }] }] })) },
		]);
		const components = buildSendComponents(plan, {
			'header.image': { link: 'https://cdn.example/a.png' },
			'offer.expiration': '2030-01-01T00:00:00Z',
			'card.0.header.image': { id: '1' },
			'card.0.button.0.payload': 'card-0',
			'card.1.header.image': { id: '2' },
		});
		expect(components).toEqual([
			{ type: 'header', parameters: [{ type: 'image', image: { link: 'https://cdn.example/a.png' } }] },
			{ type: 'limited_time_offer', parameters: [{ type: 'limited_time_offer', limited_time_offer: { expiration_time_ms: Date.UTC(2030, 0, 1) } }] },
			{
				type: 'carousel',
				cards: [
					{
						card_index: 0,
						components: [
							{ type: 'header', parameters: [{ type: 'image', image: { id: '1' } }] },
							{ type: 'button', sub_type: 'quick_reply', index: '0', parameters: [{ type: 'payload', payload: 'card-0' }] },
						],
					},
					{ card_index: 1, components: [{ type: 'header', parameters: [{ type: 'image', image: { id: '2' } }] }] },
				],
			},
		]);
	});

	it('sends a location header with numbers, leaving out the optional parts not given', () => {
		const plan = planTemplate({ ...approved, name: 'visit', category: 'UTILITY', components: [{ type: 'HEADER', format: 'LOCATION' }, { type: 'BODY', text: 'See you' }] });
		expect(buildSendComponents(plan, { 'header.latitude': '37.48', 'header.longitude': -122.14, 'header.name': 'Showroom' })).toEqual([
			{ type: 'header', parameters: [{ type: 'location', location: { latitude: 37.48, longitude: -122.14, name: 'Showroom' } }] },
		]);
	});

	it('reads an expiry as ISO text, epoch milliseconds or a date object', () => {
		expect(epochMs('2030-01-01T00:00:00Z')).toBe(Date.UTC(2030, 0, 1));
		expect(epochMs('1893456000000')).toBe(1893456000000);
		expect(epochMs({ toMillis: () => 42 })).toBe(42);
		expect(epochMs(new Date(7))).toBe(7);
	});
});

describe('templateValueProblems: refused before sending, naming the variable', () => {
	const none = { marketingMessages: false, hasBinary: () => false, now: Date.UTC(2026, 11, 2) };

	it('names each missing variable with its component, and each value the template does not have', () => {
		const problems = templateValueProblems(namedOrder, { 'body.first_name': 'Jo', 'body.item': '  ', 'body.nickname': 'JJ' }, none);
		expect(problems.map((p) => [p.component, p.field, p.rule])).toEqual([
			['HEADER component', 'Template Variables > Header {{order_id}}', 'is required by the template and has no value'],
			['BODY component', 'Template Variables > Body {{item}}', 'is required by the template and has no value'],
			['BODY component', 'Template Variables > Body {{date}}', 'is required by the template and has no value'],
			['BUTTONS component', 'Template Variables > Button 1 "Track" URL Suffix', 'is required by the template and has no value'],
			[undefined, 'Template Variables > body.nickname', 'is not a variable of the template'],
		]);
		expect(problems[4].hint).toMatch(/Refresh Variable List/);
	});

	it('refuses a template that is not approved, and the Marketing Messages API for a utility template', () => {
		const paused = planTemplate({ ...approved, status: 'PAUSED', name: 'x', category: 'UTILITY', components: [] });
		expect(templateValueProblems(paused, {}, { ...none, marketingMessages: true }).map((p) => [p.field, p.rule])).toEqual([
			['Template', 'template "x" (en_US) is PAUSED; Meta sends only APPROVED templates'],
			[
				'Options > Send Through Marketing Messages API',
				'is on, but template "x" (en_US) is in category UTILITY; the Marketing Messages API sends MARKETING templates only',
			],
		]);
		expect(templateValueProblems(positionalMedia('IMAGE'), fullSpring(), { ...none, marketingMessages: true })).toEqual([]);
	});

	it('checks values by kind: media source, coordinates, Flow data, offer expiry, code length', () => {
		const plan = deal([
			{ type: 'HEADER', format: 'LOCATION' },
			{ type: 'LIMITED_TIME_OFFER', limited_time_offer: { has_expiration: true } },
			{ type: 'BUTTONS', buttons: [{ type: 'COPY_CODE' }, { type: 'FLOW' }] },
			{ type: 'CAROUSEL', cards: [{ components: [{ type: 'HEADER', format: 'IMAGE' }] }] },
		]);
		const problems = templateValueProblems(
			plan,
			{
				'header.latitude': '91',
				'header.longitude': 'east',
				'offer.expiration': '2020-01-01T00:00:00Z',
				'button.0.coupon_code': 'A-VERY-LONG-COUPON',
				'button.1.flow_action_data': '[1]',
				'card.0.header.image': 'photo',
			},
			none,
		);
		expect(problems.map((p) => `${p.field}: ${p.rule}`)).toEqual([
			'Template Variables > Header Location Latitude: must be between -90 and 90, not 91',
			'Template Variables > Header Location Longitude: must be a number, not "east"',
			'Template Variables > Offer Expiration (Date and Time): must be in the future, not 2020-01-01T00:00:00.000Z',
			'Template Variables > Button 1 Coupon Code: has 18 characters; Meta allows at most 15',
			'Template Variables > Button 2 Flow Action Data (JSON): must be a JSON object, such as {"product_id": "42"}',
			'Template Variables > Card 1 Header Image (Media ID, URL or Binary Field Name): must be a media ID, an http(s) link or the name of an input binary field; the input item has no binary field "photo"',
		]);
	});

	it('refuses line breaks, tabs and runs of spaces in text variables (Meta\'s 132018), and an OTP to a user ID', () => {
		const plan = positionalMedia('IMAGE');
		const problems = templateValueProblems(plan, { ...fullSpring(), 'body.1': 'Ana\nMaria', 'body.2': '20%     off' }, none);
		expect(problems.map((p) => `${p.field}: ${p.rule}`)).toEqual([
			'Template Variables > Body {{1}}: contains a line break or tab; Meta refuses them in template variables (use a space instead)',
			'Template Variables > Body {{2}}: contains more than 4 spaces in a row; Meta refuses that in template variables',
		]);
		const otp = planTemplate({ ...approved, name: 'login_code', category: 'AUTHENTICATION', components: [{ type: 'BODY', text: '{{1}}' }] });
		expect(templateValueProblems(otp, { 'otp.code': '123456' }, { ...none, toUserId: true }).map((p) => p.field)).toEqual(['Recipient Type']);
	});

	it('reads a media value as an ID, a link or a binary field name', () => {
		expect(mediaSourceOf(' 1234 ')).toEqual({ kind: 'id', id: '1234' });
		expect(mediaSourceOf('https://cdn.example/a.png')).toEqual({ kind: 'link', link: 'https://cdn.example/a.png' });
		expect(mediaSourceOf('data')).toEqual({ kind: 'binary', property: 'data' });
	});
});

describe('currency and date-time variables', () => {
	const price = { currency: { fallback_value: '$10.99', code: 'usd', amount_1000: 10990 } };

	it('reads Meta\'s currency and date_time objects, given as objects or as the JSON text n8n makes of them', () => {
		expect(localizedParameterOf(price)).toEqual({ type: 'currency', currency: { fallback_value: '$10.99', code: 'USD', amount_1000: 10990 } });
		expect(localizedParameterOf(JSON.stringify({ type: 'date_time', date_time: { fallback_value: 'May 5, 2027' } }))).toEqual({ type: 'date_time', date_time: { fallback_value: 'May 5, 2027' } });
		expect(localizedParameterOf('{"name": "not a currency"}')).toBeUndefined();
		expect(localizedParameterOf('{not json')).toBeUndefined();
		expect(localizedParameterOf('Ana')).toBeUndefined();
	});

	it('sends them as Meta\'s parameters, with parameter_name in named templates', () => {
		const components = buildSendComponents(namedOrder, {
			'header.order_id': 'A-1',
			'body.first_name': 'Jo',
			'body.item': price,
			'body.date': { date_time: { fallback_value: 'Monday' } },
			'button.0.url': 'A-1',
		});
		expect(components[1]).toEqual({
			type: 'body',
			parameters: [
				{ type: 'text', text: 'Jo', parameter_name: 'first_name' },
				{ type: 'currency', currency: { fallback_value: '$10.99', code: 'USD', amount_1000: 10990 }, parameter_name: 'item' },
				{ type: 'date_time', date_time: { fallback_value: 'Monday' }, parameter_name: 'date' },
			],
		});
	});

	it('names what is wrong with one: no fallback, a code that is not ISO 4217, an amount that is not whole, another object', () => {
		expect(localizedValueRule(price)).toBeUndefined();
		expect(localizedValueRule({ currency: { fallback_value: ' ', code: 'USD', amount_1000: 1 } })).toMatch(/^is a currency without fallback_value/);
		expect(localizedValueRule({ currency: { fallback_value: '1', code: 'XAU', amount_1000: 1 } })).toBe('is a currency whose code "XAU" is not an ISO 4217 code (USD, EUR, BRL...)');
		expect(localizedValueRule({ currency: { fallback_value: '1', code: 'USD', amount_1000: 10.5 } })).toMatch(/amount_1000 .* is not a whole number: 10.5$/);
		expect(localizedValueRule({ currency: { fallback_value: '1', code: 'USD', amount_1000: '10990' } })).toBeUndefined();
		expect(localizedValueRule({ date_time: {} })).toMatch(/^is a date without fallback_value/);
		expect(localizedValueRule({ name: 'x' })).toMatch(/^must be text, or a currency or date as Meta's object .*, not \{"name":"x"\}$/);
		expect(localizedValueRule(['x'])).toMatch(/, not \["x"\]$/);
		const problems = templateValueProblems(namedOrder, { 'header.order_id': 'A', 'body.first_name': 'Jo', 'body.item': '{"currency": {"fallback_value": "$1", "code": "US", "amount_1000": 1000}}', 'body.date': 'today', 'button.0.url': 'A' }, {
			marketingMessages: false,
			hasBinary: () => false,
		});
		expect(problems.map((p) => `${p.field}: ${p.rule}`)).toEqual(['Template Variables > Body {{item}}: is a currency whose code "US" is not an ISO 4217 code (USD, EUR, BRL...)']);
	});
});

describe('product headers: single-product templates and product card carousels', () => {
	const spm = deal([{ type: 'HEADER', format: 'PRODUCT' }, { type: 'BODY', text: 'Back, {{1}}.', example: { body_text: [['Ana']] } }, { type: 'BUTTONS', buttons: [{ type: 'SPM', text: 'View' }] }]);
	const productCard = { components: [{ type: 'HEADER', format: 'PRODUCT' }, { type: 'BUTTONS', buttons: [{ type: 'SPM', text: 'View' }] }] };
	const carousel = deal([{ type: 'BODY', text: 'Picks.' }, { type: 'CAROUSEL', cards: [productCard, productCard] }]);

	it('asks for the product of each header and for the catalog once, after the message\'s own header', () => {
		expect(slotsOf(spm).map((slot) => [slot.id, slot.label, slot.kind, slot.required])).toEqual([
			['header.product', 'Header Product (Product Retailer ID)', 'productRetailerId', true],
			['catalog.id', 'Catalog ID', 'catalogId', true],
			['body.1', 'Body {{1}}', 'text', true],
		]);
		expect(slotsOf(carousel).map((slot) => slot.id)).toEqual(['catalog.id', 'card.0.header.product', 'card.1.header.product']);
		expect(slotsOf(deal([{ type: 'BODY', text: 'Shop.' }])).map((slot) => slot.id)).toEqual([]);
	});

	it('sends each product with the catalog; the View button has no parameter to send', () => {
		const product = (id: string) => ({ type: 'header', parameters: [{ type: 'product', product: { product_retailer_id: id, catalog_id: '77' } }] });
		expect(buildSendComponents(spm, { 'header.product': ' SKU-1 ', 'catalog.id': ' 77 ', 'body.1': 'Ana' })).toEqual([product('SKU-1'), { type: 'body', parameters: [{ type: 'text', text: 'Ana' }] }]);
		expect(buildSendComponents(carousel, { 'catalog.id': 77, 'card.0.header.product': 'A', 'card.1.header.product': 'B' })).toEqual([
			{ type: 'carousel', cards: [{ card_index: 0, components: [product('A')] }, { card_index: 1, components: [product('B')] }] },
		]);
	});

	it('takes a catalog ID of digits only', () => {
		const problems = (catalog: unknown) => templateValueProblems(spm, { 'header.product': 'SKU-1', 'catalog.id': catalog, 'body.1': 'Ana' }, { marketingMessages: false, hasBinary: () => false });
		expect(problems('194836987003835')).toEqual([]);
		expect(problems(194836987003835)).toEqual([]);
		expect(problems('shop')).toEqual([
			{ field: 'Template Variables > Catalog ID', component: 'HEADER component', rule: 'must be the catalog\'s numeric ID (Commerce Manager > Catalog > Settings), not "shop"' },
		]);
		expect(schemaProblems([{ id: 'catalog.id', displayName: 'Catalog ID', required: true, defaultMatch: false, display: true }], {})[0].component).toBe('HEADER component');
	});
});

describe('catalog and multi-product buttons', () => {
	const shop = deal([{ type: 'BODY', text: 'Shop.' }, { type: 'BUTTONS', buttons: [{ type: 'CATALOG', text: 'View catalog' }, { type: 'MPM', text: 'View items' }] }]);

	it('offers an optional catalog thumbnail, and a required thumbnail and products for a multi-product button', () => {
		expect(slotsOf(shop).map((slot) => [slot.id, slot.label, slot.kind, slot.required])).toEqual([
			['button.0.thumbnail', 'Catalog Thumbnail (Product Retailer ID)', 'productRetailerId', false],
			['button.1.thumbnail', 'Products Thumbnail (Product Retailer ID)', 'productRetailerId', true],
			['button.1.sections', 'Products', 'productSections', true],
		]);
	});

	it('sends the catalog thumbnail only when given, and the products as Meta\'s sections', () => {
		const components = buildSendComponents(shop, { 'button.1.thumbnail': 'SKU-1', 'button.1.sections': 'SKU-1, SKU-2' });
		expect(components).toEqual([
			{
				type: 'button',
				sub_type: 'mpm',
				index: '1',
				parameters: [{ type: 'action', action: { thumbnail_product_retailer_id: 'SKU-1', sections: [{ product_items: [{ product_retailer_id: 'SKU-1' }, { product_retailer_id: 'SKU-2' }] }] } }],
			},
		]);
		expect(buildSendComponents(shop, { 'button.0.thumbnail': 'SKU-5', 'button.1.thumbnail': 'a', 'button.1.sections': 'a' })[0]).toEqual({
			type: 'button',
			sub_type: 'catalog',
			index: '0',
			parameters: [{ type: 'action', action: { thumbnail_product_retailer_id: 'SKU-5' } }],
		});
	});

	it('reads products as "Title: IDs" sections apart by | or line breaks, or as Meta\'s array in JSON or from an expression', () => {
		const bikes = { title: 'Bikes', product_items: [{ product_retailer_id: 'a' }, { product_retailer_id: 'b' }] };
		const helmets = { title: 'Helmets', product_items: [{ product_retailer_id: 'c' }] };
		expect(parseProductSections('Bikes: a, b | Helmets: c')).toEqual([bikes, helmets]);
		expect(parseProductSections('Bikes: a,b\nHelmets:c\n')).toEqual([bikes, helmets]);
		expect(parseProductSections(JSON.stringify([bikes, { title: 'Helmets', product_items: ['c'] }]))).toEqual([bikes, helmets]);
		expect(parseProductSections([bikes])).toEqual([bikes]);
		expect(parseProductSections('[{"title": "x"')).toMatch(/^is not valid JSON/);
		expect(parseProductSections([{ title: 'x' }])).toMatch(/^section 1 must be an object with product_items/);
		expect(parseProductSections([{ product_items: [{}] }])).toBe('section 1 has a product without a product_retailer_id');
		expect(parseProductSections(42)).toMatch(/^must be product retailer IDs/);
	});

	it('holds the products to Meta\'s limits: 10 sections, 30 products, titles of 24 characters when there are several', () => {
		expect(productSectionsRule('a, b, c')).toBeUndefined();
		expect(productSectionsRule(' , ')).toBe('names no product');
		expect(productSectionsRule('A: a | B:')).toBe('section 2 names no product');
		expect(productSectionsRule('a | b')).toMatch(/^section 1 has no title; Meta requires one per section when there are several/);
		expect(productSectionsRule(Array.from({ length: 11 }, (_, i) => `S${i}: a${i}`).join(' | '))).toBe('has 11 sections; Meta allows at most 10');
		expect(productSectionsRule(Array.from({ length: 31 }, (_, i) => `p${i}`).join(','))).toBe('names 31 products; Meta allows at most 30 in one message');
		expect(productSectionsRule(`${'x'.repeat(25)}: a`)).toBe("section 1's title has 25 characters; Meta allows at most 24");
		const problems = templateValueProblems(shop, { 'button.1.thumbnail': 'a', 'button.1.sections': 'a | b' }, { marketingMessages: false, hasBinary: () => false });
		expect(problems.map((p) => [p.component, p.field])).toEqual([['BUTTONS component', 'Template Variables > Products']]);
	});
});

describe('schemaProblems: against the field list the editor stored, with no request', () => {
	const field = (id: string, displayName: string, required = true) => ({ id, displayName, required, defaultMatch: false, display: true });

	it('names missing required fields by their label without the notes, and values the list does not have', () => {
		const schema = [field('body.1', 'Body {{1}} (e.g. Ana (the lead))'), field('card.1.button.0.payload', 'Card 2 Button 1 "Buy" Payload (optional)', false), field('card.0.header.image', 'Card 1 Header Image (Media ID, URL or Binary Field Name)')];
		expect(schemaProblems(schema, { 'body.2': 'x' }).map((p) => [p.component, p.field, p.rule])).toEqual([
			['BODY component', 'Template Variables > Body {{1}}', 'is required by the template and has no value'],
			['Card 1 HEADER component', 'Template Variables > Card 1 Header Image (Media ID, URL or Binary Field Name)', 'is required by the template and has no value'],
			[undefined, 'Template Variables > body.2', 'is not a variable of the template'],
		]);
		expect(schemaProblems(schema, { 'body.1': 'Ana', 'card.0.header.image': '1' })).toEqual([]);
	});

	it('strips only the notes the field list adds', () => {
		expect(labelOfField('Body {{1}} (e.g. Ana, optional)')).toBe('Body {{1}}');
		expect(labelOfField('Button 1 Payload (optional)')).toBe('Button 1 Payload');
		expect(labelOfField('Header Image (Media ID, URL or Binary Field Name)')).toBe('Header Image (Media ID, URL or Binary Field Name)');
	});
});

function fullSpring() {
	return { 'header.image': '99', 'body.1': 'Ana', 'body.2': '20%', 'button.0.coupon_code': 'SPRING20' };
}

describe('templateSearchFilters: the list search as Meta\'s filters', () => {
	it.each([
		['order', { name: 'order' }],
		['new', { name: 'new' }],
		['order en_US', { name: 'order', language: '["en_US"]' }],
		['welcome offer pt_BR', { name: 'welcome offer', language: '["pt_BR"]' }],
		['order de', { name: 'order', language: '["de"]' }],
		['en_US', { language: '["en_US"]' }],
		['', {}],
	])('%j', (filter, expected) => {
		expect(templateSearchFilters(filter)).toEqual(expected);
	});
});
