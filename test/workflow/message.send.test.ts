import type { IBinaryData, IDataObject, INodeExecutionData } from 'n8n-workflow';

import { useSandbox } from '../helpers/sandbox';
import { jsonOf, runNode, sandboxCredential } from '../helpers/workflow';
import { recordInbound } from '../sandbox/messaging/webhooks';

const SENDER = '106540352242922';
const USER = '16505551234';
const USER_ID = 'US.13491208655302741918';
const FLOW = '7700000000042';
const byId = (value: string) => ({ __rl: true, mode: 'id', value });

const FLOW_JSON = JSON.stringify({ version: '7.0', screens: [{ id: 'WELCOME', title: 'Welcome', terminal: true, layout: { type: 'SingleColumnLayout', children: [] } }] });

describe('Message sends through WorkflowExecute', () => {
	const sandbox = useSandbox({
		seed: {
			phoneNumbers: [{ id: SENDER, display_phone_number: '+1 555-013-3700' }],
			contacts: [{ wa_id: USER, windowOpen: true }, { user_id: USER_ID, windowOpen: true }],
			messaging: { statusWebhooks: { enabled: false } },
			flows: [{ id: FLOW, name: 'Test drive', status: 'DRAFT', categories: ['LEAD_GENERATION'], flow_json: FLOW_JSON }],
			media: [{ id: '880001', phone_number_id: SENDER, mime_type: 'image/jpeg' }],
		},
	});

	const run = (parameters: IDataObject, items: Array<IDataObject | INodeExecutionData> = [{ from: USER }], continueOnFail = false) =>
		runNode({ parameters: { resource: 'message', phoneNumberId: byId(SENDER), ...parameters }, credential: sandboxCredential(sandbox), items, continueOnFail });
	const sends = () => sandbox.requestsTo('POST', `/${SENDER}/messages`);
	const sentBody = (index = 0) => sends()[index].body as IDataObject;

	it('Send Text: answers the trigger item\'s sender by default, in context, and outputs the wamid', async () => {
		const incoming = recordInbound(sandbox.state, { from: USER, phoneNumberId: SENDER });
		const result = await run(
			{ operation: 'sendText', text: 'Thanks! See https://example.com', previewUrl: true, replyInContext: true },
			[{ from: USER, messageId: incoming.id, eventType: 'message' }],
		);
		expect(result.error).toBeUndefined();
		expect(sentBody()).toEqual({
			messaging_product: 'whatsapp',
			recipient_type: 'individual',
			to: USER,
			context: { message_id: incoming.id },
			type: 'text',
			text: { body: 'Thanks! See https://example.com', preview_url: true },
		});
		expect(jsonOf(result)).toEqual([
			{ wamid: expect.stringMatching(/^wamid\./), message_status: 'accepted', may_have_been_delivered: false, recipient: USER, wa_id: USER, phone_number_id: SENDER, type: 'text' },
		]);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('Send Text: normalises a formatted phone number, and sends to a business-scoped user ID with `recipient`', async () => {
		const byPhone = await run({ operation: 'sendText', text: 'Hi', recipientPhone: '+1 (650) 555-1234' });
		expect(byPhone.error).toBeUndefined();
		expect(sentBody().to).toBe(USER);
		const byUserId = await run({ operation: 'sendText', text: 'Hi', recipientType: 'userId' }, [{ userId: USER_ID }]);
		expect(byUserId.error).toBeUndefined();
		expect(sentBody(1)).toEqual(expect.objectContaining({ recipient: USER_ID, recipient_type: 'individual' }));
		expect(sentBody(1).to).toBeUndefined();
		expect(jsonOf(byUserId)).toEqual([expect.objectContaining({ recipient: USER_ID, user_id: USER_ID })]);
	});

	it('refuses a number it cannot normalise and a text over 4,096 characters before sending anything', async () => {
		const result = await run({ operation: 'sendText', text: 'x'.repeat(4097), recipientPhone: '0044 7700 900123' });
		expect(result.error?.message).toMatch(/Recipient Phone Number/);
		expect(result.error?.description).toMatch(/Field "Text": has 4097 characters; Meta allows at most 4096/);
		expect(result.error?.description).toMatch(/No request was sent to Meta\./);
		expect(sends()).toHaveLength(0);
	});

	it('Send Text outside the 24-hour window fails with Meta\'s 131047 and the hint to send a template', async () => {
		const result = await run({ operation: 'sendText', text: 'Hello again', recipientPhone: '+44 7700 900123' });
		expect(result.error?.message).toMatch(/131047/);
		expect(result.error?.description).toMatch(/Send an approved template instead \(Message > Send Template\)/);
		expect(result.error?.description).toMatch(/fbtrace_id/);
	});

	it('Send Media: an image by media ID with a caption, a document by link with its file name', async () => {
		const image = await run({ operation: 'sendMedia', mediaType: 'image', mediaSource: 'id', mediaId: '880001', caption: 'Your bike' });
		expect(image.error).toBeUndefined();
		expect(sentBody()).toEqual(expect.objectContaining({ type: 'image', image: { id: '880001', caption: 'Your bike' } }));
		const doc = await run({ operation: 'sendMedia', mediaType: 'document', mediaSource: 'link', mediaLink: 'https://cdn.example.com/prices.pdf', caption: 'Prices', fileName: 'prices.pdf' });
		expect(doc.error).toBeUndefined();
		expect(sentBody(1)).toEqual(expect.objectContaining({ type: 'document', document: { link: 'https://cdn.example.com/prices.pdf', caption: 'Prices', filename: 'prices.pdf' } }));
		expect(jsonOf(doc)).toEqual([expect.objectContaining({ type: 'document', wamid: expect.stringMatching(/^wamid\./) })]);
	});

	it('Send Media: a binary field is uploaded to the sender first, then sent by its new media ID', async () => {
		const data = Buffer.alloc(4096, 7);
		data.set([0xff, 0xd8, 0xff]);
		const item: INodeExecutionData = { json: { from: USER }, binary: { photo: { data: data.toString('base64'), mimeType: 'image/jpeg', fileName: 'bike.jpg' } as IBinaryData } };
		const result = await run({ operation: 'sendMedia', mediaType: 'image', mediaSource: 'binary', mediaBinaryProperty: 'photo' }, [item]);
		expect(result.error).toBeUndefined();
		const uploads = sandbox.requestsTo('POST', `/${SENDER}/media`);
		expect(uploads).toHaveLength(1);
		const mediaId = String((sentBody().image as IDataObject).id);
		expect(sandbox.state.media.get(mediaId)).toEqual(expect.objectContaining({ mime_type: 'image/jpeg', phone_number_id: SENDER }));
	});

	it('Send Media: refuses a long caption and a binary of the wrong type before uploading', async () => {
		const item: INodeExecutionData = { json: { from: USER }, binary: { clip: { data: Buffer.from('RIFF....WEBPVP8 ').toString('base64'), mimeType: 'image/webp', fileName: 's.webp' } as IBinaryData } };
		const result = await run({ operation: 'sendMedia', mediaType: 'video', mediaSource: 'binary', mediaBinaryProperty: 'clip', caption: 'c'.repeat(1025) }, [item]);
		expect(result.error?.message).toMatch(/Input Binary Field/);
		expect(result.error?.description).toMatch(/a video must be video\/mp4, video\/3gpp/);
		expect(result.error?.description).toMatch(/Caption.*1025 characters/);
		expect(sandbox.requestsTo('POST', `/${SENDER}/media`)).toHaveLength(0);
		expect(sends()).toHaveLength(0);
	});

	it('Send Interactive: reply buttons with a text header, and a list grouped into sections', async () => {
		const buttons = await run({
			operation: 'sendInteractive',
			interactiveType: 'buttons',
			headerType: 'text',
			headerText: 'Test drive',
			bodyText: 'When suits you?',
			replyButtons: { button: [{ title: 'Morning', id: 'am' }, { title: 'Evening', id: 'pm' }] },
		});
		expect(buttons.error).toBeUndefined();
		expect(sentBody().interactive).toEqual({
			type: 'button',
			header: { type: 'text', text: 'Test drive' },
			body: { text: 'When suits you?' },
			action: { buttons: [{ type: 'reply', reply: { id: 'am', title: 'Morning' } }, { type: 'reply', reply: { id: 'pm', title: 'Evening' } }] },
		});
		const list = await run({
			operation: 'sendInteractive',
			interactiveType: 'list',
			bodyText: 'Pick a model',
			footerText: 'Prices include VAT',
			listButton: 'Models',
			listRows: { row: [{ section: 'City', title: 'Urban 3', id: 'u3' }, { section: 'Trail', title: 'Ridge 9', id: 'r9', description: 'Full suspension' }, { section: 'City', title: 'Urban 5', id: 'u5' }] },
		});
		expect(list.error).toBeUndefined();
		expect((sentBody(1).interactive as IDataObject).action).toEqual({
			button: 'Models',
			sections: [
				{ title: 'City', rows: [{ id: 'u3', title: 'Urban 3' }, { id: 'u5', title: 'Urban 5' }] },
				{ title: 'Trail', rows: [{ id: 'r9', title: 'Ridge 9', description: 'Full suspension' }] },
			],
		});
	});

	it('Send Interactive: a CTA URL button; a button title over 20 characters is refused naming the button', async () => {
		const cta = await run({ operation: 'sendInteractive', interactiveType: 'ctaUrl', bodyText: 'Book online', ctaDisplayText: 'Book now', ctaUrl: 'https://example.com/book' });
		expect(cta.error).toBeUndefined();
		expect((sentBody().interactive as IDataObject).action).toEqual({ name: 'cta_url', parameters: { display_text: 'Book now', url: 'https://example.com/book' } });
		const long = await run({
			operation: 'sendInteractive',
			interactiveType: 'buttons',
			bodyText: 'Pick',
			replyButtons: { button: [{ id: 'a', title: 'Yes' }, { id: 'b', title: '={{ "Book the " + $json.model }}' }] },
		}, [{ from: USER, model: 'Ridge 9 Carbon Pro' }]);
		expect(long.error?.message).toBe('Field "Buttons[2] > Title": has 27 characters; Meta allows at most 20');
		expect(sends()).toHaveLength(1);
	});

	it('Send Interactive: the catalog, one product (body optional) and products in sections, each without a header of the user\'s', async () => {
		const catalog = await run({ operation: 'sendInteractive', interactiveType: 'catalog', bodyText: 'Browse our helmets', thumbnailProductRetailerId: ' helmet-01 ' });
		expect(catalog.error).toBeUndefined();
		expect(sentBody().interactive).toEqual({
			type: 'catalog_message',
			body: { text: 'Browse our helmets' },
			action: { name: 'catalog_message', parameters: { thumbnail_product_retailer_id: 'helmet-01' } },
		});
		// A header type left from another kind is not sent: these messages carry Meta's own header.
		const product = await run({ operation: 'sendInteractive', interactiveType: 'product', headerType: 'text', headerText: 'x', catalogId: '194836987003835', productRetailerId: '={{ $json.sku }}' }, [{ from: USER, sku: 'helmet-02' }]);
		expect(product.error).toBeUndefined();
		expect(sentBody(1).interactive).toEqual({ type: 'product', action: { catalog_id: '194836987003835', product_retailer_id: 'helmet-02' } });
		const products = await run({
			operation: 'sendInteractive',
			interactiveType: 'productList',
			productsHeaderText: 'Ride safe',
			bodyText: 'Picked for you',
			footerText: 'Free returns',
			catalogId: '194836987003835',
			products: 'Helmets: helmet-01, helmet-02 | Gloves: gloves-07',
		});
		expect(products.error).toBeUndefined();
		expect(sentBody(2).interactive).toEqual({
			type: 'product_list',
			header: { type: 'text', text: 'Ride safe' },
			body: { text: 'Picked for you' },
			footer: { text: 'Free returns' },
			action: {
				catalog_id: '194836987003835',
				sections: [
					{ title: 'Helmets', product_items: [{ product_retailer_id: 'helmet-01' }, { product_retailer_id: 'helmet-02' }] },
					{ title: 'Gloves', product_items: [{ product_retailer_id: 'gloves-07' }] },
				],
			},
		});
	});

	it('Send Interactive: products that break Meta\'s rules are refused naming the field, before any request', async () => {
		const badCatalog = await run({ operation: 'sendInteractive', interactiveType: 'product', catalogId: 'helmets', productRetailerId: 'helmet-01' });
		expect(badCatalog.error?.message).toBe('Field "Catalog ID": must be the catalog\'s numeric ID (Commerce Manager > Catalog > Settings), not "helmets"');
		const untitled = await run({ operation: 'sendInteractive', interactiveType: 'productList', productsHeaderText: 'Ride safe', bodyText: 'Pick', catalogId: '1', products: 'helmet-01 | gloves-07' });
		expect(untitled.error?.message).toMatch(/^Field "Products": section 1 has no title; Meta requires one per section when there are several/);
		const noHeader = await run({ operation: 'sendInteractive', interactiveType: 'productList', productsHeaderText: '={{ $json.title }}', bodyText: 'Pick', catalogId: '1', products: 'helmet-01' });
		expect(noHeader.error?.message).toMatch(/^Field "Header Text": /);
		const noProduct = await run({ operation: 'sendInteractive', interactiveType: 'product', catalogId: '1', productRetailerId: '={{ $json.sku }}' });
		expect(noProduct.error?.message).toBe('Field "Product Retailer ID": is required');
		expect(sends()).toHaveLength(0);
	});

	it('Send Interactive: a location request is a body and the Send location button, nothing else', async () => {
		const result = await run({ operation: 'sendInteractive', interactiveType: 'locationRequest', bodyText: 'Where should we deliver your bike?', footerText: 'Sandbox Motors' });
		expect(result.error).toBeUndefined();
		expect(sentBody().interactive).toEqual({ type: 'location_request_message', body: { text: 'Where should we deliver your bike?' }, action: { name: 'send_location' } });
		const empty = await run({ operation: 'sendInteractive', interactiveType: 'locationRequest', bodyText: '={{ $json.question }}' });
		expect(empty.error?.message).toBe('Field "Body Text": is empty');
		expect(sends()).toHaveLength(1);
	});

	it('Send Location: a pin with name and address; coordinates out of range or missing are refused before sending', async () => {
		const result = await run({ operation: 'sendLocation', latitude: 37.4847483, longitude: -122.1473837, locationName: ' Showroom ', locationAddress: '1 Hacker Way, Menlo Park' });
		expect(result.error).toBeUndefined();
		expect(sentBody()).toEqual(
			expect.objectContaining({ to: USER, type: 'location', location: { latitude: 37.4847483, longitude: -122.1473837, name: 'Showroom', address: '1 Hacker Way, Menlo Park' } }),
		);
		expect(jsonOf(result)).toEqual([expect.objectContaining({ wamid: expect.stringMatching(/^wamid\./), type: 'location' })]);
		const bare = await run({ operation: 'sendLocation', latitude: '={{ $json.lat }}', longitude: '={{ $json.lng }}' }, [{ from: USER, lat: '-33.8688', lng: 151.2093 }]);
		expect(bare.error).toBeUndefined();
		expect(sentBody(1).location).toEqual({ latitude: -33.8688, longitude: 151.2093 });
		const north = await run({ operation: 'sendLocation', latitude: 91, longitude: 0 });
		expect(north.error?.message).toBe('Field "Latitude": must be at most 90, not 91');
		const missing = await run({ operation: 'sendLocation', latitude: 10, longitude: '={{ $json.lng }}' });
		expect(missing.error?.message).toBe('Field "Longitude": is required');
		expect(sends()).toHaveLength(2);
	});

	it('Send Contacts: contact cards in Meta\'s shape; a card without its name or with a bad birthday is refused', async () => {
		const contacts = {
			contact: [
				{ formattedName: 'Barbara J. Johnson', firstName: 'Barbara', lastName: 'Johnson', phone: '+1 (940) 555-1234', phoneType: 'WORK', waId: '19405551234', email: 'barbara@example.com', company: 'Sandbox Motors', title: 'Sales', url: 'https://motors.example', birthday: '1990-02-28' },
				{ formattedName: 'Service desk', phone: '+1 940 555 0000' },
			],
		};
		const result = await run({ operation: 'sendContacts', contacts });
		expect(result.error).toBeUndefined();
		expect(sentBody().contacts).toEqual([
			{
				name: { formatted_name: 'Barbara J. Johnson', first_name: 'Barbara', last_name: 'Johnson' },
				phones: [{ phone: '+1 (940) 555-1234', type: 'WORK', wa_id: '19405551234' }],
				emails: [{ email: 'barbara@example.com' }],
				org: { company: 'Sandbox Motors', title: 'Sales' },
				urls: [{ url: 'https://motors.example' }],
				birthday: '1990-02-28',
			},
			{ name: { formatted_name: 'Service desk' }, phones: [{ phone: '+1 940 555 0000', type: 'CELL' }] },
		]);
		const bad = await run({ operation: 'sendContacts', contacts: { contact: [{ formattedName: ' ', phone: '1' }, { formattedName: 'Ana', birthday: '1990-02-30' }] } });
		expect(bad.error?.message).toBe('Field "Contacts > Contact 1 > Formatted Name": is required');
		expect(bad.error?.description).toContain('- Field "Contacts > Contact 2 > Birthday": must be a date as YYYY-MM-DD, not "1990-02-30"');
		expect((await run({ operation: 'sendContacts', contacts: {} })).error?.message).toBe('Field "Contacts": has no contact; add 1 to 257');
		expect(sends()).toHaveLength(1);
	});

	it('Send Flow: a draft Flow in draft mode, opening on its first screen with data and a flow token', async () => {
		const result = await run({
			operation: 'sendFlow',
			flowId: byId(FLOW),
			flowCta: 'Book a test drive',
			bodyText: 'Takes a minute',
			firstScreen: 'WELCOME',
			flowOptions: { draft: true, flowToken: '={{ "lead-" + $json.from }}', data: '{"model": "Ridge 9"}' },
		});
		expect(result.error).toBeUndefined();
		expect(((sentBody().interactive as IDataObject).action as IDataObject).parameters).toEqual({
			flow_message_version: '3',
			flow_id: FLOW,
			flow_cta: 'Book a test drive',
			flow_token: `lead-${USER}`,
			mode: 'draft',
			flow_action: 'navigate',
			flow_action_payload: { screen: 'WELCOME', data: { model: 'Ridge 9' } },
		});
	});

	it('Send Flow: a draft Flow sent as published is Meta\'s refusal; bad data JSON is refused before sending', async () => {
		const published = await run({ operation: 'sendFlow', flowId: byId(FLOW), flowCta: 'Open', bodyText: 'Hi', firstScreen: 'WELCOME' });
		expect(published.error?.message).toMatch(/Meta error 131009/);
		const badJson = await run({ operation: 'sendFlow', flowId: byId(FLOW), flowCta: 'Open', bodyText: 'Hi', firstScreen: 'WELCOME', flowOptions: { data: '{model:' } });
		expect(badJson.error?.message).toMatch(/First Screen Data \(JSON\)/);
		expect(sends()).toHaveLength(1);
	});

	it('React: reacts to the trigger item\'s message, and an empty emoji removes the reaction', async () => {
		const incoming = recordInbound(sandbox.state, { from: USER, phoneNumberId: SENDER });
		const item = { from: USER, messageId: incoming.id };
		expect((await run({ operation: 'react', emoji: '🚲' }, [item])).error).toBeUndefined();
		expect((await run({ operation: 'react', emoji: '' }, [item])).error).toBeUndefined();
		expect(sends().map((call) => (call.body as IDataObject).reaction)).toEqual([
			{ message_id: incoming.id, emoji: '🚲' },
			{ message_id: incoming.id, emoji: '' },
		]);
		const text = await run({ operation: 'react', emoji: 'ok' }, [item]);
		expect(text.error?.message).toMatch(/Emoji/);
		expect(sends()).toHaveLength(2);
	});

	it('Mark as Read: marks the trigger item\'s message read with the typing indicator', async () => {
		const incoming = recordInbound(sandbox.state, { from: USER, phoneNumberId: SENDER });
		const result = await run({ operation: 'markAsRead', typingIndicator: true }, [{ messageId: incoming.id }]);
		expect(result.error).toBeUndefined();
		expect(sentBody()).toEqual({ messaging_product: 'whatsapp', status: 'read', message_id: incoming.id, typing_indicator: { type: 'text' } });
		expect(jsonOf(result)).toEqual([{ success: true, status: 'read', message_id: incoming.id, phone_number_id: SENDER }]);
		expect(sandbox.state.phoneNumbers.get(SENDER)).toBeDefined();
	});

	it('puts Callback Data in biz_opaque_callback_data, and Continue On Fail keeps each item\'s own outcome', async () => {
		const items = [{ from: USER, lead: 'L-1' }, { from: '447700900123', lead: 'L-2' }, { from: USER, lead: 'L-3' }];
		const result = await run({ operation: 'sendText', text: 'Hi', sendingOptions: { callbackData: '={{ $json.lead }}' } }, items, true);
		expect(result.error).toBeUndefined();
		const json = jsonOf(result);
		expect(json[0]).toEqual(expect.objectContaining({ wamid: expect.any(String) }));
		expect(json[1]).toEqual(expect.objectContaining({ metaCode: 131047, fbtraceId: expect.any(String) }));
		expect(json[2]).toEqual(expect.objectContaining({ wamid: expect.any(String) }));
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(sends().map((call) => (call.body as IDataObject).biz_opaque_callback_data).sort()).toEqual(['L-1', 'L-2', 'L-3']);
	});
});
