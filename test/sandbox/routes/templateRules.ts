/**
 * The rules Meta documents for a template's components, parameters and time-to-live (templates/
 * components, template-management and the 2388xxx error codes; graph-api.md section 1), as the
 * refusals the template routes answer with.
 */
import { GraphError, invalidParameter } from '../graph';
import type { SandboxState } from '../state';

export const CATEGORIES = ['AUTHENTICATION', 'MARKETING', 'UTILITY'];
/** PRODUCT: single-product (SPM) templates and product card carousels (.../marketing-templates/spm-templates). */
export const HEADER_FORMATS = ['TEXT', 'IMAGE', 'VIDEO', 'GIF', 'DOCUMENT', 'LOCATION', 'PRODUCT'];
const MEDIA_FORMATS: Record<string, RegExp> = {
	IMAGE: /^image\/(jpeg|jpg|png)$/,
	VIDEO: /^video\/mp4$/,
	GIF: /^video\/mp4$/,
	DOCUMENT: /^application\/pdf$/,
};
/**
 * Types Meta documents (templates/components; VOICE_CALL in calling/call-button-messages-deep-links;
 * ORDER_DETAILS in payments/payments-in/orderdetailstemplate; CALL_PERMISSION_REQUEST in
 * templates/utility-templates/utility-call-permission-request-templates). Meta matches them in any case.
 */
export const BUTTON_TYPES = ['QUICK_REPLY', 'URL', 'PHONE_NUMBER', 'VOICE_CALL', 'COPY_CODE', 'FLOW', 'OTP', 'MPM', 'SPM', 'CATALOG', 'ORDER_DETAILS'];
export const COMPONENT_TYPES = ['HEADER', 'BODY', 'FOOTER', 'BUTTONS', 'CAROUSEL', 'LIMITED_TIME_OFFER', 'CALL_PERMISSION_REQUEST'];

/** Template refusals: code 100 with Meta's documented subcode and user-facing title. */
export const templateError = (subcode: number | undefined, title: string, message: string) =>
	new GraphError(100, 'Invalid parameter', { subcode, userTitle: title, userMsg: message, details: message });

export const errors = {
	characterLimit: (message: string) => templateError(2388040, 'Message template character limit exceeded', message),
	headerFormat: (message: string) => templateError(2388047, 'Message template header format is incorrect', message),
	bodyFormat: (message: string) => templateError(2388072, 'Message template body format is incorrect', message),
	footerFormat: (message: string) => templateError(2388073, 'Message template footer format is incorrect', message),
	leadingTrailing: (message: string) => templateError(2388299, 'Variables can\'t be at the start or end of the template', message),
	countLimit: (limit: number) =>
		templateError(2388019, 'Message template count limit reached', `This WhatsApp Business Account already has ${limit} message templates.`),
	// Subcodes 2388024 and 2388023 and their titles are NOT in Meta's error-code reference
	// (developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes lists
	// 2388040/047/072/073/293/299 and 2388019 only); they are kept as remembered, unverified, and
	// public integrations disagree on which of the two means which. The rules themselves are
	// documented: (name, language) is a template's identity, and "If you delete an approved template,
	// you cannot create a new template with the same name for 30 days" (templates/template-management,
	// "Delete templates > Limitations").
	duplicate: (name: string, language: string) =>
		templateError(2388024, 'Content in this language already exists', `A template named ${name} already exists in ${language}.`),
	nameBlocked: (name: string) =>
		templateError(
			2388023,
			'Message template is being deleted',
			`An APPROVED template named ${name} was deleted in the last 30 days; the name can't be used again yet.`,
		),
	buttons: (message: string) => templateError(undefined, 'Invalid buttons', message),
	notEditable: (status: string) =>
		templateError(undefined, 'Template can\'t be edited', `Only APPROVED, REJECTED or PAUSED templates can be edited; this template is ${status}.`),
	categoryFixed: () => templateError(undefined, 'Category can\'t be changed', 'The category of an APPROVED template can\'t be changed.'),
	editLimit: (message: string) => templateError(undefined, 'Edit limit reached', message),
};

export const present = (value: unknown) => value !== undefined && value !== null && value !== '';
export const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const variablesOf = (text: string) => [...text.matchAll(/\{\{\s*([^{}]*?)\s*\}\}/g)].map((m) => m[1]);
const EMOJI = /\p{Extended_Pictographic}/u;

/** Graph list parameters arrive as JSON arrays (SDKs) or comma lists. */
export function readList(value: string | null): string[] | undefined {
	if (!value) return undefined;
	let list: unknown = value;
	if (value.trim().startsWith('[')) {
		try {
			list = JSON.parse(value);
		} catch {
			throw invalidParameter(`Invalid list parameter: ${value}`);
		}
	}
	const items = Array.isArray(list) ? list : String(list).split(',');
	return items.map((v) => String(v).trim()).filter(Boolean);
}

function readJson(value: unknown, name: string): unknown {
	if (typeof value !== 'string') return value;
	try {
		return JSON.parse(value);
	} catch {
		throw invalidParameter(`${name} must be valid JSON`);
	}
}

/** Positional {{1}}..{{n}} in order, or named lowercase_snake; never mixed. */
function checkVariables(variables: string[], format: string, fail: (message: string) => GraphError) {
	for (const v of variables) {
		if (format === 'NAMED' ? !/^[a-z][a-z0-9_]*$/.test(v) : !/^[1-9]\d*$/.test(v)) {
			throw fail(`Parameter {{${v}}} does not match the ${format.toLowerCase()} parameter format.`);
		}
	}
	if (format !== 'NAMED') {
		const numbers = [...new Set(variables)].map(Number).sort((a, b) => a - b);
		if (numbers.some((n, i) => n !== i + 1)) throw fail('Positional parameters must be sequential, starting at {{1}}.');
	}
}

function validateHeader(state: SandboxState, header: Record<string, unknown>, category: string, format: string) {
	const headerFormat = String(header.format ?? '').toUpperCase();
	if (!HEADER_FORMATS.includes(headerFormat)) throw errors.headerFormat(`Header format must be one of ${HEADER_FORMATS.join(', ')}.`);
	const example = isObject(header.example) ? header.example : {};
	if (headerFormat === 'TEXT') {
		const text = String(header.text ?? '');
		if (!text) throw errors.headerFormat('A TEXT header needs text.');
		if (text.length > 60) throw errors.characterLimit('Header text can have at most 60 characters.');
		if (/[\r\n]/.test(text) || EMOJI.test(text)) throw errors.headerFormat('Header text can\'t have new lines or emojis.');
		const variables = variablesOf(text);
		if (variables.length > 1) throw errors.headerFormat('Header text can have at most one parameter.');
		checkVariables(variables, format, errors.headerFormat);
		if (variables.length === 1) {
			const ok =
				format === 'NAMED'
					? Array.isArray(example.header_text_named_params) &&
						example.header_text_named_params.some((e) => isObject(e) && e.param_name === variables[0] && present(e.example))
					: Array.isArray(example.header_text) && example.header_text.length === 1 && present(example.header_text[0]);
			if (!ok) throw errors.headerFormat('The header parameter needs an example.');
		}
		return;
	}
	if (headerFormat === 'PRODUCT') {
		if (category !== 'MARKETING') throw errors.headerFormat('PRODUCT headers are only for MARKETING templates.');
		return;
	}
	if (headerFormat === 'LOCATION') {
		if (category !== 'UTILITY' && category !== 'MARKETING') throw errors.headerFormat('LOCATION headers are only for UTILITY or MARKETING templates.');
		return;
	}
	const handles = example.header_handle;
	if (!Array.isArray(handles) || handles.length !== 1 || !present(handles[0])) {
		throw errors.headerFormat(`A ${headerFormat} header needs example.header_handle with one Resumable Upload handle.`);
	}
	const upload = state.uploadHandles.get(String(handles[0]));
	if (!upload) throw invalidParameter(`header_handle ${String(handles[0])} is not a valid Resumable Upload handle.`);
	if (!MEDIA_FORMATS[headerFormat].test(upload.file_type)) {
		throw errors.headerFormat(`The sample file (${upload.file_type}) does not match the ${headerFormat} header.`);
	}
}

function validateBody(body: Record<string, unknown>, category: string, format: string) {
	if (category === 'AUTHENTICATION') return;
	const text = String(body.text ?? '');
	if (!text) throw errors.bodyFormat('The BODY component needs text.');
	if (text.length > 1024) throw errors.characterLimit('Body text can have at most 1024 characters.');
	const variables = variablesOf(text);
	if (!variables.length) return;
	// 2388293 "Parameters words ratio exceeds limit" is documented without a threshold, so the
	// sandbox does not invent one and never answers it on its own (tests script it with faults.queue).
	const trimmed = text.trim();
	if (/^\{\{[^{}]*\}\}/.test(trimmed) || /\{\{[^{}]*\}\}$/.test(trimmed)) {
		throw errors.leadingTrailing('Variables can\'t be at the start or end of the template body.');
	}
	checkVariables(variables, format, errors.bodyFormat);
	const distinct = [...new Set(variables)];
	const example = isObject(body.example) ? body.example : {};
	if (format === 'NAMED') {
		const named = Array.isArray(example.body_text_named_params) ? example.body_text_named_params : [];
		for (const v of distinct) {
			if (!named.some((e) => isObject(e) && e.param_name === v && present(e.example))) throw errors.bodyFormat(`Parameter {{${v}}} needs an example.`);
		}
		return;
	}
	const rows = example.body_text;
	const values = Array.isArray(rows) && Array.isArray(rows[0]) ? (rows[0] as unknown[]) : [];
	if (values.length !== distinct.length || values.some((v) => !present(v))) {
		throw errors.bodyFormat(`The body has ${distinct.length} parameter(s); example.body_text must give one example for each.`);
	}
}

function validateFooter(footer: Record<string, unknown>, category: string) {
	if (category === 'AUTHENTICATION') return;
	const text = String(footer.text ?? '');
	if (!text) throw errors.footerFormat('The FOOTER component needs text.');
	if (text.length > 60) throw errors.characterLimit('Footer text can have at most 60 characters.');
	if (variablesOf(text).length || /[\r\n]/.test(text) || EMOJI.test(text)) {
		throw errors.footerFormat('Footer text can\'t have parameters, new lines or emojis.');
	}
}

function validateButtons(component: Record<string, unknown>, category: string) {
	const buttons = component.buttons;
	if (!Array.isArray(buttons) || !buttons.length) throw errors.buttons('BUTTONS needs a non-empty buttons array.');
	if (buttons.length > 10) throw errors.buttons('A template can have at most 10 buttons.');
	const types = buttons.map((b) => (isObject(b) ? String(b.type ?? '').toUpperCase() : ''));
	const count = (t: string) => types.filter((x) => x === t).length;
	if (count('URL') > 2) throw errors.buttons('A template can have at most 2 URL buttons.');
	if (count('PHONE_NUMBER') > 1) throw errors.buttons('A template can have at most 1 phone number button.');
	if (count('COPY_CODE') > 1) throw errors.buttons('A template can have at most 1 copy code button.');
	const quick = types.flatMap((t, i) => (t === 'QUICK_REPLY' ? [i] : []));
	if (quick.length && quick[quick.length - 1] - quick[0] + 1 !== quick.length) throw errors.buttons('Quick reply buttons must be grouped together.');
	buttons.forEach((raw, i) => {
		const b = raw as Record<string, unknown>;
		const type = types[i];
		if (type === 'OTP') {
			if (category !== 'AUTHENTICATION') throw errors.buttons('OTP buttons are only for AUTHENTICATION templates.');
			return;
		}
		if (!BUTTON_TYPES.includes(type)) {
			throw errors.buttons(`Unknown button type ${type || '(none)'}.`);
		}
		if (['QUICK_REPLY', 'URL', 'PHONE_NUMBER', 'FLOW'].includes(type)) {
			if (!present(b.text)) throw errors.buttons(`Button ${i} needs text.`);
			if (String(b.text).length > 25) throw errors.characterLimit('Button text can have at most 25 characters.');
		}
		if (type === 'URL') {
			const url = String(b.url ?? '');
			if (!/^https?:\/\//i.test(url) || url.length > 2000) throw errors.buttons(`Button ${i} needs an http(s) url of at most 2000 characters.`);
			const variables = variablesOf(url);
			if (variables.length > 1 || (variables.length === 1 && (variables[0] !== '1' || !/\{\{\s*1\s*\}\}$/.test(url)))) {
				throw errors.buttons('A URL button can have one parameter, {{1}}, at the end of the url.');
			}
			const sample = Array.isArray(b.example) ? b.example[0] : b.example;
			if (variables.length === 1 && !present(sample)) throw errors.buttons('A URL button with a parameter needs an example.');
		}
		if (type === 'PHONE_NUMBER' && (!present(b.phone_number) || String(b.phone_number).length > 20)) {
			throw errors.buttons('A phone number button needs a phone_number of at most 20 characters.');
		}
		if (type === 'COPY_CODE') {
			const sample = Array.isArray(b.example) ? b.example[0] : b.example;
			if (!present(sample) || String(sample).length > 15) throw errors.buttons('A copy code button needs an example of at most 15 characters.');
		}
		if (type === 'FLOW') {
			if (!['flow_id', 'flow_name', 'flow_json'].some((k) => present(b[k]))) throw errors.buttons('A flow button needs flow_id, flow_name or flow_json.');
			const action = String(b.flow_action ?? 'NAVIGATE').toUpperCase();
			if (!['NAVIGATE', 'DATA_EXCHANGE'].includes(action)) throw errors.buttons('flow_action must be NAVIGATE or DATA_EXCHANGE.');
			if (action === 'NAVIGATE' && !present(b.navigate_screen)) throw errors.buttons('navigate_screen is required when flow_action is NAVIGATE.');
		}
	});
	if (category === 'AUTHENTICATION' && (buttons.length !== 1 || types[0] !== 'OTP')) {
		throw errors.buttons('AUTHENTICATION templates need exactly one OTP button.');
	}
}

/**
 * A CAROUSEL, marketing only: 2 to 10 cards of the same components, each with an IMAGE, VIDEO or
 * PRODUCT header. Media cards may add a body and up to two QUICK_REPLY, PHONE_NUMBER or URL buttons
 * (templates/marketing-templates/media-card-carousel-templates); product cards have one SPM or URL
 * button (catalogs/product-card-carousel-template-messages). Meta's subcodes for these are not
 * documented, so the sandbox answers the generic 100.
 */
function validateCarousel(state: SandboxState, carousel: Record<string, unknown>, category: string, format: string) {
	if (category !== 'MARKETING') throw invalidParameter('Carousel templates can only be MARKETING templates.');
	const cards = carousel.cards;
	if (!Array.isArray(cards) || cards.length < 2 || cards.length > 10) throw invalidParameter('A carousel must define 2 to 10 cards.');
	const shapes = cards.map((card, i) => {
		const components = isObject(card) && Array.isArray(card.components) && card.components.every(isObject) ? (card.components as Array<Record<string, unknown>>) : undefined;
		if (!components) throw invalidParameter(`cards[${i}].components must be an array of objects.`);
		const types = components.map((c) => String(c.type ?? '').toUpperCase());
		if (types.some((t, k) => !['HEADER', 'BODY', 'BUTTONS'].includes(t) || types.indexOf(t) !== k)) {
			throw invalidParameter(`Card ${i} can have one HEADER, one BODY and one BUTTONS component, nothing else.`);
		}
		const header = components[types.indexOf('HEADER')];
		const headerFormat = String(header?.format ?? '').toUpperCase();
		if (!['IMAGE', 'VIDEO', 'PRODUCT'].includes(headerFormat)) throw errors.headerFormat(`Card ${i} needs an IMAGE, VIDEO or PRODUCT header.`);
		validateHeader(state, header, category, format);
		const body = components[types.indexOf('BODY')];
		if (body) validateBody(body, category, format);
		const buttons = components[types.indexOf('BUTTONS')];
		if (buttons) validateButtons(buttons, category);
		const buttonTypes = Array.isArray(buttons?.buttons) ? buttons.buttons.map((b) => (isObject(b) ? String(b.type ?? '').toUpperCase() : '')) : [];
		if (headerFormat === 'PRODUCT' && (buttonTypes.length !== 1 || !['SPM', 'URL'].includes(buttonTypes[0]))) {
			throw errors.buttons(`Product card ${i} needs exactly one SPM or URL button.`);
		}
		if (headerFormat !== 'PRODUCT' && (buttonTypes.length > 2 || buttonTypes.some((t) => !['QUICK_REPLY', 'PHONE_NUMBER', 'URL'].includes(t)))) {
			throw errors.buttons(`Media card ${i} can have up to two QUICK_REPLY, PHONE_NUMBER or URL buttons.`);
		}
		return [headerFormat, body ? 'BODY' : '', ...buttonTypes].join(' ');
	});
	if (shapes.some((shape) => shape !== shapes[0])) throw invalidParameter('All cards of a carousel must have the same components.');
}

export function validateComponents(state: SandboxState, raw: unknown, category: string, format: string): Array<Record<string, unknown>> {
	const components = readJson(raw, 'components');
	if (!Array.isArray(components) || components.some((c) => !isObject(c))) throw invalidParameter('components must be an array of objects');
	const list = components as Array<Record<string, unknown>>;
	const types = list.map((c) => String(c.type ?? '').toUpperCase());
	for (const type of new Set(types)) {
		if (!COMPONENT_TYPES.includes(type)) throw invalidParameter(`Unknown component type ${type}`);
		if (types.filter((t) => t === type).length > 1) throw invalidParameter(`Component ${type} can appear only once`);
	}
	if (!types.includes('BODY')) throw errors.bodyFormat('Every template needs a BODY component.');
	if (category === 'AUTHENTICATION' && types.includes('HEADER')) throw errors.headerFormat('AUTHENTICATION templates can\'t have a header.');
	if (types.includes('CALL_PERMISSION_REQUEST') && category !== 'MARKETING' && category !== 'UTILITY') {
		throw invalidParameter('Only MARKETING or UTILITY templates can include a call permission request component.');
	}
	list.forEach((component, i) => {
		if (types[i] === 'HEADER') validateHeader(state, component, category, format);
		if (types[i] === 'BODY') validateBody(component, category, format);
		if (types[i] === 'FOOTER') validateFooter(component, category);
		if (types[i] === 'BUTTONS') validateButtons(component, category);
		if (types[i] === 'CAROUSEL') validateCarousel(state, component, category, format);
	});
	return list;
}

/**
 * Meta's time-to-live ranges per category, and -1 (a custom TTL of 30 days) for authentication and
 * utility templates. Source: https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/time-to-live
 * ("Valid message_send_ttl_seconds property values"). Meta's refusal code for an out-of-range value
 * is not documented; the sandbox answers the generic 100.
 */
export function validateTtl(value: unknown, category: string): number {
	const seconds = Number(value);
	if (seconds === -1 && (category === 'AUTHENTICATION' || category === 'UTILITY')) return seconds;
	const ranges: Record<string, [number, number]> = { AUTHENTICATION: [30, 900], UTILITY: [30, 43_200], MARKETING: [43_200, 2_592_000] };
	const [min, max] = ranges[category] ?? [30, 2_592_000];
	if (!Number.isInteger(seconds) || seconds < min || seconds > max) {
		const thirtyDays = category === 'AUTHENTICATION' || category === 'UTILITY' ? ' (or -1 for 30 days)' : '';
		throw invalidParameter(`message_send_ttl_seconds must be ${min} to ${max}${thirtyDays} for ${category} templates`);
	}
	return seconds;
}
