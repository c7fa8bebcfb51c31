import type { IDataObject } from 'n8n-workflow';

import { useSandbox } from '../helpers/sandbox';
import { builderTemplateCreate as create } from '../helpers/templateCreate';
import { jsonOf, runNode, sandboxCredential } from '../helpers/workflow';

/** A tiny PNG (1x1), enough for the sandbox's upload and hash. In hex: its base64 form holds runs that secret scanners take for a Meta token. */
const PNG = Buffer.from(
	'89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63fccfc0500f000485018084a98c210000000049454e44ae426082',
	'hex',
);

describe('Template > Create through WorkflowExecute', () => {
	const sandbox = useSandbox();

	it('creates a template from the builder and returns id, status and category', async () => {
		const result = await runNode({
			parameters: create({
				headerType: 'text',
				headerText: 'Order {{1}}',
				headerExample: '#1029',
				footerText: 'Reply STOP to opt out',
				buttons: {
					button: [
						{ type: 'quickReply', text: 'Thanks' },
						{ type: 'quickReply', text: 'Help' },
						{ type: 'url', text: 'Track', url: 'https://shop.example/track/{{1}}', urlExample: 'https://shop.example/track/A1029' },
						{ type: 'phoneNumber', text: 'Call us', phoneNumber: '+15550051234' },
					],
				},
			}),
			credential: sandboxCredential(sandbox),
		});
		expect(result.error).toBeUndefined();
		const [output] = jsonOf(result);
		expect(output).toEqual({ id: expect.stringMatching(/^\d+$/), status: 'PENDING', category: 'UTILITY' });
		const calls = sandbox.requestsTo('POST', '/message_templates');
		expect(calls).toHaveLength(1);
		expect(calls[0].graphPath).toBe(`/${sandbox.state.wabaId}/message_templates`);
		expect(calls[0].body).toEqual({
			name: 'order_shipped',
			language: 'en_US',
			category: 'UTILITY',
			parameter_format: 'POSITIONAL',
			components: [
				{ type: 'HEADER', format: 'TEXT', text: 'Order {{1}}', example: { header_text: ['#1029'] } },
				{ type: 'BODY', text: 'Hi {{1}}, your order {{2}} has shipped.', example: { body_text: [['Maria', 'A-1029']] } },
				{ type: 'FOOTER', text: 'Reply STOP to opt out' },
				{
					type: 'BUTTONS',
					buttons: [
						{ type: 'QUICK_REPLY', text: 'Thanks' },
						{ type: 'QUICK_REPLY', text: 'Help' },
						{ type: 'URL', text: 'Track', url: 'https://shop.example/track/{{1}}', example: ['https://shop.example/track/A1029'] },
						{ type: 'PHONE_NUMBER', text: 'Call us', phone_number: '+15550051234' },
					],
				},
			],
		});
		expect(sandbox.state.templates.get(String(output.id))).toMatchObject({ name: 'order_shipped', status: 'PENDING' });
	});

	it('creates a named-parameter template from raw JSON', async () => {
		const components = [
			{ type: 'BODY', text: 'Hello {{first_name}}, your code is ready.', example: { body_text_named_params: [{ param_name: 'first_name', example: 'Ana' }] } },
			{ type: 'BUTTONS', buttons: [{ type: 'COPY_CODE', example: 'SAVE10' }, { type: 'FLOW', text: 'Book', flow_id: '77', flow_action: 'NAVIGATE', navigate_screen: 'START' }] },
		];
		const result = await runNode({
			parameters: create({ category: 'MARKETING', parameterFormat: 'NAMED', componentsSource: 'json', componentsJson: JSON.stringify(components) }),
			credential: sandboxCredential(sandbox),
		});
		expect(jsonOf(result)).toEqual([{ id: expect.any(String), status: 'PENDING', category: 'MARKETING' }]);
		expect(sandbox.requestsTo('POST', '/message_templates')[0].body).toMatchObject({ parameter_format: 'NAMED', components });
	});

	it('sends a message TTL within the category\'s range, and refuses one outside it naming the field', async () => {
		const created = await runNode({ parameters: create({ additionalFields: { messageSendTtlSeconds: 3600 } }), credential: sandboxCredential(sandbox) });
		expect(created.error).toBeUndefined();
		expect(sandbox.requestsTo('POST', '/message_templates')[0].body).toMatchObject({ name: 'order_shipped', message_send_ttl_seconds: 3600 });
		expect(sandbox.state.templates.get(String(jsonOf(created)[0].id))?.message_send_ttl_seconds).toBe(3600);
		sandbox.clearRequests();
		const marketing = await runNode({
			parameters: create({ name: 'summer_sale', category: 'MARKETING', additionalFields: { messageSendTtlSeconds: 3600 } }),
			credential: sandboxCredential(sandbox),
		});
		expect(marketing.error?.message).toBe(
			'Template: field "message_send_ttl_seconds" must be 12 hours (43,200) to 30 days (2,592,000) for MARKETING templates (it is 3600)',
		);
		expect(sandbox.requests).toHaveLength(0);
	});

	describe('types Meta documents beyond the builder', () => {
		const body = { type: 'BODY', text: 'Hi {{1}}, we have news for you.', example: { body_text: [['Ana']] } };
		const documented: Array<[string, Array<Record<string, unknown>>]> = [
			['a call button and a URL example in suffix form', [body, { type: 'BUTTONS', buttons: [{ type: 'voice_call', text: 'Call us' }, { type: 'URL', text: 'Shop', url: 'https://shop.example/promo/{{1}}', example: ['summer2023'] }] }]],
			['a checkout (order details) button', [body, { type: 'BUTTONS', buttons: [{ type: 'ORDER_DETAILS', text: 'Review and pay' }] }]],
			['a call permission request', [body, { type: 'call_permission_request' }]],
		];
		it.each(documented)('sends %s and Meta accepts it', async (_name, components) => {
			const result = await runNode({ parameters: create({ componentsSource: 'json', componentsJson: JSON.stringify(components) }), credential: sandboxCredential(sandbox) });
			expect(result.error).toBeUndefined();
			expect(jsonOf(result)).toEqual([{ id: expect.any(String), status: 'PENDING', category: 'UTILITY' }]);
			expect(sandbox.requestsTo('POST', '/message_templates')[0].body).toMatchObject({ components });
		});

		it('creates a product card carousel, and refuses cards that differ before sending anything', async () => {
			const card = (button: Record<string, unknown>) => ({ components: [{ type: 'HEADER', format: 'PRODUCT' }, { type: 'BUTTONS', buttons: [button] }] });
			const view = card({ type: 'SPM', text: 'View' });
			const components = [body, { type: 'CAROUSEL', cards: [view, view, view] }];
			const result = await runNode({
				parameters: create({ name: 'helmet_cards', category: 'MARKETING', componentsSource: 'json', componentsJson: JSON.stringify(components) }),
				credential: sandboxCredential(sandbox),
			});
			expect(jsonOf(result)).toEqual([{ id: expect.any(String), status: 'PENDING', category: 'MARKETING' }]);
			expect(sandbox.requestsTo('POST', '/message_templates')[0].body).toMatchObject({ name: 'helmet_cards', components });
			sandbox.clearRequests();
			const shop = card({ type: 'URL', text: 'Buy', url: 'https://shop.example/helmet' });
			const mixed = await runNode({
				parameters: create({ name: 'mixed_cards', category: 'MARKETING', componentsSource: 'json', componentsJson: JSON.stringify([body, { type: 'CAROUSEL', cards: [view, shop] }]) }),
				credential: sandboxCredential(sandbox),
			});
			expect(mixed.error?.message).toBe(
				'CAROUSEL component: field "cards[1]" must have the same components as card 1 (PRODUCT header, buttons SPM); it has PRODUCT header, buttons URL',
			);
			expect(mixed.error?.description).toContain('No request was sent to Meta.');
			expect(sandbox.requests).toHaveLength(0);
		});

		it('passes an unknown type through to Meta and reports Meta\'s answer', async () => {
			const components = [body, { type: 'BUTTONS', buttons: [{ type: 'TELEPORT', text: 'Go' }] }];
			const result = await runNode({ parameters: create({ componentsSource: 'json', componentsJson: JSON.stringify(components) }), credential: sandboxCredential(sandbox) });
			expect(result.error?.message).toMatch(/^Meta error 100: /);
			expect(sandbox.requestsTo('POST', '/message_templates')).toHaveLength(1);
			expect(sandbox.requestsTo('POST', '/message_templates')[0].body).toMatchObject({ components });
		});
	});

	it('uploads a binary header sample through the resumable upload API and sends its handle', async () => {
		const result = await runNode({
			parameters: create({ category: 'MARKETING', headerType: 'image', headerSampleSource: 'binary', headerBinaryProperty: 'banner' }),
			credential: sandboxCredential(sandbox),
			items: [{ json: {}, binary: { banner: { data: PNG.toString('base64'), mimeType: 'image/png', fileName: 'banner.png' } } }],
		});
		expect(result.error).toBeUndefined();
		const session = sandbox.requestsTo('POST', `/${sandbox.state.appId}/uploads`);
		expect(session).toHaveLength(1);
		expect(session[0].query).toEqual({ file_name: 'banner.png', file_length: String(PNG.length), file_type: 'image/png' });
		const upload = sandbox.requests.filter((r) => r.graphPath.startsWith('/upload:'));
		expect(upload).toHaveLength(1);
		expect(upload[0].headers.file_offset).toBe('0');
		// Meta's upload guide: the bytes go with "Authorization: OAuth <token>" (the log masks the token).
		expect(upload[0].headers.authorization).toBe('OAuth ***');
		expect(upload[0].query).toEqual({});
		expect(session[0].headers.authorization).toBe('Bearer ***');
		expect(upload[0].rawSize).toBe(PNG.length);
		const [handle] = [...sandbox.state.uploadHandles.keys()];
		expect(handle).toMatch(/^4::/);
		const createCall = sandbox.requestsTo('POST', '/message_templates')[0];
		expect((createCall.body as IDataObject).components).toContainEqual({ type: 'HEADER', format: 'IMAGE', example: { header_handle: [handle] } });
		// Order: session, bytes, then the template.
		expect(sandbox.requests.map((r) => r.seq)).toEqual([...sandbox.requests.map((r) => r.seq)].sort((a, b) => a - b));
		expect(sandbox.requests.map((r) => r.graphPath.split('/')[1].replace(/^upload:.*/, 'upload'))).toEqual([sandbox.state.appId, 'upload', sandbox.state.wabaId]);
	});

	it('leaves the parameter-to-word ratio to Meta (no published threshold) and explains its 2388293', async () => {
		// Meta documents 2388293 "Parameters words ratio exceeds limit" without a number, so a dense body is sent as is.
		const dense = {
			bodyText: 'Hi {{1}} {{2}} {{3}} {{4}} ok',
			bodyExamples: { example: ['1', '2', '3', '4'].map((variable) => ({ variable, value: `v${variable}` })) },
		};
		sandbox.faults.queue.push({
			method: 'POST',
			pathIncludes: '/message_templates',
			body: {
				error: {
					message: 'Invalid parameter',
					type: 'OAuthException',
					code: 100,
					error_subcode: 2388293,
					error_user_title: 'Parameters words ratio exceeds limit',
					error_user_msg: 'This template has too many variables for its length.',
					fbtrace_id: 'Aratio1',
				},
			},
		});
		const result = await runNode({ parameters: create(dense), credential: sandboxCredential(sandbox) });
		expect(sandbox.requestsTo('POST', '/message_templates')).toHaveLength(1);
		expect(result.error?.message).toMatch(/^Meta error 100\/2388293/);
		expect(result.error?.description).toContain('Too many variables for the length of the text');
	});

	it('downloads a sample given by URL (without the token) and uploads it', async () => {
		const pdf = Buffer.from('%PDF-1.4 sample');
		sandbox.state.publicFiles.set('menu.pdf', { data: pdf, contentType: 'application/pdf' });
		const result = await runNode({
			parameters: create({ headerType: 'document', headerSampleSource: 'url', headerSampleUrl: `${sandbox.url}/samples/menu.pdf` }),
			credential: sandboxCredential(sandbox),
		});
		expect(result.error).toBeUndefined();
		const download = sandbox.requests.find((r) => r.path === '/samples/menu.pdf')!;
		expect(download.headers.authorization).toBeUndefined();
		expect(sandbox.requestsTo('POST', '/uploads')[0].query).toMatchObject({ file_name: 'menu.pdf', file_type: 'application/pdf', file_length: String(pdf.length) });
		const header = ((sandbox.requestsTo('POST', '/message_templates')[0].body as IDataObject).components as IDataObject[])[0];
		expect(header).toEqual({ type: 'HEADER', format: 'DOCUMENT', example: { header_handle: [expect.stringMatching(/^4::/)] } });
	});

	it('checks a URL sample after download and sends nothing to Meta when it is the wrong type', async () => {
		sandbox.state.publicFiles.set('clip.gif', { data: Buffer.from('GIF89a'), contentType: 'image/gif' });
		const result = await runNode({
			parameters: create({ headerType: 'image', headerSampleSource: 'url', headerSampleUrl: `${sandbox.url}/samples/clip.gif` }),
			credential: sandboxCredential(sandbox),
		});
		expect(result.error?.message).toBe(
			'HEADER component: field "sample file" must be image/jpeg or image/jpg or image/png for a image header (got image/gif)',
		);
		expect(sandbox.requests.filter((r) => r.path.startsWith('/v'))).toHaveLength(0);
	});

	describe('refuses before sending anything', () => {
		const cases: Array<[string, IDataObject, string]> = [
			['name format', { name: 'Order-Shipped' }, 'Template: field "name" may contain only lowercase letters, digits and underscores (_)'],
			['name length', { name: 'a'.repeat(513) }, 'Template: field "name" must be at most 512 characters (it has 513)'],
			// An expression that resolves to nothing: n8n itself refuses an empty literal in a required field.
			['name required', { name: '={{ "" }}' }, 'Template: field "name" is required'],
			['language', { language: 'English' }, 'Template: field "language" must be a language code such as en, en_US or pt_BR'],
			['body required', { bodyText: '={{ "" }}', bodyExamples: {} }, 'BODY component: field "text" is required'],
			['body length', { bodyText: `Hi ${'x'.repeat(1030)}`, bodyExamples: {} }, 'BODY component: field "text" must be at most 1024 characters (it has 1033)'],
			['body leading variable', { bodyText: '{{1}} has shipped, order {{2}}.' }, 'BODY component: field "text" may not start with a variable ({{1}}); add text before it'],
			['body trailing variable', { bodyText: 'Hi {{1}}, order {{2}}' }, 'BODY component: field "text" may not end with a variable ({{2}}); add text after it'],
			['body examples', { bodyExamples: { example: [{ variable: '1', value: 'Maria' }] } }, 'BODY component: field "example.body_text" needs a non-empty example for {{2}}'],
			['body no examples', { bodyExamples: {} }, 'BODY component: field "example.body_text" needs example values for {{1}}, {{2}}'],
			['body gaps', { bodyText: 'Hi {{1}}, order {{3}} shipped.' }, 'BODY component: field "text" must number its variables {{1}} to {{2}} without gaps (found {{3}})'],
			[
				'named format',
				{ parameterFormat: 'NAMED', bodyExamples: {} },
				'BODY component: field "text" uses variable {{1}}, but the named parameter format needs lowercase letters, digits and underscores, starting with a letter',
			],
			['header text length', { headerType: 'text', headerText: 'x'.repeat(61) }, 'HEADER component: field "text" must be at most 60 characters (it has 61)'],
			['header one variable', { headerType: 'text', headerText: '{{1}} and {{2}}', headerExample: 'a' }, 'HEADER component: field "text" may contain at most one variable (it has 2)'],
			['header example', { headerType: 'text', headerText: 'Order {{1}}', headerExample: '' }, 'HEADER component: field "example.header_text" needs exactly one example value for {{1}}'],
			['header line break', { headerType: 'text', headerText: 'Two\nlines' }, 'HEADER component: field "text" may not contain line breaks'],
			['location category', { category: 'AUTHENTICATION', componentsSource: 'json', componentsJson: '[{"type":"HEADER","format":"LOCATION"},{"type":"BODY","add_security_recommendation":true},{"type":"BUTTONS","buttons":[{"type":"OTP","otp_type":"COPY_CODE"}]}]' }, 'HEADER component: field "format" LOCATION is allowed only in UTILITY and MARKETING templates'],
			['authentication builder', { category: 'AUTHENTICATION' }, 'Template: field "Define Components" must be "Using JSON" for AUTHENTICATION templates: Meta supplies their text and they need a one-time-password button'],
			['footer length', { footerText: 'x'.repeat(61) }, 'FOOTER component: field "text" must be at most 60 characters (it has 61)'],
			['footer variable', { footerText: 'Code {{1}}' }, 'FOOTER component: field "text" may not contain variables'],
			['too many buttons', { buttons: { button: Array.from({ length: 11 }, () => ({ type: 'quickReply', text: 'Yes' })) } }, 'BUTTONS component: field "buttons" may hold at most 10 buttons in all (it has 11)'],
			['quick reply text', { buttons: { button: [{ type: 'quickReply', text: 'x'.repeat(26) }] } }, 'BUTTONS component: field "buttons[0].text" must be at most 25 characters (it has 26)'],
			['quick reply contiguous', { buttons: { button: [{ type: 'quickReply', text: 'A' }, { type: 'phoneNumber', text: 'Call', phoneNumber: '+15550051234' }, { type: 'quickReply', text: 'B' }] } }, 'BUTTONS component: field "buttons" must keep quick reply buttons together (e.g. quick reply, quick reply, URL; not quick reply, URL, quick reply)'],
			['three URL buttons', { buttons: { button: [1, 2, 3].map(() => ({ type: 'url', text: 'Go', url: 'https://a.example' })) } }, 'BUTTONS component: field "buttons" may hold at most 2 URL buttons (it has 3)'],
			['URL variable position', { buttons: { button: [{ type: 'url', text: 'Go', url: 'https://a.example/{{1}}/x', urlExample: 'https://a.example/1/x' }] } }, 'BUTTONS component: field "buttons[0].url" may have its variable only at the end of the address'],
			['URL example', { buttons: { button: [{ type: 'url', text: 'Go', url: 'https://a.example/{{1}}' }] } }, 'BUTTONS component: field "buttons[0].example" needs an example for the URL variable (the full address, or the value of {{1}})'],
			['two phone buttons', { buttons: { button: [1, 2].map(() => ({ type: 'phoneNumber', text: 'Call', phoneNumber: '+15550051234' })) } }, 'BUTTONS component: field "buttons" may hold at most 1 phone number button (it has 2)'],
			['phone length', { buttons: { button: [{ type: 'phoneNumber', text: 'Call', phoneNumber: '+1555005123400000000000' }] } }, 'BUTTONS component: field "buttons[0].phone_number" must be at most 20 characters'],
			['two copy code buttons', { buttons: { button: [1, 2].map(() => ({ type: 'copyCode', code: 'SAVE' })) } }, 'BUTTONS component: field "buttons" may hold at most 1 copy code button (it has 2)'],
			['copy code length', { buttons: { button: [{ type: 'copyCode', code: 'X'.repeat(16) }] } }, 'BUTTONS component: field "buttons[0].example" must be at most 15 characters'],
			['flow ID', { buttons: { button: [{ type: 'flow', text: 'Book', flowId: '', flowAction: 'data_exchange' }] } }, 'BUTTONS component: field "buttons[0].flow_id" is required (or exactly one of flow_name, flow_json)'],
			['flow screen', { buttons: { button: [{ type: 'flow', text: 'Book', flowId: '7', flowAction: 'navigate', navigateScreen: '' }] } }, 'BUTTONS component: field "buttons[0].navigate_screen" is required when flow_action is NAVIGATE'],
			['JSON syntax', { componentsSource: 'json', componentsJson: '[{"type":' }, 'Field "Components (JSON)": must be valid JSON'],
			['sample type', { headerType: 'image', headerSampleSource: 'binary', headerBinaryProperty: 'data' }, 'HEADER component: field "sample file" must be image/jpeg or image/jpg or image/png for a image header (got application/pdf)'],
			['sample URL', { headerType: 'video', headerSampleSource: 'url', headerSampleUrl: 'not a url' }, 'HEADER component: field "Sample File URL" must be an http:// or https:// address'],
			['header emoji', { headerType: 'text', headerText: 'Sale 🎉' }, 'HEADER component: field "text" may not contain emoji'],
			['named header example', { parameterFormat: 'NAMED', headerType: 'text', headerText: 'Order {{order_id}}', headerExample: '', bodyText: 'Your order has shipped.', bodyExamples: {} }, 'HEADER component: field "example.header_text_named_params" needs an example for {{order_id}}'],
			['named body example unused', { parameterFormat: 'NAMED', bodyText: 'Hi {{name}}, thanks.', bodyExamples: { example: [{ variable: 'name', value: 'Ana' }, { variable: 'city', value: 'Rome' }] } }, 'BODY component: field "example.body_text_named_params" has an example for {{city}}, which the text does not use'],
			['body example count', { bodyExamples: { example: [{ variable: '1', value: 'a' }, { variable: '2', value: 'b' }, { variable: '3', value: 'c' }] } }, 'BODY component: field "example.body_text" must give exactly 2 example value(s), one per variable (it gives 3)'],
			['footer line break', { footerText: 'Line\nbreak' }, 'FOOTER component: field "text" may not contain line breaks'],
			['footer emoji', { footerText: 'Thanks 🙏' }, 'FOOTER component: field "text" may not contain emoji'],
			['button text required', { buttons: { button: [{ type: 'quickReply', text: '' }] } }, 'BUTTONS component: field "buttons[0].text" is required'],
			['URL required', { buttons: { button: [{ type: 'url', text: 'Go', url: '' }] } }, 'BUTTONS component: field "buttons[0].url" is required'],
			['URL scheme', { buttons: { button: [{ type: 'url', text: 'Go', url: 'ftp://a.example' }] } }, 'BUTTONS component: field "buttons[0].url" must be an http:// or https:// address'],
			['URL variable name', { buttons: { button: [{ type: 'url', text: 'Go', url: 'https://a.example/{{2}}', urlExample: 'https://a.example/x' }] } }, 'BUTTONS component: field "buttons[0].url" must write its variable as {{1}}'],
			['URL two variables', { buttons: { button: [{ type: 'url', text: 'Go', url: 'https://a.example/{{1}}/{{1}}', urlExample: 'https://a.example/x/y' }] } }, 'BUTTONS component: field "buttons[0].url" may contain at most one variable'],
			['phone required', { buttons: { button: [{ type: 'phoneNumber', text: 'Call', phoneNumber: '' }] } }, 'BUTTONS component: field "buttons[0].phone_number" is required'],
			['phone format', { buttons: { button: [{ type: 'phoneNumber', text: 'Call', phoneNumber: 'call me' }] } }, 'BUTTONS component: field "buttons[0].phone_number" must be a phone number with country code, e.g. +15550051234'],
			['copy code required', { buttons: { button: [{ type: 'copyCode', code: '' }] } }, 'BUTTONS component: field "buttons[0].example" needs the sample code to copy'],
			['JSON not a list', { componentsSource: 'json', componentsJson: JSON.stringify({ type: 'BODY', text: 'Hi' }) }, 'Template: field "components" must be a JSON array of components'],
			['JSON no body', { componentsSource: 'json', componentsJson: JSON.stringify([{ type: 'FOOTER', text: 'Bye' }]) }, 'BODY component: field "text" is required: every template needs a body'],
			['JSON component type missing', { componentsSource: 'json', componentsJson: JSON.stringify([{ type: 'BODY', text: 'Hello there.' }, { text: 'Hi' }]) }, 'Template: field "components[1].type" is required (HEADER, BODY, FOOTER, BUTTONS, CAROUSEL, LIMITED_TIME_OFFER, CALL_PERMISSION_REQUEST, or another type Meta documents)'],
			['JSON call permission in authentication', { category: 'AUTHENTICATION', componentsSource: 'json', componentsJson: JSON.stringify([{ type: 'BODY' }, { type: 'CALL_PERMISSION_REQUEST' }, { type: 'BUTTONS', buttons: [{ type: 'OTP', otp_type: 'COPY_CODE' }] }]) }, 'CALL_PERMISSION_REQUEST component: field "type" is allowed only in MARKETING and UTILITY templates'],
			['JSON component twice', { componentsSource: 'json', componentsJson: JSON.stringify([{ type: 'BODY', text: 'Hello there.' }, { type: 'BODY', text: 'Hello there.' }]) }, 'BODY component: field "type" may appear only once (it appears 2 times)'],
			['JSON header format', { componentsSource: 'json', componentsJson: JSON.stringify([{ type: 'HEADER', format: 'AUDIO' }, { type: 'BODY', text: 'Hello there.' }]) }, 'HEADER component: field "format" must be one of TEXT, IMAGE, VIDEO, GIF, DOCUMENT, LOCATION'],
			['JSON media header handle', { componentsSource: 'json', componentsJson: JSON.stringify([{ type: 'HEADER', format: 'VIDEO' }, { type: 'BODY', text: 'Hello there.' }]) }, 'HEADER component: field "example.header_handle" needs one sample file handle from the Resumable Upload API for a video header'],
			['JSON media header text', { componentsSource: 'json', componentsJson: JSON.stringify([{ type: 'HEADER', format: 'IMAGE', text: 'Hi', example: { header_handle: ['4::x'] } }, { type: 'BODY', text: 'Hello there.' }]) }, 'HEADER component: field "text" is not allowed with a image header'],
			['JSON empty buttons', { componentsSource: 'json', componentsJson: JSON.stringify([{ type: 'BODY', text: 'Hello there.' }, { type: 'BUTTONS', buttons: [] }]) }, 'BUTTONS component: field "buttons" must list at least one button'],
			['JSON button type missing', { componentsSource: 'json', componentsJson: JSON.stringify([{ type: 'BODY', text: 'Hello there.' }, { type: 'BUTTONS', buttons: [{ text: 'Go' }] }]) }, 'BUTTONS component: field "buttons[0].type" is required (QUICK_REPLY, URL, PHONE_NUMBER, VOICE_CALL, COPY_CODE, FLOW, OTP, MPM, SPM, CATALOG, ORDER_DETAILS, or another type Meta documents)'],
			['JSON OTP outside authentication', { componentsSource: 'json', componentsJson: JSON.stringify([{ type: 'BODY', text: 'Hello there.' }, { type: 'BUTTONS', buttons: [{ type: 'OTP', otp_type: 'COPY_CODE' }] }]) }, 'BUTTONS component: field "buttons[0].type" OTP buttons are allowed only in AUTHENTICATION templates'],
			['JSON flow action', { componentsSource: 'json', componentsJson: JSON.stringify([{ type: 'BODY', text: 'Hello there.' }, { type: 'BUTTONS', buttons: [{ type: 'FLOW', text: 'Book', flow_id: '7', flow_action: 'JUMP' }] }]) }, 'BUTTONS component: field "buttons[0].flow_action" must be one of NAVIGATE, DATA_EXCHANGE'],
			['authentication body text', { category: 'AUTHENTICATION', ...{ componentsSource: 'json', componentsJson: JSON.stringify([{ type: 'BODY', text: 'Your code' }, { type: 'BUTTONS', buttons: [{ type: 'OTP', otp_type: 'COPY_CODE' }] }]) } }, 'BODY component: field "text" is not allowed in AUTHENTICATION templates: Meta supplies the text'],
			['authentication header', { category: 'AUTHENTICATION', ...{ componentsSource: 'json', componentsJson: JSON.stringify([{ type: 'HEADER', format: 'TEXT', text: 'Code' }, { type: 'BODY', add_security_recommendation: true }, { type: 'BUTTONS', buttons: [{ type: 'OTP', otp_type: 'COPY_CODE' }] }]) } }, 'HEADER component: field "format" is not allowed in AUTHENTICATION templates'],
			['authentication code expiry', { category: 'AUTHENTICATION', ...{ componentsSource: 'json', componentsJson: JSON.stringify([{ type: 'BODY' }, { type: 'FOOTER', code_expiration_minutes: 120 }, { type: 'BUTTONS', buttons: [{ type: 'OTP', otp_type: 'COPY_CODE' }] }]) } }, 'FOOTER component: field "code_expiration_minutes" must be a whole number from 1 to 90'],
			['authentication OTP button', { category: 'AUTHENTICATION', ...{ componentsSource: 'json', componentsJson: JSON.stringify([{ type: 'BODY' }, { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Ok' }] }]) } }, 'BUTTONS component: field "buttons" must be exactly one OTP button in an AUTHENTICATION template'],
			['category', { category: '={{ "PROMO" }}' }, 'Template: field "category" must be one of AUTHENTICATION, MARKETING, UTILITY'],
		];

		it.each(cases)('%s', async (_rule, overrides, message) => {
			const result = await runNode({
				parameters: create(overrides),
				credential: sandboxCredential(sandbox),
				items: [{ json: {}, binary: { data: { data: Buffer.from('%PDF').toString('base64'), mimeType: 'application/pdf', fileName: 'a.pdf' } } }],
			});
			expect(result.error?.message.startsWith(message)).toBe(true);
			expect(result.error?.description).toMatch(/No request was sent to Meta/);
			expect(sandbox.requests).toHaveLength(0);
		});

		it('lists every broken rule in the description', async () => {
			const result = await runNode({ parameters: create({ name: 'Bad Name', footerText: 'x'.repeat(70) }), credential: sandboxCredential(sandbox) });
			expect(result.error?.description).toContain('- Template: field "name" may contain only lowercase letters');
			expect(result.error?.description).toContain('- FOOTER component: field "text" must be at most 60 characters (it has 70)');
			expect(sandbox.requests).toHaveLength(0);
		});

		it('needs the App ID in the credential for a media header', async () => {
			const result = await runNode({
				parameters: create({ headerType: 'image', headerSampleSource: 'binary' }),
				credential: sandboxCredential(sandbox, { appId: '' }),
				items: [{ json: {}, binary: { data: { data: PNG.toString('base64'), mimeType: 'image/png', fileName: 'b.png' } } }],
			});
			expect(result.error?.message).toBe('The credential field "App ID" is empty');
			expect(sandbox.requests).toHaveLength(0);
		});

		it('names a missing binary field', async () => {
			const result = await runNode({ parameters: create({ headerType: 'image', headerSampleSource: 'binary', headerBinaryProperty: 'banner' }), credential: sandboxCredential(sandbox) });
			expect(result.error?.message).toMatch(/banner/);
			expect(sandbox.requests).toHaveLength(0);
		});
	});

	describe('Meta\'s refusals become clear errors', () => {
		it('duplicate name and language (100/2388024)', async () => {
			sandbox.seed({ templates: [{ name: 'order_shipped', language: 'en_US' }] });
			const result = await runNode({ parameters: create(), credential: sandboxCredential(sandbox) });
			expect(result.error?.message).toBe('Meta error 100/2388024: A template named order_shipped already exists in en_US.');
			expect(result.error?.description).toMatch(/already exists in this language .*Use another name/);
			expect(sandbox.requestsTo('POST', '/message_templates')).toHaveLength(1);
		});

		it('template count limit (100/2388019)', async () => {
			sandbox.seed({ templateLimit: 1, templates: [{ name: 'other' }] });
			const result = await runNode({ parameters: create(), credential: sandboxCredential(sandbox) });
			expect(result.error?.message).toMatch(/^Meta error 100\/2388019/);
			expect(result.error?.description).toMatch(/reached its template limit/);
		});

		it('a header handle that did not come from a resumable upload', async () => {
			const components = [
				{ type: 'HEADER', format: 'IMAGE', example: { header_handle: ['4::made-up'] } },
				{ type: 'BODY', text: 'Fresh stock is in.' },
			];
			const result = await runNode({ parameters: create({ componentsSource: 'json', componentsJson: JSON.stringify(components) }), credential: sandboxCredential(sandbox) });
			expect(result.error?.message).toBe('Meta error 100: header_handle 4::made-up is not a valid Resumable Upload handle.');
		});

		it('continue on fail returns the error as an item with Meta\'s codes', async () => {
			sandbox.seed({ templates: [{ name: 'order_shipped', language: 'en_US' }] });
			const result = await runNode({ parameters: create(), credential: sandboxCredential(sandbox), continueOnFail: true });
			expect(jsonOf(result)).toEqual([
				expect.objectContaining({ metaCode: 100, metaSubcode: 2388024, httpCode: '400', fbtraceId: expect.any(String) }),
			]);
		});
	});
});
