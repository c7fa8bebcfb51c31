import { useSandbox } from '../helpers/sandbox';
import { OTHER_PHONE_ID, PHONE_ID, USER, USER_ID, baseSeed, graphError, messagingCalls } from './messagesKit';

/** POST /{phone-number-id}/messages for the free-form types, against Meta's messages reference, with fetch. */
describe('sandbox: messages', () => {
	const sandbox = useSandbox({
		seed: {
			...baseSeed,
			media: [
				{ id: '900000000000001', phone_number_id: PHONE_ID, mime_type: 'image/jpeg', data: 'jpeg' },
				{ id: '900000000000002', phone_number_id: OTHER_PHONE_ID, mime_type: 'image/jpeg', data: 'jpeg' },
			],
			flows: [
				{ id: '3000000000000001', name: 'Booking', status: 'PUBLISHED', flow_json: { version: '6.0', screens: [{ id: 'WELCOME', layout: { type: 'SingleColumnLayout', children: [] } }] } },
				{ id: '3000000000000002', name: 'Draft', status: 'DRAFT' },
			],
		},
	});
	const { send, control, openWindow, post } = messagingCalls(sandbox);

	describe('answers as Meta does', () => {
		it('answers contacts[{input, wa_id}] and messages[{id: wamid}] and records the message', async () => {
			await openWindow();
			const { status, json } = await send({ recipient_type: 'individual', to: '+1 (650) 555-1234', type: 'text', text: { body: 'Hi' } });
			expect(status).toBe(200);
			expect(json).toEqual({ messaging_product: 'whatsapp', contacts: [{ input: '+1 (650) 555-1234', wa_id: USER }], messages: [{ id: expect.stringMatching(/^wamid\./) }] });
			const state = await control('state');
			expect(state.messages).toEqual([expect.objectContaining({ id: json.messages[0].id, phoneNumberId: PHONE_ID, wa_id: USER, type: 'text', body: expect.objectContaining({ text: { body: 'Hi' } }) })]);
		});

		it('defaults type to text and gives every message its own wamid', async () => {
			await openWindow();
			const first = await send({ to: USER, text: { body: 'One' } });
			const second = await send({ to: USER, text: { body: 'Two' } });
			expect(first.json.messages[0].id).not.toBe(second.json.messages[0].id);
		});

		it('sends to a business-scoped user ID in recipient and answers user_id instead of wa_id', async () => {
			await openWindow({ userId: USER_ID });
			const { status, json } = await send({ recipient: USER_ID, type: 'text', text: { body: 'Hi' } });
			expect(status).toBe(200);
			expect(json.contacts).toEqual([{ input: USER_ID, user_id: USER_ID }]);
		});

		it('takes to over recipient when both are given', async () => {
			await openWindow();
			const { json } = await send({ to: USER, recipient: USER_ID, text: { body: 'Hi' } });
			expect(json.contacts).toEqual([{ input: USER, wa_id: USER }]);
		});
	});

	describe('refuses what Meta refuses, before sending', () => {
		beforeEach(async () => {
			await openWindow();
		});
		it.each([
			['no messaging_product', { messaging_product: undefined, to: USER, text: { body: 'x' } }, 100, undefined],
			['another messaging_product', { messaging_product: 'sms', to: USER, text: { body: 'x' } }, 100, undefined],
			['no recipient', { text: { body: 'x' } }, 100, undefined],
			['a phone number that is not one', { to: 'call me', text: { body: 'x' } }, 131009, /'to' is not a valid phone number/],
			['a malformed user ID', { recipient: 'someone', text: { body: 'x' } }, 131009, /business-scoped user ID/],
			['a group recipient_type', { recipient_type: 'group', to: USER, text: { body: 'x' } }, 131009, /recipient_type/],
			['text without its object', { to: USER, type: 'text' }, 131008, /'text' is required/],
			['text over 4096 characters', { to: USER, text: { body: 'x'.repeat(4097) } }, 131009, /at most 4096/],
			['an unknown type', { to: USER, type: 'hologram', hologram: {} }, 131051, /hologram/],
			['an image with id and link', { to: USER, type: 'image', image: { id: '900000000000001', link: 'https://example.com/a.jpg' } }, 131009, /exactly one of id or link/],
			['an image uploaded by another number', { to: USER, type: 'image', image: { id: '900000000000002' } }, 131009, /not uploaded by this phone number/],
			['an unknown media ID', { to: USER, type: 'image', image: { id: '42' } }, 131009, /not uploaded/],
			['a sticker with a caption', { to: USER, type: 'sticker', sticker: { link: 'https://example.com/s.webp', caption: 'no' } }, 131009, /caption' is not allowed/],
			['a document link that is no URL', { to: USER, type: 'document', document: { link: 'file.pdf' } }, 131009, /not a valid URL/],
			['a location without longitude', { to: USER, type: 'location', location: { latitude: 1 } }, 131008, /longitude/],
			['a latitude out of range', { to: USER, type: 'location', location: { latitude: 91, longitude: 0 } }, 131009, /latitude/],
			['contacts without formatted_name', { to: USER, type: 'contacts', contacts: [{ name: { first_name: 'A' } }] }, 131008, /formatted_name/],
			['a reaction without message_id', { to: USER, type: 'reaction', reaction: { emoji: '👍' } }, 131008, /message_id/],
			['a context that is no wamid', { to: USER, text: { body: 'x' }, context: { message_id: '123' } }, 131009, /context.message_id/],
		])('refuses %s', async (_title, body, code, details) => {
			const { status, json } = await send(body as Record<string, unknown>);
			expect(status).toBe(400);
			expect(json).toEqual(graphError(code, details));
			expect(json.error.message).toMatch(new RegExp(`^\\(#${code}\\) `));
			expect((await control('state')).messages).toEqual([]);
		});

		it('refuses a number that is not registered (133010)', async () => {
			const { json } = await send({ to: USER, text: { body: 'x' } }, OTHER_PHONE_ID);
			expect(json.error.code).toBe(133010);
		});
	});

	describe('every type Meta documents is accepted', () => {
		beforeEach(async () => {
			await openWindow();
		});
		const link = 'https://example.com/file';
		it.each([
			['text with preview', { type: 'text', text: { body: 'See https://example.com', preview_url: true } }],
			['image by id', { type: 'image', image: { id: '900000000000001', caption: 'Car' } }],
			['video by link', { type: 'video', video: { link: `${link}.mp4`, caption: 'Tour' } }],
			['audio by link', { type: 'audio', audio: { link: `${link}.ogg` } }],
			['document by link', { type: 'document', document: { link: `${link}.pdf`, filename: 'offer.pdf', caption: 'Offer' } }],
			['sticker by link', { type: 'sticker', sticker: { link: `${link}.webp` } }],
			['location', { type: 'location', location: { latitude: 37.48, longitude: -122.15, name: 'Showroom', address: '1 Hacker Way' } }],
			['contacts', { type: 'contacts', contacts: [{ name: { formatted_name: 'Ana Sales', first_name: 'Ana' }, phones: [{ phone: '+16505550000', type: 'WORK' }] }] }],
			['reaction', { type: 'reaction', reaction: { message_id: 'wamid.ABC', emoji: '👍' } }],
			['reaction removal', { type: 'reaction', reaction: { message_id: 'wamid.ABC', emoji: '' } }],
			['a reply in context', { type: 'text', text: { body: 'Yes' }, context: { message_id: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQUFCQ0QA' } }],
		])('%s', async (_title, body) => {
			const { status, json } = await send({ to: USER, ...body });
			expect(status).toBe(200);
			expect(json.messages[0].id).toMatch(/^wamid\./);
		});
	});

	describe('interactive and Flow messages', () => {
		beforeEach(async () => {
			await openWindow();
		});
		const buttons = (count: number, title = (i: number) => `Option ${i}`) =>
			Array.from({ length: count }, (_, i) => ({ type: 'reply', reply: { id: `opt-${i}`, title: title(i) } }));
		const interactive = (value: Record<string, unknown>) => send({ to: USER, type: 'interactive', interactive: { body: { text: 'Pick one' }, ...value } });
		const flow = (parameters: Record<string, unknown>) =>
			interactive({ type: 'flow', action: { name: 'flow', parameters: { flow_message_version: '3', flow_cta: 'Book', flow_token: 'tok', ...parameters } } });

		it('accepts reply buttons with a media header, a list, a CTA URL and a published Flow', async () => {
			const answers = await Promise.all([
				interactive({ type: 'button', header: { type: 'image', image: { id: '900000000000001' } }, footer: { text: 'Sandbox Motors' }, action: { buttons: buttons(3) } }),
				interactive({ type: 'list', header: { type: 'text', text: 'Models' }, action: { button: 'See models', sections: [{ title: 'Vans', rows: [{ id: 'v1', title: 'Van 1', description: 'Big' }] }, { title: 'Cars', rows: [{ id: 'c1', title: 'Car 1' }] }] } }),
				interactive({ type: 'cta_url', action: { name: 'cta_url', parameters: { display_text: 'Open', url: 'https://example.com' } } }),
				flow({ flow_id: '3000000000000001', flow_action: 'navigate', flow_action_payload: { screen: 'WELCOME', data: { name: 'Ana' } } }),
				flow({ flow_name: 'Draft', mode: 'draft' }),
			]);
			expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
		});

		it('accepts a location request message: a body and the send_location action', async () => {
			expect((await interactive({ type: 'location_request_message', action: { name: 'send_location' } })).status).toBe(200);
			const { json } = await send({ to: USER, type: 'interactive', interactive: { type: 'location_request_message', action: { name: 'send_location' } } });
			expect(json.error.error_data.details).toMatch(/interactive.body/);
		});

		it.each([
			['4 reply buttons', { type: 'button', action: { buttons: buttons(4) } }, /1 to 3 entries/],
			['a button title over 20 characters', { type: 'button', action: { buttons: buttons(1, () => 'x'.repeat(21)) } }, /at most 20/],
			['two buttons with one title', { type: 'button', action: { buttons: buttons(2, () => 'Same') } }, /unique/],
			['a list with a media header', { type: 'list', header: { type: 'image', image: { id: '900000000000001' } }, action: { button: 'Go', sections: [{ rows: [{ id: 'a', title: 'A' }] }] } }, /header.type/],
			['a list of 11 rows', { type: 'list', action: { button: 'Go', sections: [{ title: 'A', rows: Array.from({ length: 6 }, (_, i) => ({ id: `a${i}`, title: 'A' })) }, { title: 'B', rows: Array.from({ length: 5 }, (_, i) => ({ id: `b${i}`, title: 'B' })) }] } }, /at most 10 rows/],
			['sections without titles', { type: 'list', action: { button: 'Go', sections: [{ rows: [{ id: 'a', title: 'A' }] }, { rows: [{ id: 'b', title: 'B' }] }] } }, /sections\[0\].title/],
			['a CTA without url', { type: 'cta_url', action: { name: 'cta_url', parameters: { display_text: 'Open' } } }, /url/],
			['an unknown interactive type', { type: 'carousel_of_dreams', action: {} }, /interactive.type/],
		])('refuses %s', async (_title, value, details) => {
			const { json } = await interactive(value);
			expect(json.error.error_data.details).toMatch(details);
		});

		it('accepts catalog, single-product (with or without body) and multi-product messages', async () => {
			const items = (...ids: string[]) => ids.map((id) => ({ product_retailer_id: id }));
			const answers = await Promise.all([
				interactive({ type: 'catalog_message', action: { name: 'catalog_message', parameters: { thumbnail_product_retailer_id: 'helmet-01' } } }),
				interactive({ type: 'catalog_message', action: { name: 'catalog_message' } }),
				interactive({ type: 'product', action: { catalog_id: '194836987003835', product_retailer_id: 'helmet-01' } }),
				send({ to: USER, type: 'interactive', interactive: { type: 'product', action: { catalog_id: '194836987003835', product_retailer_id: 'helmet-01' } } }),
				interactive({ type: 'product_list', header: { type: 'text', text: 'Helmets' }, action: { catalog_id: '194836987003835', sections: [{ title: 'Helmets', product_items: items('h1', 'h2') }, { title: 'Gloves', product_items: items('g1') }] } }),
			]);
			expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
		});

		it.each([
			['a catalog message with a header', { type: 'catalog_message', header: { type: 'text', text: 'x' }, action: { name: 'catalog_message' } }, /has no header/],
			['a product without catalog', { type: 'product', action: { product_retailer_id: 'h1' } }, /catalog_id' is required/],
			['a product list without header', { type: 'product_list', action: { catalog_id: '1', sections: [{ product_items: [{ product_retailer_id: 'h1' }] }] } }, /header' is required/],
			['a product list with an image header', { type: 'product_list', header: { type: 'image', image: { id: '900000000000001' } }, action: { catalog_id: '1', sections: [] } }, /header.type/],
			['a product list of 31 products', { type: 'product_list', header: { type: 'text', text: 'x' }, action: { catalog_id: '1', sections: [{ title: 'A', product_items: Array.from({ length: 16 }, (_, i) => ({ product_retailer_id: `a${i}` })) }, { title: 'B', product_items: Array.from({ length: 15 }, (_, i) => ({ product_retailer_id: `b${i}` })) }] } }, /at most 30 products/],
			['a product list with an untitled section of two', { type: 'product_list', header: { type: 'text', text: 'x' }, action: { catalog_id: '1', sections: [{ title: 'A', product_items: [{ product_retailer_id: 'a' }] }, { product_items: [{ product_retailer_id: 'b' }] }] } }, /sections\[1\]\.title/],
			['a location request with a header', { type: 'location_request_message', header: { type: 'text', text: 'x' }, action: { name: 'send_location' } }, /has no header/],
			['a location request with a footer', { type: 'location_request_message', footer: { text: 'x' }, action: { name: 'send_location' } }, /has no footer/],
			['a location request with another action', { type: 'location_request_message', action: { name: 'cta_url' } }, /action.name/],
		])('refuses %s', async (_title, value, details) => {
			const { json } = await interactive(value);
			expect(json.error.error_data.details).toMatch(details);
		});

		it('refuses a draft Flow outside draft mode, an unknown Flow and an unknown screen', async () => {
			expect((await flow({ flow_id: '3000000000000002' })).json.error.error_data.details).toMatch(/DRAFT; send it with mode "draft"/);
			expect((await flow({ flow_id: '1' })).json.error.error_data.details).toMatch(/does not exist/);
			expect((await flow({ flow_id: '3000000000000001', flow_action_payload: { screen: 'NOPE' } })).json.error.error_data.details).toMatch(/no screen NOPE/);
		});
	});

	describe('the 24-hour customer-service window', () => {
		it('refuses a free-form message to a contact who never wrote with 131047, and accepts it once they have', async () => {
			const refused = await send({ to: USER, text: { body: 'Hi' } });
			expect(refused.status).toBe(400);
			expect(refused.json).toEqual(graphError(131047, /more than 24 hours have passed/));
			expect(refused.json.error.message).toBe('(#131047) Re-engagement message');
			await openWindow();
			expect((await send({ to: USER, text: { body: 'Hi' } })).status).toBe(200);
		});

		it('closes 24 hours after the contact\'s last message, per business number', async () => {
			await openWindow({ from: USER, at: Date.now() - 24 * 3600_000 - 1000 });
			expect((await send({ to: USER, text: { body: 'Hi' } })).json.error.code).toBe(131047);
			await openWindow({ from: USER, at: Date.now() - 23 * 3600_000 });
			expect((await send({ to: USER, text: { body: 'Hi' } })).status).toBe(200);
			sandbox.seed({ phoneNumbers: [{ id: '120000000000001' }] });
			expect((await send({ to: USER, text: { body: 'Hi' } }, '120000000000001')).json.error.code).toBe(131047);
		});

		it('applies to reactions, media and interactive messages too', async () => {
			for (const body of [
				{ type: 'reaction', reaction: { message_id: 'wamid.A', emoji: '👍' } },
				{ type: 'image', image: { link: 'https://example.com/a.jpg' } },
				{ type: 'interactive', interactive: { type: 'cta_url', body: { text: 'x' }, action: { name: 'cta_url', parameters: { display_text: 'Open', url: 'https://example.com' } } } },
			]) {
				expect((await send({ to: USER, ...body })).json.error.code).toBe(131047);
			}
		});

		it('is opened by an inbound message the sandbox delivers through POST /__sandbox/webhook, and by seeded contacts', async () => {
			await control('webhook', {
				url: 'http://127.0.0.1:9/unreachable',
				payload: { object: 'whatsapp_business_account', entry: [{ id: sandbox.state.wabaId, changes: [{ field: 'messages', value: { metadata: { phone_number_id: PHONE_ID }, messages: [{ from: '16505550001', id: 'wamid.IN1', type: 'text', text: { body: 'Hi' } }] } }] }] },
			}).catch(() => undefined);
			expect((await send({ to: '16505550001', text: { body: 'Hello' } })).status).toBe(200);
			sandbox.seed({ contacts: [{ wa_id: '16505550002', windowOpen: true }] });
			expect((await send({ to: '16505550002', text: { body: 'Hello' } })).status).toBe(200);
		});

		it('shares the window between a contact\'s phone number and user ID', async () => {
			sandbox.seed({ contacts: [{ wa_id: USER, user_id: USER_ID, windowOpen: [PHONE_ID] }] });
			expect((await send({ recipient: USER_ID, text: { body: 'Hi' } })).status).toBe(200);
		});
	});

	describe('per-recipient refusals', () => {
		it('answers 131026 for an undeliverable recipient, even for templates', async () => {
			sandbox.seed({ contacts: [{ wa_id: USER, undeliverable: true, windowOpen: true }], templates: [{ name: 'hello', language: 'en_US', components: [{ type: 'BODY', text: 'Hello!' }] }] });
			expect((await send({ to: USER, text: { body: 'x' } })).json).toEqual(graphError(131026));
			expect((await send({ to: USER, type: 'template', template: { name: 'hello', language: { code: 'en_US' } } })).json.error.code).toBe(131026);
		});
	});

	describe('mark as read', () => {
		it('marks a received message read, with the typing indicator, and answers success', async () => {
			const { id } = await openWindow();
			const { status, json } = await send({ status: 'read', message_id: id, typing_indicator: { type: 'text' } });
			expect(status).toBe(200);
			expect(json).toEqual({ success: true });
			expect((await control('state')).messaging.inbound).toEqual([expect.objectContaining({ id, readAt: expect.any(Number) })]);
		});

		it('marks a seeded inbound message read (seed key inboundMessages, as e2e cases use it)', async () => {
			sandbox.seed({ inboundMessages: [{ id: 'wamid.SEEDED1', from: '16505550003', phoneNumberId: PHONE_ID }] });
			expect((await send({ status: 'read', message_id: 'wamid.SEEDED1' })).json).toEqual({ success: true });
			expect((await send({ to: '16505550003', text: { body: 'Thanks!' }, context: { message_id: 'wamid.SEEDED1' } })).status).toBe(200);
		});

		it('refuses a message the number never received, and a bad typing indicator', async () => {
			const { id } = await openWindow();
			expect((await send({ status: 'read', message_id: 'wamid.NOPE' })).json.error.code).toBe(131009);
			expect((await send({ status: 'read', message_id: id, typing_indicator: { type: 'audio' } })).json.error.error_data.details).toMatch(/typing_indicator/);
			expect((await send({ status: 'delivered', message_id: id })).json.error.code).toBe(131009);
		});
	});

	it('serves the edges only on phone numbers', async () => {
		expect((await post(`${sandbox.state.wabaId}/messages`, { messaging_product: 'whatsapp', to: USER, text: { body: 'x' } })).json.error.code).toBe(100);
	});
});
