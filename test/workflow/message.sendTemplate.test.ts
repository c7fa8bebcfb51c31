import type { IBinaryData, IDataObject, INodeExecutionData } from 'n8n-workflow';

import { getTemplateVariables } from '../../nodes/WhatsAppBusinessManagement/methods/templateVariables';
import { loadOptionsContext } from '../helpers/loadOptions';
import { useSandbox } from '../helpers/sandbox';
import { jsonOf, runNode, sandboxCredential } from '../helpers/workflow';
import { SENDER, TEMPLATES, byId } from '../fixtures/messageTemplates';

const mapped = (value: IDataObject) => ({ mappingMode: 'defineBelow', value, matchingColumns: [], schema: [] });

function imageItem(json: IDataObject = {}): INodeExecutionData {
	const data = Buffer.alloc(2048, 1);
	data.set([0xff, 0xd8, 0xff]);
	return { json, binary: { photo: { data: data.toString('base64'), mimeType: 'image/jpeg', fileName: 'bike.jpg' } as IBinaryData } };
}

describe('Message > Send Template through WorkflowExecute', () => {
	const sandbox = useSandbox({ seed: { phoneNumbers: [{ id: SENDER }], templates: Object.values(TEMPLATES) } });

	const run = (templateId: string, value: IDataObject, extra: IDataObject = {}, items?: Array<IDataObject | INodeExecutionData>, continueOnFail = false) =>
		runNode({
			parameters: {
				resource: 'message',
				operation: 'sendTemplate',
				phoneNumberId: byId(SENDER),
				recipientPhone: '={{ $json.phone }}',
				templateId: byId(templateId),
				templateVariables: mapped(value),
				...extra,
			},
			credential: sandboxCredential(sandbox),
			items: items ?? [{ phone: '+1 (650) 555-0101' }],
			continueOnFail,
		});

	const sends = (path = '/messages') => sandbox.requestsTo('POST', `/${SENDER}${path}`);
	const sentTemplate = (index = 0, path = '/messages') => (sends(path)[index].body as IDataObject).template as IDataObject;

	it('sends named variables with parameter_name, and outputs the wamid with the input pairing', async () => {
		const result = await run(TEMPLATES.named.id, { 'header.order_id': 'B-2', 'body.first_name': 'Jo', 'body.item': 'helmet', 'button.0.url': 'B-2' });
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toEqual([expect.objectContaining({ wamid: expect.stringMatching(/^wamid\./), recipient: '16505550101', may_have_been_delivered: false, type: 'template' })]);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(sends()).toHaveLength(1);
		expect(sends()[0].body).toEqual({
			messaging_product: 'whatsapp',
			recipient_type: 'individual',
			to: '16505550101',
			type: 'template',
			template: {
				name: 'order_update',
				language: { code: 'en_US' },
				components: [
					{ type: 'header', parameters: [{ type: 'text', text: 'B-2', parameter_name: 'order_id' }] },
					{
						type: 'body',
						parameters: [
							{ type: 'text', text: 'Jo', parameter_name: 'first_name' },
							{ type: 'text', text: 'helmet', parameter_name: 'item' },
						],
					},
					{ type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: 'B-2' }] },
				],
			},
		});
	});

	it('sends positional variables in order, mapped per item by expressions, reading the template once', async () => {
		const items = ['Ana', 'Ben', 'Caro'].map((name, i) => ({ phone: `+1650555010${i}`, name }));
		const result = await run(TEMPLATES.positional.id, { 'body.1': '={{ $json.name }}', 'body.2': '20%', 'header.image': 'https://cdn.example.com/bike.jpg' }, {}, items);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(3);
		expect(sends().map((request) => ((sentTemplate(sends().indexOf(request)).components as IDataObject[])[1].parameters as IDataObject[])[0].text).sort()).toEqual(['Ana', 'Ben', 'Caro']);
		expect((sentTemplate().components as IDataObject[])[0]).toEqual({ type: 'header', parameters: [{ type: 'image', image: { link: 'https://cdn.example.com/bike.jpg' } }] });
		expect(sandbox.requestsTo('GET', `/${TEMPLATES.positional.id}`)).toHaveLength(1);
	});

	it('sends a header image by media ID', async () => {
		sandbox.seed({ media: [{ id: '880001', phone_number_id: SENDER, mime_type: 'image/jpeg' }] });
		const result = await run(TEMPLATES.positional.id, { 'header.image': '880001', 'body.1': 'Ana', 'body.2': '20%' });
		expect(result.error).toBeUndefined();
		expect((sentTemplate().components as IDataObject[])[0]).toEqual({ type: 'header', parameters: [{ type: 'image', image: { id: '880001' } }] });
	});

	it('uploads a binary header image to the sender first and sends its media ID', async () => {
		const result = await run(TEMPLATES.positional.id, { 'header.image': 'photo', 'body.1': 'Ana', 'body.2': '20%' }, {}, [imageItem({ phone: '+16505550101' })]);
		expect(result.error).toBeUndefined();
		const uploads = sandbox.requestsTo('POST', `/${SENDER}/media`);
		expect(uploads).toHaveLength(1);
		const header = (sentTemplate().components as IDataObject[])[0];
		const id = ((header.parameters as IDataObject[])[0].image as IDataObject).id as string;
		expect(id).toMatch(/^\d+$/);
		expect(sandbox.state.media.get(id)?.phone_number_id).toBe(SENDER);
		const order = sandbox.requests.filter((r) => r.method === 'POST').map((r) => r.path.split('/').pop());
		expect(order).toEqual(['media', 'messages']);
	});

	it('uploads a binary document header and sends its file name with the media ID', async () => {
		const pdf: INodeExecutionData = {
			json: { phone: '+16505550101' },
			binary: { invoice: { data: Buffer.from('%PDF-1.4 invoice').toString('base64'), mimeType: 'application/pdf', fileName: 'INV-7.pdf' } as IBinaryData },
		};
		const result = await run(TEMPLATES.document.id, { 'header.document': 'invoice', 'body.1': 'INV-7' }, {}, [pdf]);
		expect(result.error).toBeUndefined();
		const header = (sentTemplate().components as IDataObject[])[0];
		expect((header.parameters as IDataObject[])[0]).toEqual({ type: 'document', document: { id: expect.stringMatching(/^\d+$/), filename: 'INV-7.pdf' } });
	});

	it('fills buttons: quick-reply payload, copy code, Flow token and action data', async () => {
		const result = await run(TEMPLATES.buttons.id, {
			'body.1': 'Ana',
			'button.0.payload': 'stop-promo',
			'button.1.coupon_code': 'SPRING20',
			'button.2.flow_token': 'lead-7',
			'button.2.flow_action_data': '{"screen_hint":"booking"}',
		});
		expect(result.error).toBeUndefined();
		expect((sentTemplate().components as IDataObject[]).slice(1)).toEqual([
			{ type: 'button', sub_type: 'quick_reply', index: '0', parameters: [{ type: 'payload', payload: 'stop-promo' }] },
			{ type: 'button', sub_type: 'copy_code', index: '1', parameters: [{ type: 'coupon_code', coupon_code: 'SPRING20' }] },
			{ type: 'button', sub_type: 'flow', index: '2', parameters: [{ type: 'action', action: { flow_token: 'lead-7', flow_action_data: { screen_hint: 'booking' } } }] },
		]);
	});

	it('sends carousel cards with each card\'s media, body and buttons', async () => {
		const result = await run(TEMPLATES.carousel.id, {
			'body.1': 'Ana',
			'card.0.header.image': 'https://cdn.example.com/a.jpg',
			'card.0.body.1': 'red bike',
			'card.0.button.0.payload': 'buy-red',
			'card.1.header.image': 'https://cdn.example.com/b.jpg',
			'card.1.body.1': 'blue bike',
		});
		expect(result.error).toBeUndefined();
		const carousel = (sentTemplate().components as IDataObject[])[1];
		expect(carousel).toEqual({
			type: 'carousel',
			cards: [
				{
					card_index: 0,
					components: [
						{ type: 'header', parameters: [{ type: 'image', image: { link: 'https://cdn.example.com/a.jpg' } }] },
						{ type: 'body', parameters: [{ type: 'text', text: 'red bike' }] },
						{ type: 'button', sub_type: 'quick_reply', index: '0', parameters: [{ type: 'payload', payload: 'buy-red' }] },
					],
				},
				{
					card_index: 1,
					components: [
						{ type: 'header', parameters: [{ type: 'image', image: { link: 'https://cdn.example.com/b.jpg' } }] },
						{ type: 'body', parameters: [{ type: 'text', text: 'blue bike' }] },
					],
				},
			],
		});
	});

	it('sends a limited-time offer\'s expiry in milliseconds with its coupon code', async () => {
		const expiry = Date.now() + 7 * 24 * 3600_000;
		const result = await run(TEMPLATES.offer.id, { 'offer.expiration': new Date(expiry).toISOString(), 'body.1': 'Ana', 'button.0.coupon_code': 'CARIBE25' });
		expect(result.error).toBeUndefined();
		expect((sentTemplate().components as IDataObject[])[0]).toEqual({
			type: 'limited_time_offer',
			parameters: [{ type: 'limited_time_offer', limited_time_offer: { expiration_time_ms: expiry } }],
		});
	});

	it('sends an authentication code into the body and the copy-code button', async () => {
		const result = await run(TEMPLATES.otp.id, { 'otp.code': '482913' });
		expect(result.error).toBeUndefined();
		expect(sentTemplate().components).toEqual([
			{ type: 'body', parameters: [{ type: 'text', text: '482913' }] },
			{ type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: '482913' }] },
		]);
	});

	it('sends a catalog template with its thumbnail product, and without one leaves the button to Meta\'s default', async () => {
		const result = await run(TEMPLATES.catalog.id, { 'body.1': '10%', 'button.0.thumbnail': ' SKU-7 ' });
		expect(result.error).toBeUndefined();
		expect((sentTemplate().components as IDataObject[])[1]).toEqual({
			type: 'button',
			sub_type: 'catalog',
			index: '0',
			parameters: [{ type: 'action', action: { thumbnail_product_retailer_id: 'SKU-7' } }],
		});
		const plain = await run(TEMPLATES.catalog.id, { 'body.1': '10%' });
		expect(plain.error).toBeUndefined();
		expect(sentTemplate(1).components).toEqual([{ type: 'body', parameters: [{ type: 'text', text: '10%' }] }]);
	});

	it('sends a multi-product template with sections typed as "Title: IDs | Title: IDs"', async () => {
		const result = await run(TEMPLATES.multiProduct.id, { 'header.1': 'Ana', 'button.0.thumbnail': 'SKU-1', 'button.0.sections': 'Bikes: SKU-1, SKU-2 | Helmets: SKU-9' });
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)[0].wamid).toMatch(/^wamid\./);
		expect((sentTemplate().components as IDataObject[])[1]).toEqual({
			type: 'button',
			sub_type: 'mpm',
			index: '0',
			parameters: [
				{
					type: 'action',
					action: {
						thumbnail_product_retailer_id: 'SKU-1',
						sections: [
							{ title: 'Bikes', product_items: [{ product_retailer_id: 'SKU-1' }, { product_retailer_id: 'SKU-2' }] },
							{ title: 'Helmets', product_items: [{ product_retailer_id: 'SKU-9' }] },
						],
					},
				},
			],
		});
	});

	it('sends a multi-product template\'s sections given as Meta\'s array by an expression', async () => {
		const sections = [{ title: 'Popular', product_items: [{ product_retailer_id: 'SKU-3' }, 'SKU-4'] }];
		const result = await run(TEMPLATES.multiProduct.id, { 'header.1': 'Ana', 'button.0.thumbnail': 'SKU-3', 'button.0.sections': '={{ $json.sections }}' }, {}, [{ phone: '+16505550101', sections }]);
		expect(result.error).toBeUndefined();
		const action = (((sentTemplate().components as IDataObject[])[1].parameters as IDataObject[])[0].action as IDataObject);
		expect(action.sections).toEqual([{ title: 'Popular', product_items: [{ product_retailer_id: 'SKU-3' }, { product_retailer_id: 'SKU-4' }] }]);
	});

	it('sends a single-product template: the header names the product and the catalog, the View button takes nothing', async () => {
		const result = await run(TEMPLATES.singleProduct.id, { 'header.product': ' SKU-7 ', 'catalog.id': '194836987003835', 'body.1': 'Ana' });
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)[0].wamid).toMatch(/^wamid\./);
		expect(sentTemplate().components).toEqual([
			{ type: 'header', parameters: [{ type: 'product', product: { product_retailer_id: 'SKU-7', catalog_id: '194836987003835' } }] },
			{ type: 'body', parameters: [{ type: 'text', text: 'Ana' }] },
		]);
	});

	it('sends a product card carousel: one product per card, all from the one catalog', async () => {
		const result = await run(
			TEMPLATES.productCarousel.id,
			{ 'body.1': 'Ana', 'catalog.id': '={{ $json.catalog }}', 'card.0.header.product': 'B-1', 'card.1.header.product': '={{ $json.second }}' },
			{},
			[{ phone: '+16505550101', catalog: 194836987003835, second: 'B-2' }],
		);
		expect(result.error).toBeUndefined();
		const product = (id: string) => [{ type: 'header', parameters: [{ type: 'product', product: { product_retailer_id: id, catalog_id: '194836987003835' } }] }];
		expect(sentTemplate().components).toEqual([
			{ type: 'body', parameters: [{ type: 'text', text: 'Ana' }] },
			{ type: 'carousel', cards: [{ card_index: 0, components: product('B-1') }, { card_index: 1, components: product('B-2') }] },
		]);
	});

	it('sends a currency and a date from expressions as Meta\'s parameters, with and without the stored field list', async () => {
		const value = {
			'header.image': 'https://cdn.example.com/bike.jpg',
			'body.1': '={{ { date_time: { fallback_value: $json.day } } }}',
			'body.2': '={{ { currency: { fallback_value: "$10.99", code: "USD", amount_1000: 10990 } } }}',
		};
		const items = [{ phone: '+16505550101', day: 'Monday' }];
		const bodyOf = (index: number) => (sentTemplate(index).components as IDataObject[])[1];
		const expected = {
			type: 'body',
			parameters: [
				{ type: 'date_time', date_time: { fallback_value: 'Monday' } },
				{ type: 'currency', currency: { fallback_value: '$10.99', code: 'USD', amount_1000: 10990 } },
			],
		};
		expect((await run(TEMPLATES.positional.id, value, {}, items)).error).toBeUndefined();
		expect(bodyOf(0)).toEqual(expected);
		// With the field list the editor stores, n8n hands the node each object as JSON text.
		const { fields: schema } = await getTemplateVariables.call(loadOptionsContext(sandbox, { templateId: byId(TEMPLATES.positional.id) }));
		expect((await run(TEMPLATES.positional.id, {}, { templateVariables: { ...mapped(value), schema } }, items)).error).toBeUndefined();
		expect(bodyOf(1)).toEqual(expected);
		const wrong = { ...value, 'body.2': '={{ { currency: { fallback_value: "$10.99", code: "USD", amount_1000: 10.99 } } }}' };
		const refused = await run(TEMPLATES.positional.id, {}, { templateVariables: { ...mapped(wrong), schema } }, items);
		expect(refused.error?.message).toMatch(/^BODY component: field "Template Variables > Body \{\{2\}\}" is a currency whose amount_1000 .* is not a whole number: 10.99$/);
		expect(sends()).toHaveLength(2);
	});

	it('sends a marketing template through the Marketing Messages API when asked', async () => {
		const result = await run(TEMPLATES.positional.id, { 'header.image': 'https://cdn.example.com/bike.jpg', 'body.1': 'Ana', 'body.2': '20%' }, { templateOptions: { marketingMessages: true } });
		expect(result.error).toBeUndefined();
		expect(sends('/marketing_messages')).toHaveLength(1);
		expect(sends()).toHaveLength(0);
		expect(jsonOf(result)[0].wamid).toMatch(/^wamid\./);
	});

	describe('refused before anything is sent', () => {
		/** The field list as the editor loads it and stores it with the node. */
		const schemaOf = async (templateId: string) => (await getTemplateVariables.call(loadOptionsContext(sandbox, { templateId: byId(templateId) }))).fields;

		it('a required variable left empty in the editor: n8n itself refuses to run the workflow', async () => {
			const schema = await schemaOf(TEMPLATES.named.id);
			sandbox.clearRequests();
			const value = { 'header.order_id': 'B-2', 'body.first_name': 'Jo', 'button.0.url': 'B-2' };
			await expect(run(TEMPLATES.named.id, {}, { templateVariables: { ...mapped(value), schema } })).rejects.toThrow(/workflow has issues/);
			expect(sandbox.requests).toHaveLength(0);
		});

		it('a variable whose expression gives nothing, named with its component, with no request at all', async () => {
			const schema = await schemaOf(TEMPLATES.named.id);
			sandbox.clearRequests();
			const value = { 'header.order_id': 'B-2', 'body.first_name': 'Jo', 'body.item': '={{ $json.item }}', 'button.0.url': 'B-2' };
			const result = await run(TEMPLATES.named.id, {}, { templateVariables: { ...mapped(value), schema } });
			expect(result.error?.message).toBe('BODY component: field "Template Variables > Body {{item}}" is required by the template and has no value');
			expect(result.error?.description).toMatch(/No request was sent to Meta\.$/);
			expect(sandbox.requests).toHaveLength(0);
		});

		it('a variable the template does not have, with no request at all', async () => {
			const schema = await schemaOf(TEMPLATES.named.id);
			sandbox.clearRequests();
			const value = { 'header.order_id': 'B-2', 'body.first_name': 'Jo', 'body.item': 'x', 'button.0.url': 'B-2', 'body.nickname': 'JJ' };
			const result = await run(TEMPLATES.named.id, {}, { templateVariables: { ...mapped(value), schema } });
			expect(result.error?.message).toBe('Field "Template Variables > body.nickname": is not a variable of the template');
			expect(result.error?.description).toMatch(/Refresh Variable List/);
			expect(sandbox.requests).toHaveLength(0);
		});

		it('a variable added to the template after its fields were loaded: the live template decides, nothing is sent', async () => {
			const schema = await schemaOf(TEMPLATES.named.id);
			const record = sandbox.state.templates.get(TEMPLATES.named.id)!;
			const body = record.components.find((c) => c.type === 'BODY')!;
			body.text = `${String(body.text)} Ref {{ref}}.`;
			sandbox.clearRequests();
			const result = await run(TEMPLATES.named.id, {}, { templateVariables: { ...mapped({ 'header.order_id': 'B-2', 'body.first_name': 'Jo', 'body.item': 'x', 'button.0.url': 'B-2' }), schema } });
			expect(result.error?.message).toBe('BODY component: field "Template Variables > Body {{ref}}" is required by the template and has no value');
			expect(sandbox.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /v25.0/${TEMPLATES.named.id}`]);
		});

		it('without a stored field list (a workflow written by hand or by an agent), against the live template', async () => {
			const result = await run(TEMPLATES.named.id, { 'header.order_id': 'B-2', 'body.first_name': 'Jo', 'button.0.url': 'B-2', 'body.nickname': 'JJ' });
			expect(result.error?.message).toBe('BODY component: field "Template Variables > Body {{item}}" is required by the template and has no value');
			expect(result.error?.description).toContain('- Field "Template Variables > body.nickname": is not a variable of the template');
			expect(sandbox.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
		});

		it('the Marketing Messages API for a utility template', async () => {
			const result = await run(TEMPLATES.otp.id, { 'otp.code': '1' }, { templateOptions: { marketingMessages: true } });
			expect(result.error?.message).toMatch(/^Field "Options > Send Through Marketing Messages API": is on, but template "login_code" \(en_US\) is in category AUTHENTICATION/);
			expect(sandbox.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
		});

		it('multi-product sections that break Meta\'s limits, naming the field and the rule', async () => {
			const untitled = await run(TEMPLATES.multiProduct.id, { 'header.1': 'Ana', 'button.0.thumbnail': 'SKU-1', 'button.0.sections': 'SKU-1 | SKU-2' });
			expect(untitled.error?.message).toBe(
				'BUTTONS component: field "Template Variables > Products" section 1 has no title; Meta requires one per section when there are several ("Bikes: SKU-1, SKU-2 | Helmets: SKU-9")',
			);
			const many = Array.from({ length: 31 }, (_, i) => `SKU-${i}`).join(', ');
			const tooMany = await run(TEMPLATES.multiProduct.id, { 'header.1': 'Ana', 'button.0.thumbnail': 'SKU-1', 'button.0.sections': many });
			expect(tooMany.error?.message).toMatch(/Products" names 31 products; Meta allows at most 30 in one message$/);
			const noThumbnail = await run(TEMPLATES.multiProduct.id, { 'header.1': 'Ana', 'button.0.sections': 'SKU-1' });
			expect(noThumbnail.error?.message).toMatch(/Products Thumbnail \(Product Retailer ID\)" is required by the template and has no value$/);
			expect(sandbox.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
		});

		it('a product header without its product or with a catalog that is not an ID, naming the field', async () => {
			const noProduct = await run(TEMPLATES.singleProduct.id, { 'catalog.id': '194836987003835', 'body.1': 'Ana' });
			expect(noProduct.error?.message).toBe('HEADER component: field "Template Variables > Header Product (Product Retailer ID)" is required by the template and has no value');
			const badCatalog = await run(TEMPLATES.productCarousel.id, { 'body.1': 'Ana', 'catalog.id': 'Bikes catalog', 'card.0.header.product': 'B-1', 'card.1.header.product': 'B-2' });
			expect(badCatalog.error?.message).toBe(
				'HEADER component: field "Template Variables > Catalog ID" must be the catalog\'s numeric ID (Commerce Manager > Catalog > Settings), not "Bikes catalog"',
			);
			const noCard = await run(TEMPLATES.productCarousel.id, { 'body.1': 'Ana', 'catalog.id': '194836987003835', 'card.0.header.product': 'B-1' });
			expect(noCard.error?.message).toBe('Card 2 HEADER component: field "Template Variables > Card 2 Header Product (Product Retailer ID)" is required by the template and has no value');
			expect(sandbox.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
		});

		it('a binary file of the wrong kind for the header, before it is uploaded', async () => {
			const pdf: INodeExecutionData = { json: { phone: '+16505550101' }, binary: { photo: { data: Buffer.from('%PDF').toString('base64'), mimeType: 'application/pdf', fileName: 'a.pdf' } as IBinaryData } };
			const result = await run(TEMPLATES.positional.id, { 'header.image': 'photo', 'body.1': 'Ana', 'body.2': '20%' }, {}, [pdf]);
			expect(result.error?.message).toBe(
				'HEADER component: field "Template Variables > Header Image (Media ID, URL or Binary Field Name)" binary field "photo" holds application/pdf; an image header takes image/jpeg, image/png',
			);
			expect(sandbox.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
		});

		it('a binary field the item does not have, per item with Continue On Fail', async () => {
			const items = [imageItem({ phone: '+16505550101' }), { phone: '+16505550102' }];
			const result = await run(TEMPLATES.positional.id, { 'header.image': 'photo', 'body.1': 'Ana', 'body.2': '20%' }, {}, items, true);
			expect(result.items).toHaveLength(2);
			expect(result.items[0].json.wamid).toMatch(/^wamid\./);
			expect(result.items[1].json.error).toMatch(/the input item has no binary field "photo"/);
			expect(sends()).toHaveLength(1);
			expect(sandbox.requestsTo('POST', '/media')).toHaveLength(1);
		});
	});
});
