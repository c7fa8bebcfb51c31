/** Meta's rules for a template's HEADER, BODY, FOOTER and CAROUSEL components, and for the components list. */
import { checkButtons } from './buttonRules';
import { COMPONENT_TYPES, HEADER_FORMATS, LIMITS, MEDIA_HEADER_FORMATS, type ParameterFormat } from './graph';
import { isBlank } from '../common/blank';
import { isObject, problem, type TemplateProblem } from './templateProblem';
import { checkVariableNames, extractVariables } from './variables';

export interface ComponentContext {
	category?: string;
	parameterFormat: ParameterFormat;
}

/** Matches emoji, which Meta refuses in headers and footers. */
const EMOJI = /\p{Extended_Pictographic}/u;

const HEADER = 'HEADER component';
const BODY = 'BODY component';

function lengthProblems(component: string, text: string, maxLength: number): TemplateProblem[] {
	return text.length > maxLength ? [problem(component, 'text', `must be at most ${maxLength} characters (it has ${text.length})`)] : [];
}

/** Line breaks and emoji, which a header or footer may not have. */
function oneLineProblems(component: string, text: string): TemplateProblem[] {
	const problems: TemplateProblem[] = [];
	if (/[\r\n]/.test(text)) problems.push(problem(component, 'text', 'may not contain line breaks'));
	if (EMOJI.test(text)) problems.push(problem(component, 'text', 'may not contain emoji'));
	return problems;
}

/** A text header's variable needs one example, in the shape of the parameter format. */
function headerExampleProblems(header: Record<string, unknown>, variable: string, format: ParameterFormat): TemplateProblem[] {
	const example = isObject(header.example) ? header.example : undefined;
	if (format === 'NAMED') {
		const named = example?.header_text_named_params;
		const entry = Array.isArray(named) ? named.find((e) => isObject(e) && e.param_name === variable) : undefined;
		return isObject(entry) && !isBlank(entry.example) ? [] : [problem(HEADER, 'example.header_text_named_params', `needs an example for {{${variable}}}`)];
	}
	const positional = example?.header_text;
	if (Array.isArray(positional) && positional.length === 1 && !isBlank(positional[0])) return [];
	return [problem(HEADER, 'example.header_text', 'needs exactly one example value for {{1}}')];
}

function checkTextHeader(header: Record<string, unknown>, context: ComponentContext): TemplateProblem[] {
	if (isBlank(header.text)) return [problem(HEADER, 'text', 'is required for a text header')];
	const text = String(header.text);
	const problems = [...lengthProblems(HEADER, text, LIMITS.headerTextLength), ...oneLineProblems(HEADER, text)];
	const variables = extractVariables(text);
	if (variables.length > 1) return [...problems, problem(HEADER, 'text', `may contain at most one variable (it has ${variables.length})`)];
	problems.push(...checkVariableNames(HEADER, variables, context.parameterFormat));
	if (variables.length === 1) problems.push(...headerExampleProblems(header, variables[0], context.parameterFormat));
	return problems;
}

function checkMediaHeader(header: Record<string, unknown>, format: string): TemplateProblem[] {
	const problems: TemplateProblem[] = [];
	const handles = isObject(header.example) ? header.example.header_handle : undefined;
	if (!Array.isArray(handles) || handles.length !== 1 || isBlank(handles[0])) {
		problems.push(problem(HEADER, 'example.header_handle', `needs one sample file handle from the Resumable Upload API for a ${format.toLowerCase()} header`));
	}
	if (!isBlank(header.text)) problems.push(problem(HEADER, 'text', `is not allowed with a ${format.toLowerCase()} header`));
	return problems;
}

function checkHeader(header: Record<string, unknown>, context: ComponentContext): TemplateProblem[] {
	const format = String(header.format ?? '').toUpperCase();
	if (!HEADER_FORMATS.includes(format)) return [problem(HEADER, 'format', `must be one of ${HEADER_FORMATS.join(', ')}`)];
	if (format === 'TEXT') return checkTextHeader(header, context);
	if (MEDIA_HEADER_FORMATS.includes(format)) return checkMediaHeader(header, format);
	const category = String(context.category ?? '').toUpperCase();
	if (format === 'PRODUCT') return category && category !== 'MARKETING' ? [problem(HEADER, 'format', 'PRODUCT is allowed only in MARKETING templates')] : [];
	if (category && category !== 'UTILITY' && category !== 'MARKETING') {
		return [problem(HEADER, 'format', 'LOCATION is allowed only in UTILITY and MARKETING templates')];
	}
	return [];
}

/** Named examples: one per variable the text uses, and none for a variable it does not use. */
function namedBodyExampleProblems(example: Record<string, unknown> | undefined, variables: string[]): TemplateProblem[] {
	const field = 'example.body_text_named_params';
	const named = Array.isArray(example?.body_text_named_params) ? (example.body_text_named_params as unknown[]) : [];
	const problems: TemplateProblem[] = [];
	for (const variable of variables) {
		const entry = named.find((e) => isObject(e) && e.param_name === variable);
		if (!isObject(entry) || isBlank(entry.example)) problems.push(problem(BODY, field, `needs an example for {{${variable}}}`));
	}
	for (const entry of named) {
		const name = isObject(entry) ? String(entry.param_name ?? '') : '';
		if (!variables.includes(name)) problems.push(problem(BODY, field, `has an example for {{${name}}}, which the text does not use`));
	}
	return problems;
}

/** Positional examples: one row with a non-empty value per variable. */
function positionalBodyExampleProblems(example: Record<string, unknown> | undefined, variables: string[]): TemplateProblem[] {
	const field = 'example.body_text';
	const rows = example?.body_text;
	const values = Array.isArray(rows) && Array.isArray(rows[0]) ? (rows[0] as unknown[]) : undefined;
	if (!values) return [problem(BODY, field, `needs example values for ${variables.map((v) => `{{${v}}}`).join(', ')}`)];
	const problems: TemplateProblem[] = [];
	if (values.length !== variables.length) {
		problems.push(problem(BODY, field, `must give exactly ${variables.length} example value(s), one per variable (it gives ${values.length})`));
	}
	values.forEach((value, index) => {
		if (index < variables.length && isBlank(value)) problems.push(problem(BODY, field, `needs a non-empty example for {{${index + 1}}}`));
	});
	return problems;
}

/**
 * Not checked here: Meta's error 2388293 "Parameters words ratio exceeds limit" ("too many
 * variables for its length"). Meta's error-codes reference publishes no ratio or threshold, so any
 * local rule would be a guess that could refuse templates Meta accepts; Meta's answer (with its hint
 * in nodes/shared/graph/errors.ts) is left to say it. Source:
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes ("Template creation errors").
 */
function checkBody(body: Record<string, unknown>, context: ComponentContext): TemplateProblem[] {
	// Authentication templates carry Meta's fixed text; only add_security_recommendation is set.
	if (String(context.category ?? '').toUpperCase() === 'AUTHENTICATION') {
		return isBlank(body.text) ? [] : [problem(BODY, 'text', 'is not allowed in AUTHENTICATION templates: Meta supplies the text')];
	}
	if (isBlank(body.text)) return [problem(BODY, 'text', 'is required')];
	const text = String(body.text);
	const problems: TemplateProblem[] = [];
	problems.push(...lengthProblems(BODY, text, LIMITS.bodyTextLength));
	const variables = extractVariables(text);
	if (!variables.length) return problems;
	const trimmed = text.trim();
	if (/^\{\{[^{}]*\}\}/.test(trimmed)) problems.push(problem(BODY, 'text', `may not start with a variable ({{${variables[0]}}}); add text before it`));
	if (/\{\{[^{}]*\}\}$/.test(trimmed)) problems.push(problem(BODY, 'text', `may not end with a variable ({{${variables[variables.length - 1]}}}); add text after it`));
	const nameProblems = checkVariableNames(BODY, variables, context.parameterFormat);
	if (nameProblems.length) return [...problems, ...nameProblems];
	const example = isObject(body.example) ? body.example : undefined;
	const distinct = [...new Set(variables)];
	const examples = context.parameterFormat === 'NAMED' ? namedBodyExampleProblems(example, distinct) : positionalBodyExampleProblems(example, distinct);
	return [...problems, ...examples];
}

function checkFooter(footer: Record<string, unknown>, context: ComponentContext): TemplateProblem[] {
	const component = 'FOOTER component';
	if (String(context.category ?? '').toUpperCase() === 'AUTHENTICATION') {
		const minutes = footer.code_expiration_minutes;
		if (minutes !== undefined && (!Number.isInteger(minutes) || (minutes as number) < 1 || (minutes as number) > 90)) {
			return [problem(component, 'code_expiration_minutes', 'must be a whole number from 1 to 90')];
		}
		return isBlank(footer.text) ? [] : [problem(component, 'text', 'is not allowed in AUTHENTICATION templates')];
	}
	if (isBlank(footer.text)) return [problem(component, 'text', 'is required')];
	const text = String(footer.text);
	return [
		...lengthProblems(component, text, LIMITS.footerTextLength),
		...(extractVariables(text).length ? [problem(component, 'text', 'may not contain variables')] : []),
		...oneLineProblems(component, text),
	];
}

/** Only MARKETING and UTILITY templates may ask for call permission (Meta's call permission request templates guide). */
function checkCallPermissionRequest(context: ComponentContext): TemplateProblem[] {
	const category = String(context.category ?? '').toUpperCase();
	if (!category || category === 'MARKETING' || category === 'UTILITY') return [];
	return [problem('CALL_PERMISSION_REQUEST component', 'type', 'is allowed only in MARKETING and UTILITY templates')];
}

/** Every documented rule for a `components` array; an empty list means it can be sent. */
export function validateComponents(components: unknown, context: ComponentContext): TemplateProblem[] {
	if (!Array.isArray(components)) return [problem('Template', 'components', 'must be a JSON array of components')];
	const problems: TemplateProblem[] = [];
	const seen = new Map<string, number>();
	components.forEach((raw, index) => {
		if (!isObject(raw)) {
			problems.push(problem('Template', `components[${index}]`, 'must be an object'));
			return;
		}
		const type = String(raw.type ?? '').toUpperCase();
		seen.set(type, (seen.get(type) ?? 0) + 1);
		if (type === 'HEADER') problems.push(...checkHeader(raw, context));
		else if (type === 'BODY') problems.push(...checkBody(raw, context));
		else if (type === 'FOOTER') problems.push(...checkFooter(raw, context));
		else if (type === 'BUTTONS') problems.push(...checkButtons(raw, context));
		else if (type === 'CALL_PERMISSION_REQUEST') problems.push(...checkCallPermissionRequest(context));
		else if (type === 'CAROUSEL') problems.push(...checkCarousel(raw, context));
		// Any other type, known or not, goes to Meta as it is: Meta adds types faster than a release.
		else if (!type) problems.push(problem('Template', `components[${index}].type`, `is required (${COMPONENT_TYPES.join(', ')}, or another type Meta documents)`));
	});
	if (!seen.get('BODY')) problems.unshift(problem('BODY component', 'text', 'is required: every template needs a body'));
	for (const type of ['HEADER', 'BODY', 'FOOTER', 'BUTTONS']) {
		if ((seen.get(type) ?? 0) > 1) problems.push(problem(`${type} component`, 'type', `may appear only once (it appears ${seen.get(type)} times)`));
	}
	if (String(context.category ?? '').toUpperCase() === 'AUTHENTICATION' && seen.get('HEADER')) {
		problems.push(problem('HEADER component', 'format', 'is not allowed in AUTHENTICATION templates'));
	}
	return [...problems, ...singleProductProblems(components)];
}

/**
 * A single-product template is a PRODUCT header with one SPM ("View") button, which opens that
 * product (https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/marketing-templates/spm-templates).
 * Product cards of a carousel are checked by Meta.
 */
function singleProductProblems(components: unknown[]): TemplateProblem[] {
	const of = (type: string) => components.find((c) => isObject(c) && String(c.type ?? '').toUpperCase() === type) as Record<string, unknown> | undefined;
	const productHeader = String(of('HEADER')?.format ?? '').toUpperCase() === 'PRODUCT';
	const buttons = Array.isArray(of('BUTTONS')?.buttons) ? (of('BUTTONS')!.buttons as unknown[]) : [];
	const types = buttons.map((b) => (isObject(b) ? String(b.type ?? '').toUpperCase() : ''));
	if (productHeader && (types.length !== 1 || types[0] !== 'SPM')) {
		return [problem('BUTTONS component', 'buttons', 'must be one SPM (View) button with a PRODUCT header')];
	}
	if (!productHeader && types.includes('SPM')) return [problem('HEADER component', 'format', 'must be PRODUCT for an SPM (View) button: the button opens the header\'s product')];
	return [];
}

/*
 * A CAROUSEL holds 2 to 10 cards made of the same components, in MARKETING templates only; an
 * approved carousel is always sent with that many cards. Media cards
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/marketing-templates/media-card-carousel-templates)
 * have an IMAGE or VIDEO header, an optional body and up to two quick reply, phone number or URL
 * buttons; product cards (https://developers.facebook.com/documentation/business-messaging/whatsapp/catalogs/product-card-carousel-template-messages)
 * a PRODUCT header and one SPM (View) or URL button.
 */
const CAROUSEL = 'CAROUSEL component';
const CARD_COMPONENT_TYPES = ['HEADER', 'BODY', 'BUTTONS'];
const CARD_HEADER_FORMATS = ['IMAGE', 'VIDEO', 'PRODUCT'];
const MEDIA_CARD_BUTTONS = ['QUICK_REPLY', 'PHONE_NUMBER', 'URL'];
const PRODUCT_CARD_BUTTONS = ['SPM', 'URL'];

/** The problems of component `position` of card `index`, named by card and by Meta's path to the field. */
function inCard(problems: TemplateProblem[], index: number, position: number): TemplateProblem[] {
	return problems.map((p) => ({ ...p, component: `Card ${index + 1} ${p.component}`, field: `cards[${index}].components[${position}].${p.field}` }));
}

function cardButtonProblems(buttons: Record<string, unknown>, headerFormat: string, index: number, position: number): TemplateProblem[] {
	const list = Array.isArray(buttons.buttons) ? buttons.buttons : [];
	const types = list.map((b) => (isObject(b) ? String(b.type ?? '').toUpperCase() : ''));
	const component = `Card ${index + 1} BUTTONS component`;
	const field = `cards[${index}].components[${position}].buttons`;
	if (headerFormat === 'PRODUCT') {
		return types.length === 1 && PRODUCT_CARD_BUTTONS.includes(types[0]) ? [] : [problem(component, field, 'must be one SPM (View) or URL button on a product card')];
	}
	const problems: TemplateProblem[] = [];
	if (types.length > LIMITS.mediaCardButtons) problems.push(problem(component, field, `may hold at most ${LIMITS.mediaCardButtons} buttons on a media card (it has ${types.length})`));
	types.forEach((type, at) => {
		if (type && !MEDIA_CARD_BUTTONS.includes(type)) problems.push(problem(component, `${field}[${at}].type`, `must be QUICK_REPLY, PHONE_NUMBER or URL on a media card (it is ${type})`));
	});
	return problems;
}

/** One card's problems, and what it is made of (compared across cards). */
function checkCard(card: unknown, index: number, context: ComponentContext): { problems: TemplateProblem[]; shape?: string } {
	const components = isObject(card) ? card.components : undefined;
	if (!Array.isArray(components)) return { problems: [problem(CAROUSEL, `cards[${index}].components`, "must be a JSON array of the card's components")] };
	const types = components.map((c) => (isObject(c) ? String(c.type ?? '').toUpperCase() : ''));
	const header = components[types.indexOf('HEADER')] as Record<string, unknown> | undefined;
	const headerFormat = String(header?.format ?? '').toUpperCase();
	const problems: TemplateProblem[] = [];
	if (!header) problems.push(problem(`Card ${index + 1}`, `cards[${index}].components`, 'needs a HEADER component (IMAGE or VIDEO for a media card, PRODUCT for a product card)'));
	else if (!CARD_HEADER_FORMATS.includes(headerFormat)) {
		problems.push(problem(`Card ${index + 1} HEADER component`, `cards[${index}].components[${types.indexOf('HEADER')}].format`, 'must be IMAGE or VIDEO (a media card) or PRODUCT (a product card)'));
	}
	components.forEach((component, position) => {
		const type = types[position];
		const at = `cards[${index}].components[${position}]`;
		if (!isObject(component) || !CARD_COMPONENT_TYPES.includes(type)) problems.push(problem(`Card ${index + 1}`, `${at}.type`, 'must be HEADER, BODY or BUTTONS'));
		else if (types.indexOf(type) !== position) problems.push(problem(`Card ${index + 1}`, `${at}.type`, `may appear only once in a card (${type})`));
		else if (type === 'HEADER') problems.push(...(CARD_HEADER_FORMATS.includes(headerFormat) ? inCard(checkHeader(component, context), index, position) : []));
		else if (type === 'BODY') problems.push(...inCard(checkBody(component, context), index, position));
		else if (type === 'BUTTONS') problems.push(...inCard(checkButtons(component, context), index, position), ...cardButtonProblems(component, headerFormat, index, position));
	});
	if (headerFormat === 'PRODUCT' && !types.includes('BUTTONS')) {
		problems.push(problem(`Card ${index + 1}`, `cards[${index}].components`, 'needs a BUTTONS component with one SPM (View) or URL button on a product card'));
	}
	const buttons = components[types.indexOf('BUTTONS')] as Record<string, unknown> | undefined;
	const buttonTypes = Array.isArray(buttons?.buttons) ? buttons.buttons.map((b) => (isObject(b) ? String(b.type ?? '').toUpperCase() : '?')) : [];
	const shape = [`${headerFormat || 'no'} header`, ...(types.includes('BODY') ? ['body'] : []), ...(buttonTypes.length ? [`buttons ${buttonTypes.join(' + ')}`] : [])].join(', ');
	return { problems, shape };
}

function checkCarousel(carousel: Record<string, unknown>, context: ComponentContext): TemplateProblem[] {
	const problems: TemplateProblem[] = [];
	const category = String(context.category ?? '').toUpperCase();
	if (category && category !== 'MARKETING') problems.push(problem(CAROUSEL, 'type', 'is allowed only in MARKETING templates'));
	const cards = carousel.cards;
	const range = `${LIMITS.carouselCardsMin} to ${LIMITS.carouselCardsMax} cards`;
	if (!Array.isArray(cards)) return [...problems, problem(CAROUSEL, 'cards', `must be a JSON array of ${range}`)];
	if (cards.length < LIMITS.carouselCardsMin || cards.length > LIMITS.carouselCardsMax) {
		return [...problems, problem(CAROUSEL, 'cards', `must list ${range}, as many as each message will send (it has ${cards.length})`)];
	}
	const readings = cards.map((card, index) => checkCard(card, index, context));
	const first = readings[0].shape;
	readings.forEach((reading, index) => {
		problems.push(...reading.problems);
		if (index > 0 && first !== undefined && reading.shape !== undefined && reading.shape !== first) {
			problems.push(problem(CAROUSEL, `cards[${index}]`, `must have the same components as card 1 (${first}); it has ${reading.shape}`));
		}
	});
	return problems;
}
