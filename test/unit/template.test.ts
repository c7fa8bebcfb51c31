import { PENDING_HANDLE, buildComponents, setHeaderHandle, type BuilderInput } from '../../nodes/WhatsAppBusinessManagement/actions/template/build';
import { validateComponents, type ComponentContext } from '../../nodes/WhatsAppBusinessManagement/actions/template/componentRules';
import { listFilter } from '../../nodes/WhatsAppBusinessManagement/actions/template/graph';
import {
	validateCreateTemplate,
	validateHeaderSample,
	validateMessageTtl,
	validateTemplateName,
} from '../../nodes/WhatsAppBusinessManagement/actions/template/rules';
import { formatProblem, type TemplateProblem } from '../../nodes/WhatsAppBusinessManagement/actions/template/templateProblem';
import { extractVariables } from '../../nodes/WhatsAppBusinessManagement/actions/template/variables';

const messages = (problems: TemplateProblem[]) => problems.map(formatProblem);
/** A BODY component; `null` leaves the example out. */
const body = (text = 'Hello {{1}}, welcome.', example: unknown = { body_text: [['Maria']] }) =>
	example === null ? { type: 'BODY', text } : { type: 'BODY', text, example };
const positional = { parameterFormat: 'POSITIONAL' as const, category: 'UTILITY' };
const named = { parameterFormat: 'NAMED' as const, category: 'UTILITY' };
const withButtons = (buttons: unknown[]) => validateComponents([body(), { type: 'BUTTONS', buttons }], positional);

describe('template name', () => {
	it('accepts lowercase letters, digits and underscores', () => {
		expect(validateTemplateName('order_shipped_2')).toEqual([]);
	});
	it.each([
		['Order', 'may contain only lowercase letters, digits and underscores'],
		['order-shipped', 'may contain only lowercase letters, digits and underscores'],
		['order shipped', 'may contain only lowercase letters, digits and underscores'],
		['', 'is required'],
		['a'.repeat(513), 'must be at most 512 characters (it has 513)'],
	])('refuses a bad name (case %#)', (name, rule) => {
		expect(messages(validateTemplateName(name))[0]).toBe(`Template: field "name" ${rule}${rule.endsWith('underscores') ? ' (_)' : ''}`);
	});
	it('allows exactly 512 characters', () => {
		expect(validateTemplateName('a'.repeat(512))).toEqual([]);
	});
});

describe('create: language and category', () => {
	it('names a bad language and category', () => {
		const problems = validateCreateTemplate({ name: 'ok', language: 'english', category: 'PROMO', parameterFormat: 'POSITIONAL', components: [body()] });
		expect(messages(problems)).toEqual([
			'Template: field "language" must be a language code such as en, en_US or pt_BR',
			'Template: field "category" must be one of AUTHENTICATION, MARKETING, UTILITY',
		]);
	});
});

describe('body', () => {
	it('is required', () => {
		expect(messages(validateComponents([{ type: 'FOOTER', text: 'Bye' }], positional))).toEqual([
			'BODY component: field "text" is required: every template needs a body',
		]);
	});
	it('is at most 1,024 characters', () => {
		expect(messages(validateComponents([body('x'.repeat(1025), null)], positional))).toEqual([
			'BODY component: field "text" must be at most 1024 characters (it has 1025)',
		]);
		expect(validateComponents([body('x'.repeat(1024), null)], positional)).toEqual([]);
	});
	it('may not start or end with a variable', () => {
		expect(messages(validateComponents([body('{{1}} is here', { body_text: [['A']] })], positional))).toEqual([
			'BODY component: field "text" may not start with a variable ({{1}}); add text before it',
		]);
		expect(messages(validateComponents([body('Hello {{1}}', { body_text: [['A']] })], positional))).toEqual([
			'BODY component: field "text" may not end with a variable ({{1}}); add text after it',
		]);
	});
	it('needs one example per positional variable', () => {
		expect(messages(validateComponents([body('Hi {{1}} and {{2}}.', null)], positional))).toEqual([
			'BODY component: field "example.body_text" needs example values for {{1}}, {{2}}',
		]);
		expect(messages(validateComponents([body('Hi {{1}} and {{2}}.', { body_text: [['A']] })], positional))).toEqual([
			'BODY component: field "example.body_text" must give exactly 2 example value(s), one per variable (it gives 1)',
		]);
		expect(messages(validateComponents([body('Hi {{1}} and {{2}}.', { body_text: [['A', '']] })], positional))).toEqual([
			'BODY component: field "example.body_text" needs a non-empty example for {{2}}',
		]);
	});
	it('numbers positional variables without gaps', () => {
		expect(messages(validateComponents([body('Hi {{1}} and {{3}}.', { body_text: [['A', 'B']] })], positional))).toEqual([
			'BODY component: field "text" must number its variables {{1}} to {{2}} without gaps (found {{3}})',
		]);
	});
	it('keeps to the parameter format', () => {
		expect(messages(validateComponents([body('Hi {{name}}.', null)], positional))[0]).toBe(
			'BODY component: field "text" uses variable {{name}}, but the positional parameter format allows only {{1}}, {{2}}, ...',
		);
		expect(messages(validateComponents([body('Hi {{1}}.', null)], named))[0]).toMatch(/uses variable \{\{1\}\}, but the named parameter format/);
	});
	it('needs named examples for every named variable, and none for unused ones', () => {
		const text = 'Hi {{first_name}}, order {{order_id}} shipped.';
		expect(
			validateComponents([body(text, { body_text_named_params: [{ param_name: 'first_name', example: 'Ana' }, { param_name: 'order_id', example: '7' }] })], named),
		).toEqual([]);
		expect(messages(validateComponents([body(text, { body_text_named_params: [{ param_name: 'first_name', example: 'Ana' }, { param_name: 'zip', example: '1' }] })], named))).toEqual([
			'BODY component: field "example.body_text_named_params" needs an example for {{order_id}}',
			'BODY component: field "example.body_text_named_params" has an example for {{zip}}, which the text does not use',
		]);
	});
});

describe('header', () => {
	const namedBody = body('Hi {{name}}, welcome.', { body_text_named_params: [{ param_name: 'name', example: 'Ana' }] });
	const header = (h: Record<string, unknown>, context: ComponentContext = positional) =>
		messages(validateComponents([{ type: 'HEADER', ...h }, context === named ? namedBody : body()], context));
	it('text: at most 60 characters', () => {
		expect(header({ format: 'TEXT', text: 'x'.repeat(61) })).toEqual(['HEADER component: field "text" must be at most 60 characters (it has 61)']);
	});
	it('text: at most one variable, with its example', () => {
		expect(header({ format: 'TEXT', text: 'Order {{1}} {{2}}' })).toEqual(['HEADER component: field "text" may contain at most one variable (it has 2)']);
		expect(header({ format: 'TEXT', text: 'Order {{1}}' })).toEqual(['HEADER component: field "example.header_text" needs exactly one example value for {{1}}']);
		expect(header({ format: 'TEXT', text: 'Order {{1}}', example: { header_text: ['#1'] } })).toEqual([]);
		expect(header({ format: 'TEXT', text: 'Order {{id}}' }, named)).toEqual([
			'HEADER component: field "example.header_text_named_params" needs an example for {{id}}',
		]);
	});
	it('text: no line breaks or emoji', () => {
		expect(header({ format: 'TEXT', text: 'Two\nlines' })).toEqual(['HEADER component: field "text" may not contain line breaks']);
		expect(header({ format: 'TEXT', text: 'Sale 🎉' })).toEqual(['HEADER component: field "text" may not contain emoji']);
	});
	it('media: needs a Resumable Upload handle', () => {
		expect(header({ format: 'IMAGE' })).toEqual([
			'HEADER component: field "example.header_handle" needs one sample file handle from the Resumable Upload API for a image header',
		]);
		expect(header({ format: 'DOCUMENT', example: { header_handle: ['4::abc'] } })).toEqual([]);
	});
	it('location: utility and marketing only', () => {
		expect(header({ format: 'LOCATION' })).toEqual([]);
		expect(messages(validateComponents([{ type: 'HEADER', format: 'LOCATION' }, body()], { parameterFormat: 'POSITIONAL', category: 'AUTHENTICATION' }))).toContain(
			'HEADER component: field "format" LOCATION is allowed only in UTILITY and MARKETING templates',
		);
	});
	it('product (single-product templates): marketing only, with one SPM button, which needs it', () => {
		const view = { type: 'BUTTONS', buttons: [{ type: 'SPM', text: 'View' }] };
		const check = (components: unknown[], category = 'MARKETING') => messages(validateComponents(components, { parameterFormat: 'POSITIONAL', category }));
		expect(check([{ type: 'HEADER', format: 'PRODUCT' }, body(), view])).toEqual([]);
		expect(check([{ type: 'HEADER', format: 'PRODUCT' }, body(), view], 'UTILITY')).toEqual(['HEADER component: field "format" PRODUCT is allowed only in MARKETING templates']);
		expect(check([{ type: 'HEADER', format: 'PRODUCT' }, body()])).toEqual(['BUTTONS component: field "buttons" must be one SPM (View) button with a PRODUCT header']);
		expect(check([body(), view])).toEqual(['HEADER component: field "format" must be PRODUCT for an SPM (View) button: the button opens the header\'s product']);
	});
	it('format must be known, and a header appears once', () => {
		expect(header({ format: 'AUDIO' })).toEqual(['HEADER component: field "format" must be one of TEXT, IMAGE, VIDEO, GIF, DOCUMENT, LOCATION, PRODUCT']);
		expect(messages(validateComponents([{ type: 'HEADER', format: 'LOCATION' }, { type: 'HEADER', format: 'LOCATION' }, body()], positional))).toEqual([
			'HEADER component: field "type" may appear only once (it appears 2 times)',
		]);
	});
});

describe('carousel', () => {
	const marketing = { parameterFormat: 'POSITIONAL' as const, category: 'MARKETING' };
	const check = (cards: unknown, context: ComponentContext = marketing) => messages(validateComponents([body(), { type: 'CAROUSEL', cards }], context));
	const image = { type: 'HEADER', format: 'IMAGE', example: { header_handle: ['4::img'] } };
	const cardBody = { type: 'BODY', text: 'Only {{1}} left.', example: { body_text: [['3']] } };
	const mediaButtons = { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'More' }, { type: 'URL', text: 'Buy', url: 'https://shop.example/a' }] };
	const mediaCard = (...components: unknown[]) => ({ components: components.length ? components : [image, cardBody, mediaButtons] });
	const productCard = (button: unknown = { type: 'SPM', text: 'View' }) => ({ components: [{ type: 'HEADER', format: 'PRODUCT' }, { type: 'BUTTONS', buttons: [button] }] });

	it('accepts media cards and product cards (View or URL button)', () => {
		expect(check([mediaCard(), mediaCard()])).toEqual([]);
		expect(check([mediaCard(image), mediaCard(image)])).toEqual([]);
		expect(check([productCard(), productCard()])).toEqual([]);
		const url = { type: 'URL', text: 'Buy', url: 'https://shop.example/p/{{1}}', example: ['helmet'] };
		expect(check(Array.from({ length: 10 }, () => productCard(url)))).toEqual([]);
	});
	it('is marketing only, with 2 to 10 cards', () => {
		expect(check([productCard(), productCard()], { parameterFormat: 'POSITIONAL', category: 'UTILITY' })).toEqual([
			'CAROUSEL component: field "type" is allowed only in MARKETING templates',
			'Card 1 HEADER component: field "cards[0].components[0].format" PRODUCT is allowed only in MARKETING templates',
			'Card 2 HEADER component: field "cards[1].components[0].format" PRODUCT is allowed only in MARKETING templates',
		]);
		expect(check([productCard()])).toEqual(['CAROUSEL component: field "cards" must list 2 to 10 cards, as many as each message will send (it has 1)']);
		expect(check(Array.from({ length: 11 }, () => productCard()))).toEqual(['CAROUSEL component: field "cards" must list 2 to 10 cards, as many as each message will send (it has 11)']);
		expect(check(undefined)).toEqual(['CAROUSEL component: field "cards" must be a JSON array of 2 to 10 cards']);
	});
	it('needs an image, video or product header on each card, and only headers, bodies and buttons', () => {
		expect(check([mediaCard(cardBody), mediaCard()])).toEqual([
			'Card 1: field "cards[0].components" needs a HEADER component (IMAGE or VIDEO for a media card, PRODUCT for a product card)',
			'CAROUSEL component: field "cards[1]" must have the same components as card 1 (no header, body); it has IMAGE header, body, buttons QUICK_REPLY + URL',
		]);
		const documentCard = mediaCard({ type: 'HEADER', format: 'DOCUMENT', example: { header_handle: ['4::pdf'] } });
		expect(check([documentCard, documentCard])).toEqual([
			'Card 1 HEADER component: field "cards[0].components[0].format" must be IMAGE or VIDEO (a media card) or PRODUCT (a product card)',
			'Card 2 HEADER component: field "cards[1].components[0].format" must be IMAGE or VIDEO (a media card) or PRODUCT (a product card)',
		]);
		const footerCard = mediaCard(image, { type: 'FOOTER', text: 'Hi' });
		expect(check([footerCard, footerCard])[0]).toBe('Card 1: field "cards[0].components[1].type" must be HEADER, BODY or BUTTONS');
		expect(check([{ components: 'header' }, mediaCard()])[0]).toBe('CAROUSEL component: field "cards[0].components" must be a JSON array of the card\'s components');
	});
	it('checks each card\'s header, body and buttons by the usual rules, named by card', () => {
		const noHandle = mediaCard({ type: 'HEADER', format: 'VIDEO' }, cardBody);
		const noExample = mediaCard(image, { type: 'BODY', text: 'Only {{1}} left.' });
		expect(check([noHandle, noExample])).toEqual([
			'Card 1 HEADER component: field "cards[0].components[0].example.header_handle" needs one sample file handle from the Resumable Upload API for a video header',
			'Card 2 BODY component: field "cards[1].components[1].example.body_text" needs example values for {{1}}',
			'CAROUSEL component: field "cards[1]" must have the same components as card 1 (VIDEO header, body); it has IMAGE header, body',
		]);
	});
	it('media cards: up to two quick reply, phone number or URL buttons; product cards: one View or URL button', () => {
		const three = { type: 'BUTTONS', buttons: ['A', 'B', 'C'].map((text) => ({ type: 'QUICK_REPLY', text })) };
		expect(check([mediaCard(image, three), mediaCard(image, three)])[0]).toBe('Card 1 BUTTONS component: field "cards[0].components[1].buttons" may hold at most 2 buttons on a media card (it has 3)');
		const view = mediaCard(image, { type: 'BUTTONS', buttons: [{ type: 'SPM', text: 'View' }] });
		expect(check([view, view])[0]).toBe('Card 1 BUTTONS component: field "cards[0].components[1].buttons[0].type" must be QUICK_REPLY, PHONE_NUMBER or URL on a media card (it is SPM)');
		expect(check([productCard({ type: 'QUICK_REPLY', text: 'Yes' }), productCard()])).toEqual([
			'Card 1 BUTTONS component: field "cards[0].components[1].buttons" must be one SPM (View) or URL button on a product card',
			'CAROUSEL component: field "cards[1]" must have the same components as card 1 (PRODUCT header, buttons QUICK_REPLY); it has PRODUCT header, buttons SPM',
		]);
		const bare = { components: [{ type: 'HEADER', format: 'PRODUCT' }] };
		expect(check([bare, bare])[0]).toBe('Card 1: field "cards[0].components" needs a BUTTONS component with one SPM (View) or URL button on a product card');
	});
	it('all cards have the same components: a body on every card or on none', () => {
		expect(check([mediaCard(), mediaCard(image, mediaButtons)])).toEqual([
			'CAROUSEL component: field "cards[1]" must have the same components as card 1 (IMAGE header, body, buttons QUICK_REPLY + URL); it has IMAGE header, buttons QUICK_REPLY + URL',
		]);
	});
});

describe('footer', () => {
	const footer = (text: string) => messages(validateComponents([body(), { type: 'FOOTER', text }], positional));
	it('is at most 60 characters, without variables', () => {
		expect(footer('x'.repeat(61))).toEqual(['FOOTER component: field "text" must be at most 60 characters (it has 61)']);
		expect(footer('Reply {{1}}')).toEqual(['FOOTER component: field "text" may not contain variables']);
		expect(footer('Reply STOP to opt out')).toEqual([]);
	});
});

describe('buttons', () => {
	const qr = (text = 'Yes') => ({ type: 'QUICK_REPLY', text });
	const url = (u = 'https://example.com/track/{{1}}', example: unknown = ['https://example.com/track/A1']) => ({ type: 'URL', text: 'Track', url: u, example });
	it('at most 10 in all', () => {
		expect(messages(withButtons(Array.from({ length: 11 }, () => qr())))).toEqual(['BUTTONS component: field "buttons" may hold at most 10 buttons in all (it has 11)']);
		expect(withButtons(Array.from({ length: 10 }, () => qr()))).toEqual([]);
	});
	it('quick reply text up to 25 and contiguous', () => {
		expect(messages(withButtons([qr('x'.repeat(26))]))).toEqual(['BUTTONS component: field "buttons[0].text" must be at most 25 characters (it has 26)']);
		expect(messages(withButtons([qr(), url(), qr()]))[0]).toMatch(/must keep quick reply buttons together/);
		expect(withButtons([qr(), qr(), url()])).toEqual([]);
	});
	it('URL: at most 2, one trailing {{1}} with an example', () => {
		expect(messages(withButtons([url(), url(), url()]))).toEqual(['BUTTONS component: field "buttons" may hold at most 2 URL buttons (it has 3)']);
		expect(messages(withButtons([url('https://example.com/{{1}}/x')]))).toEqual([
			'BUTTONS component: field "buttons[0].url" may have its variable only at the end of the address',
		]);
		expect(messages(withButtons([url('https://example.com/{{1}}{{2}}')]))).toEqual(['BUTTONS component: field "buttons[0].url" may contain at most one variable']);
		expect(messages(withButtons([url('https://example.com/{{2}}')]))).toEqual(['BUTTONS component: field "buttons[0].url" must write its variable as {{1}}']);
		expect(messages(withButtons([url(undefined, [])]))).toEqual([
			'BUTTONS component: field "buttons[0].example" needs an example for the URL variable (the full address, or the value of {{1}})',
		]);
		// Meta's own examples give only the value that replaces {{1}}.
		expect(withButtons([url('https://example.com/shop?promo={{1}}', ['summer2023'])])).toEqual([]);
		expect(messages(withButtons([url('ftp://example.com')]))).toEqual(['BUTTONS component: field "buttons[0].url" must be an http:// or https:// address']);
		expect(withButtons([url('https://example.com/about', undefined)])).toEqual([]);
	});
	it('phone number: at most 1, up to 20 characters', () => {
		const phone = (n = '+15550051234') => ({ type: 'PHONE_NUMBER', text: 'Call', phone_number: n });
		expect(messages(withButtons([phone(), phone()]))).toEqual(['BUTTONS component: field "buttons" may hold at most 1 phone number button (it has 2)']);
		expect(messages(withButtons([phone('+1555005123412345678901')]))).toEqual(['BUTTONS component: field "buttons[0].phone_number" must be at most 20 characters']);
	});
	it('copy code: at most 1, example up to 15', () => {
		const copy = (example = 'SUMMER25') => ({ type: 'COPY_CODE', example });
		expect(messages(withButtons([copy(), copy()]))).toEqual(['BUTTONS component: field "buttons" may hold at most 1 copy code button (it has 2)']);
		expect(messages(withButtons([copy('X'.repeat(16))]))).toEqual(['BUTTONS component: field "buttons[0].example" must be at most 15 characters']);
		expect(messages(withButtons([copy('')]))).toEqual(['BUTTONS component: field "buttons[0].example" needs the sample code to copy']);
	});
	it('flow: flow ID and action, with a screen to navigate to', () => {
		expect(messages(withButtons([{ type: 'FLOW', text: 'Book' }]))).toEqual([
			'BUTTONS component: field "buttons[0].flow_id" is required (or exactly one of flow_name, flow_json)',
			'BUTTONS component: field "buttons[0].navigate_screen" is required when flow_action is NAVIGATE',
		]);
		expect(messages(withButtons([{ type: 'FLOW', text: 'Book', flow_id: '1', flow_action: 'JUMP' }]))).toEqual([
			'BUTTONS component: field "buttons[0].flow_action" must be one of NAVIGATE, DATA_EXCHANGE',
		]);
		expect(withButtons([{ type: 'FLOW', text: 'Book', flow_id: '1', flow_action: 'DATA_EXCHANGE' }])).toEqual([]);
	});
	it('documented types pass; an unknown type is left to Meta; a missing type and OTP outside authentication are refused', () => {
		expect(withButtons([{ type: 'voice_call', text: 'Call us' }])).toEqual([]);
		expect(withButtons([{ type: 'ORDER_DETAILS', text: 'Review and pay' }])).toEqual([]);
		expect(withButtons([{ type: 'CALL_ME', text: 'x' }])).toEqual([]);
		expect(messages(withButtons([{ text: 'x' }]))[0]).toMatch(/field "buttons\[0\].type" is required \(QUICK_REPLY, URL, PHONE_NUMBER, VOICE_CALL/);
		expect(messages(withButtons([{ type: 'VOICE_CALL', text: 'x'.repeat(26) }]))).toEqual([
			'BUTTONS component: field "buttons[0].text" must be at most 25 characters (it has 26)',
		]);
		expect(messages(withButtons([{ type: 'OTP', otp_type: 'COPY_CODE' }]))).toEqual([
			'BUTTONS component: field "buttons[0].type" OTP buttons are allowed only in AUTHENTICATION templates',
		]);
	});
});

describe('component types', () => {
	it('accepts a call permission request in marketing and utility templates only, and passes unknown types to Meta', () => {
		const withComponent = (component: Record<string, unknown>, category: string) =>
			messages(validateComponents([body(), component], { parameterFormat: 'POSITIONAL', category }));
		expect(withComponent({ type: 'call_permission_request' }, 'UTILITY')).toEqual([]);
		expect(withComponent({ type: 'CALL_PERMISSION_REQUEST' }, 'MARKETING')).toEqual([]);
		expect(withComponent({ type: 'CALL_PERMISSION_REQUEST' }, 'AUTHENTICATION')).toContain(
			'CALL_PERMISSION_REQUEST component: field "type" is allowed only in MARKETING and UTILITY templates',
		);
		expect(withComponent({ type: 'SIDEBAR' }, 'UTILITY')).toEqual([]);
		expect(withComponent({ text: 'no type' }, 'UTILITY')[0]).toMatch(/field "components\[1\].type" is required \(HEADER, BODY, FOOTER, BUTTONS, CAROUSEL, LIMITED_TIME_OFFER, CALL_PERMISSION_REQUEST/);
	});
});

describe('authentication templates', () => {
	const context = { parameterFormat: 'POSITIONAL' as const, category: 'AUTHENTICATION' };
	it('accept Meta\'s shape: body flag, footer expiry, one OTP button', () => {
		expect(
			validateComponents(
				[
					{ type: 'BODY', add_security_recommendation: true },
					{ type: 'FOOTER', code_expiration_minutes: 10 },
					{ type: 'BUTTONS', buttons: [{ type: 'OTP', otp_type: 'COPY_CODE' }] },
				],
				context,
			),
		).toEqual([]);
	});
	it('refuse own text and non-OTP buttons', () => {
		expect(messages(validateComponents([{ type: 'BODY', text: 'Code {{1}} here.' }, { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'ok' }] }], context))).toEqual([
			'BODY component: field "text" is not allowed in AUTHENTICATION templates: Meta supplies the text',
			'BUTTONS component: field "buttons" must be exactly one OTP button in an AUTHENTICATION template',
		]);
	});
});

describe('message TTL', () => {
	it('follows the category ranges', () => {
		expect(validateMessageTtl(600, 'AUTHENTICATION')).toEqual([]);
		expect(messages(validateMessageTtl(901, 'AUTHENTICATION'))).toEqual([
			'Template: field "message_send_ttl_seconds" must be 30 seconds to 15 minutes (900), or -1 for 30 days for AUTHENTICATION templates (it is 901)',
		]);
		expect(messages(validateMessageTtl(3600, 'MARKETING'))[0]).toMatch(/12 hours \(43,200\) to 30 days/);
		expect(messages(validateMessageTtl(10))[0]).toMatch(/30 seconds to 30 days/);
		expect(messages(validateMessageTtl(1.5))).toEqual(['Template: field "message_send_ttl_seconds" must be a whole number of seconds']);
	});

	it('takes -1 (30 days) for authentication and utility templates only, as Meta\'s TTL guide documents', () => {
		expect(validateMessageTtl(-1, 'AUTHENTICATION')).toEqual([]);
		expect(validateMessageTtl(-1, 'UTILITY')).toEqual([]);
		expect(validateMessageTtl(-1)).toEqual([]);
		expect(messages(validateMessageTtl(-1, 'MARKETING'))).toEqual([
			'Template: field "message_send_ttl_seconds" must be 12 hours (43,200) to 30 days (2,592,000) for MARKETING templates (it is -1)',
		]);
		expect(messages(validateMessageTtl(-2, 'UTILITY'))).toEqual([
			'Template: field "message_send_ttl_seconds" must be 30 seconds to 12 hours (43,200), or -1 for 30 days for UTILITY templates (it is -2)',
		]);
		expect(validateMessageTtl(43_200, 'UTILITY')).toEqual([]);
		expect(validateMessageTtl(2_592_000, 'MARKETING')).toEqual([]);
		expect(messages(validateMessageTtl(29, 'UTILITY'))).toHaveLength(1);
	});
});

describe('builder', () => {
	const base: BuilderInput = { parameterFormat: 'POSITIONAL', headerType: 'none', bodyText: 'Hi {{1}}, order {{2}} shipped.', bodyExamples: [], buttons: [] };
	it('builds positional examples in variable order', () => {
		const components = buildComponents({ ...base, bodyExamples: [{ variable: '2', value: 'A7' }, { variable: '{{1}}', value: 'Ana' }], footerText: 'Thanks' });
		expect(components).toEqual([
			{ type: 'BODY', text: 'Hi {{1}}, order {{2}} shipped.', example: { body_text: [['Ana', 'A7']] } },
			{ type: 'FOOTER', text: 'Thanks' },
		]);
		expect(validateComponents(components, positional)).toEqual([]);
	});
	it('builds named header and body examples', () => {
		const components = buildComponents({
			...base,
			parameterFormat: 'NAMED',
			headerType: 'text',
			headerText: 'Order {{order_id}}',
			headerExample: '#12',
			bodyText: 'Hi {{first_name}}, thanks.',
			bodyExamples: [{ variable: 'first_name', value: 'Ana' }],
		});
		expect(components[0]).toEqual({ type: 'HEADER', format: 'TEXT', text: 'Order {{order_id}}', example: { header_text_named_params: [{ param_name: 'order_id', example: '#12' }] } });
		expect(components[1]).toEqual({ type: 'BODY', text: 'Hi {{first_name}}, thanks.', example: { body_text_named_params: [{ param_name: 'first_name', example: 'Ana' }] } });
		expect(validateComponents(components, named)).toEqual([]);
	});
	it('builds every button type', () => {
		const components = buildComponents({
			...base,
			bodyExamples: [{ variable: '1', value: 'a' }, { variable: '2', value: 'b' }],
			buttons: [
				{ type: 'quickReply', text: 'Yes' },
				{ type: 'url', text: 'Track', url: 'https://x.io/{{1}}', urlExample: 'https://x.io/1' },
				{ type: 'phoneNumber', text: 'Call', phoneNumber: '+15550051234' },
				{ type: 'copyCode', code: 'SAVE10' },
				{ type: 'flow', text: 'Book', flowId: '55', flowAction: 'navigate', navigateScreen: 'WELCOME' },
			],
		});
		expect(components[1]).toEqual({
			type: 'BUTTONS',
			buttons: [
				{ type: 'QUICK_REPLY', text: 'Yes' },
				{ type: 'URL', text: 'Track', url: 'https://x.io/{{1}}', example: ['https://x.io/1'] },
				{ type: 'PHONE_NUMBER', text: 'Call', phone_number: '+15550051234' },
				{ type: 'COPY_CODE', example: 'SAVE10' },
				{ type: 'FLOW', text: 'Book', flow_id: '55', flow_action: 'NAVIGATE', navigate_screen: 'WELCOME' },
			],
		});
		expect(validateComponents(components, positional)).toEqual([]);
	});
	it('media headers carry a placeholder until the sample is uploaded', () => {
		const components = buildComponents({ ...base, headerType: 'image', headerHandle: PENDING_HANDLE, bodyExamples: [{ variable: '1', value: 'a' }, { variable: '2', value: 'b' }] });
		expect(components[0]).toEqual({ type: 'HEADER', format: 'IMAGE', example: { header_handle: [PENDING_HANDLE] } });
		expect(setHeaderHandle(components, '4::real')[0]).toEqual({ type: 'HEADER', format: 'IMAGE', example: { header_handle: ['4::real'] } });
	});
});

describe('header samples and helpers', () => {
	it('checks type and size per header format', () => {
		expect(validateHeaderSample('IMAGE', { mimeType: 'image/png', size: 100 })).toEqual([]);
		expect(messages(validateHeaderSample('IMAGE', { mimeType: 'image/gif', size: 100 }))).toEqual([
			'HEADER component: field "sample file" must be image/jpeg or image/jpg or image/png for a image header (got image/gif)',
		]);
		expect(messages(validateHeaderSample('VIDEO', { mimeType: 'video/mp4', size: 17 * 1024 * 1024 }))).toEqual([
			'HEADER component: field "sample file" must be at most 16 MB (it has 17.0 MB)',
		]);
	});
	it('extracts variables and encodes list filters', () => {
		expect(extractVariables('a {{1}} b {{ name }} {{1}}')).toEqual(['1', 'name', '1']);
		expect(listFilter(['APPROVED', 'PAUSED'])).toBe('["APPROVED","PAUSED"]');
		expect(listFilter('en_US, pt_BR')).toBe('["en_US","pt_BR"]');
		expect(listFilter([])).toBeUndefined();
	});
});
