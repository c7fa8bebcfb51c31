/**
 * A template message checked against the template it names, as Meta's "Send message templates"
 * guide and the template components reference describe it
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/send-templates,
 * .../templates/components, .../templates/marketing-templates/limited-time-offer-templates,
 * .../templates/marketing-templates/media-card-carousel-templates,
 * .../templates/authentication-templates/copy-code-button-authentication-templates) with the
 * 132xxx and 1310xx codes of the error-codes reference.
 */
import type { SandboxState, TemplateRecord } from '../state';
import { checkLocation, checkMediaObject } from './content';
import { messagingErrors } from './errors';
import { checkCatalogId, checkProductSections } from './products';
import { type Json, isObject, oneOf, present, requireArray, requireObject, requireString } from './fields';

type Component = Record<string, unknown>;

const variablesOf = (text: string) => [...new Set([...text.matchAll(/\{\{\s*([^{}]*?)\s*\}\}/g)].map((m) => m[1]))];
const upper = (value: unknown) => String(value ?? '').toUpperCase();
const componentOf = (components: Component[], type: string) => components.find((c) => upper(c.type) === type);
const MEDIA_HEADERS: Record<string, string> = { IMAGE: 'image', VIDEO: 'video', GIF: 'video', DOCUMENT: 'document' };
/** Body and text-header parameter types Meta documents (text, currency, date_time). */
const TEXT_PARAMETER_TYPES = ['text', 'currency', 'date_time'];

export interface TemplateContext {
	state: SandboxState;
	phoneNumberId: string;
	named: boolean;
	category: string;
	/** The catalogs the message's product headers named so far. */
	catalogIds?: Set<string>;
}

/** The APPROVED template with that name in that language, or Meta's refusal. */
export function findSendableTemplate(state: SandboxState, template: Json): TemplateRecord {
	const name = requireString(template.name, 'template.name', 512);
	const language = requireObject(template.language, 'template.language');
	const code = requireString(language.code, 'template.language.code');
	if (language.policy !== undefined) oneOf(language.policy, 'template.language.policy', ['deterministic']);
	const record = [...state.templates.values()].find((t) => t.name === name && t.language === code);
	if (!record) throw messagingErrors.templateMissing(name, code);
	if (record.status === 'PAUSED') throw messagingErrors.templatePaused(name);
	if (record.status === 'DISABLED') throw messagingErrors.templateDisabled(name);
	// Not yet (or no longer) approved: Meta has no sendable translation of that name.
	if (record.status !== 'APPROVED') throw messagingErrors.templateMissing(name, code);
	return record;
}

/** One text-like parameter (body, text header): type, value, and `parameter_name` by format. */
function checkTextParameter(parameter: unknown, path: string, context: TemplateContext): string | undefined {
	const p = requireObject(parameter, path);
	const type = String(p.type ?? '');
	if (!TEXT_PARAMETER_TYPES.includes(type)) {
		throw messagingErrors.paramFormat(`${path}: Format mismatch, expected TEXT, received ${type.toUpperCase() || 'UNKNOWN'}`);
	}
	if (type === 'text') {
		const text = requireString(p.text, `${path}.text`, 32768);
		// Meta's 132018: parameter text can't have new-line/tab characters or more than 4 consecutive spaces.
		if (/[\n\t]| {5,}/.test(text)) {
			throw messagingErrors.paramIssue(`${path}: Param text cannot have new-line/tab characters or more than 4 consecutive spaces`);
		}
	} else if (type === 'currency') {
		const currency = requireObject(p.currency, `${path}.currency`);
		requireString(currency.fallback_value, `${path}.currency.fallback_value`);
		if (!/^[A-Z]{3}$/.test(requireString(currency.code, `${path}.currency.code`))) throw messagingErrors.valueInvalid(`${path}.currency.code must be an ISO 4217 code`);
		if (!Number.isInteger(currency.amount_1000)) throw messagingErrors.valueInvalid(`${path}.currency.amount_1000 must be an integer`);
	} else {
		requireString(requireObject(p.date_time, `${path}.date_time`).fallback_value, `${path}.date_time.fallback_value`);
	}
	if (context.named) {
		if (!present(p.parameter_name)) throw messagingErrors.paramFormat(`${path}: the template uses named parameters; parameter_name is required`);
		return String(p.parameter_name);
	}
	if (p.parameter_name !== undefined) throw messagingErrors.paramFormat(`${path}: the template uses positional parameters; parameter_name is not expected`);
	return undefined;
}

/** Parameters for `{{…}}` variables: the count first (132000), then names (named templates). */
function checkVariableParameters(kind: string, variables: string[], given: Component | undefined, path: string, context: TemplateContext): void {
	const parameters = given?.parameters === undefined ? [] : requireArray(given.parameters, `${path}.parameters`, 0, 1000);
	if (parameters.length !== variables.length) {
		throw messagingErrors.paramCount(`${kind}: number of localizable_params (${parameters.length}) does not match the expected number of params (${variables.length})`);
	}
	const names = parameters.map((parameter, i) => checkTextParameter(parameter, `${path}.parameters[${i}]`, context));
	if (!context.named) return;
	for (const name of names) if (!variables.includes(name!)) throw messagingErrors.valueInvalid(`${kind}: the template has no parameter named ${name}`);
	for (const variable of variables) if (!names.includes(variable)) throw messagingErrors.requiredMissing(`${kind}: parameter ${variable} is missing`);
}

function checkHeader(definition: Component | undefined, given: Component | undefined, path: string, context: TemplateContext): void {
	const format = definition ? upper(definition.format) : '';
	if (format === '' || format === 'TEXT') {
		const variables = format === 'TEXT' ? variablesOf(String(definition!.text ?? '')) : [];
		if (!given && !variables.length) return;
		checkVariableParameters('header', variables, given, path, context);
		return;
	}
	if (!given) throw messagingErrors.requiredMissing(`header: Format mismatch, expected ${format}, received UNKNOWN`);
	const parameters = requireArray(given.parameters, `${path}.parameters`, 0, 10);
	if (parameters.length !== 1) throw messagingErrors.paramCount(`header: number of params (${parameters.length}) does not match the expected number of params (1)`);
	const parameter = requireObject(parameters[0], `${path}.parameters[0]`);
	const expected = format === 'LOCATION' || format === 'PRODUCT' ? format.toLowerCase() : MEDIA_HEADERS[format];
	if (parameter.type !== expected) {
		throw messagingErrors.paramFormat(`header: Format mismatch, expected ${format}, received ${upper(parameter.type) || 'UNKNOWN'}`);
	}
	if (expected === 'location') checkLocation(parameter.location, `${path}.parameters[0].location`);
	else if (expected === 'product') checkProduct(parameter.product, `${path}.parameters[0].product`, context);
	else checkMediaObject(context.state, expected, parameter[expected], `${path}.parameters[0].${expected}`, context.phoneNumberId);
}

/**
 * A product header (single-product templates, product card carousels): the product's retailer ID
 * and its catalog (.../marketing-templates/spm-templates, .../catalogs/product-card-carousel-template-messages). The
 * cards of a product carousel reference one catalog (.../catalogs/interactive-product-carousel-messages).
 */
function checkProduct(value: unknown, path: string, context: TemplateContext): void {
	const product = requireObject(value, path);
	requireString(product.product_retailer_id, `${path}.product_retailer_id`);
	context.catalogIds?.add(checkCatalogId(product.catalog_id, `${path}.catalog_id`));
	if (context.catalogIds && context.catalogIds.size > 1) throw messagingErrors.valueInvalid(`${path}.catalog_id: every card must reference the same catalog`);
}

/** What a template button takes when sent: its sub_type and whether a parameter is required. */
function buttonRule(button: Component): { subType: string; required: boolean; allowed: boolean } {
	const type = upper(button.type);
	const otp = type === 'OTP' || (type === 'URL' && /otp_type=/i.test(String(button.url ?? '')));
	if (otp) return { subType: 'url', required: true, allowed: true };
	if (type === 'URL') {
		const dynamic = variablesOf(String(button.url ?? '')).length > 0;
		return { subType: 'url', required: dynamic, allowed: dynamic };
	}
	if (type === 'QUICK_REPLY') return { subType: 'quick_reply', required: false, allowed: true };
	if (type === 'COPY_CODE') return { subType: 'copy_code', required: true, allowed: true };
	if (type === 'FLOW') return { subType: 'flow', required: false, allowed: true };
	if (type === 'CATALOG' || type === 'MPM') return { subType: type.toLowerCase(), required: type === 'MPM', allowed: true };
	// An SPM ("View") button opens the product the header names; it takes no parameter of its own.
	if (type === 'SPM') return { subType: 'spm', required: false, allowed: false };
	return { subType: type.toLowerCase(), required: false, allowed: false };
}

const BUTTON_PARAMETER_TYPES: Record<string, string> = { url: 'text', quick_reply: 'payload', copy_code: 'coupon_code', flow: 'action', catalog: 'action', mpm: 'action' };

function checkButtonParameter(subType: string, parameter: unknown, path: string): void {
	const p = requireObject(parameter, path);
	const expected = BUTTON_PARAMETER_TYPES[subType];
	if (p.type !== expected) throw messagingErrors.paramFormat(`${path}: Format mismatch, expected ${expected}, received ${String(p.type ?? 'UNKNOWN')}`);
	if (expected === 'text') requireString(p.text, `${path}.text`, 2000);
	else if (expected === 'payload') requireString(p.payload, `${path}.payload`, 1000);
	else if (expected === 'coupon_code') requireString(p.coupon_code, `${path}.coupon_code`, 15);
	else {
		const action = requireObject(p.action, `${path}.action`);
		if (subType === 'flow' && action.flow_action_data !== undefined && !isObject(action.flow_action_data)) {
			throw messagingErrors.valueInvalid(`${path}.action.flow_action_data must be an object`);
		}
		if (subType === 'catalog' && action.thumbnail_product_retailer_id !== undefined) requireString(action.thumbnail_product_retailer_id, `${path}.action.thumbnail_product_retailer_id`);
		if (subType === 'mpm') checkMultiProductAction(action, `${path}.action`);
	}
}

/** A multi-product template's products: a thumbnail product and the sections (products.ts). */
function checkMultiProductAction(action: Component, path: string): void {
	requireString(action.thumbnail_product_retailer_id, `${path}.thumbnail_product_retailer_id`);
	checkProductSections(action, path);
}

function checkButtons(definition: Component | undefined, given: Component[], path: string): void {
	const buttons = (definition && Array.isArray(definition.buttons) ? definition.buttons : []) as Component[];
	const seen = new Set<number>();
	given.forEach((component, i) => {
		const where = `${path}[${i}]`;
		const index = Number(component.index);
		if (component.index === undefined || !Number.isInteger(index)) throw messagingErrors.requiredMissing(`${where}.index is required`);
		if (index < 0 || index >= buttons.length) throw messagingErrors.valueInvalid(`buttons: the template has no button at index ${index}`);
		if (seen.has(index)) throw messagingErrors.valueInvalid(`buttons: the button at index ${index} is given twice`);
		seen.add(index);
		const rule = buttonRule(buttons[index]);
		if (!rule.allowed) throw messagingErrors.valueInvalid(`buttons: the ${upper(buttons[index].type)} button at index ${index} takes no parameters`);
		if (component.sub_type !== rule.subType) {
			throw messagingErrors.valueInvalid(`buttons: the button at index ${index} is ${upper(buttons[index].type)}; sub_type must be ${rule.subType}, got ${String(component.sub_type ?? '(none)')}`);
		}
		const parameters = requireArray(component.parameters ?? [], `${where}.parameters`, 0, 1);
		if (rule.required && parameters.length === 0) throw messagingErrors.requiredMissing(`buttons: Button at index ${index} of type ${rule.subType} requires a parameter`);
		parameters.forEach((parameter, p) => checkButtonParameter(rule.subType, parameter, `${where}.parameters[${p}]`));
	});
	buttons.forEach((button, index) => {
		if (!seen.has(index) && buttonRule(button).required) throw messagingErrors.requiredMissing(`buttons: Button at index ${index} of type ${buttonRule(button).subType} requires a parameter`);
	});
}

/** Header, body and buttons of one message (or one carousel card) against their definitions. */
function checkParts(definitions: Component[], given: Component[], path: string, context: TemplateContext): void {
	const known = ['HEADER', 'BODY', 'BUTTON', 'CAROUSEL', 'LIMITED_TIME_OFFER'];
	given.forEach((component, i) => {
		if (!known.includes(upper(component.type))) throw messagingErrors.valueInvalid(`${path}[${i}].type ${String(component.type)} is not a template component type`);
	});
	const single = (type: string) => {
		const matches = given.filter((c) => upper(c.type) === type);
		if (matches.length > 1) throw messagingErrors.valueInvalid(`${path}: component ${type.toLowerCase()} is given more than once`);
		return matches[0];
	};
	checkHeader(componentOf(definitions, 'HEADER'), single('HEADER'), `${path}[header]`, context);
	const body = componentOf(definitions, 'BODY');
	const bodyVariables = context.category === 'AUTHENTICATION' ? ['1'] : variablesOf(String(body?.text ?? ''));
	checkVariableParameters('body', bodyVariables, single('BODY'), `${path}[body]`, context);
	checkButtons(componentOf(definitions, 'BUTTONS'), given.filter((c) => upper(c.type) === 'BUTTON'), `${path}[button]`);
}

function checkCarousel(definition: Component | undefined, given: Component | undefined, context: TemplateContext): void {
	if (!definition) {
		if (given) throw messagingErrors.valueInvalid('carousel: the template has no carousel');
		return;
	}
	const cards = (Array.isArray(definition.cards) ? definition.cards : []) as Component[];
	if (!given) throw messagingErrors.requiredMissing(`carousel: the template has ${cards.length} cards; a carousel component is required`);
	const sent = requireArray(given.cards, 'template.components[carousel].cards', 0, 10);
	if (sent.length !== cards.length) throw messagingErrors.paramCount(`carousel: number of cards (${sent.length}) does not match the expected number of cards (${cards.length})`);
	const indexes = new Set<number>();
	sent.forEach((raw, i) => {
		const card = requireObject(raw, `carousel.cards[${i}]`);
		const index = Number(card.card_index);
		if (!Number.isInteger(index) || index < 0 || index >= cards.length || indexes.has(index)) {
			throw messagingErrors.valueInvalid(`carousel.cards[${i}].card_index must be a distinct card index from 0 to ${cards.length - 1}`);
		}
		indexes.add(index);
		const components = requireArray(card.components, `carousel.cards[${i}].components`, 1, 10) as Component[];
		const definitions = (Array.isArray(cards[index].components) ? cards[index].components : []) as Component[];
		checkParts(definitions, components, `carousel.cards[${index}].components`, context);
	});
}

/** A limited-time offer with `has_expiration` needs the offer's expiry, in the future. */
function checkLimitedTimeOffer(definition: Component | undefined, given: Component | undefined, now: number): void {
	const offer = definition && isObject(definition.limited_time_offer) ? definition.limited_time_offer : undefined;
	if (!definition || !offer?.has_expiration) {
		if (given) throw messagingErrors.valueInvalid('limited_time_offer: the template has no offer expiration to set');
		return;
	}
	if (!given) throw messagingErrors.requiredMissing('limited_time_offer: expiration_time_ms is required');
	const parameters = requireArray(given.parameters, 'limited_time_offer.parameters', 1, 1);
	const parameter = requireObject(parameters[0], 'limited_time_offer.parameters[0]');
	if (parameter.type !== 'limited_time_offer') throw messagingErrors.paramFormat('limited_time_offer: Format mismatch, expected limited_time_offer');
	const expiry = requireObject(parameter.limited_time_offer, 'limited_time_offer.parameters[0].limited_time_offer').expiration_time_ms;
	if (!Number.isInteger(expiry)) throw messagingErrors.requiredMissing('limited_time_offer: expiration_time_ms is required (a Unix time in milliseconds)');
	if ((expiry as number) <= now) throw messagingErrors.valueInvalid('limited_time_offer: expiration_time_ms is in the past');
}

/** The whole `template` object: returns the template record for the answer and the log. */
export function checkTemplateMessage(state: SandboxState, body: Json, phoneNumberId: string, now = Date.now()): TemplateRecord {
	const template = requireObject(body.template, 'template');
	const record = findSendableTemplate(state, template);
	const components = (template.components === undefined ? [] : requireArray(template.components, 'template.components', 0, 20)).map((c, i) =>
		requireObject(c, `template.components[${i}]`),
	);
	const context: TemplateContext = { state, phoneNumberId, named: record.parameter_format === 'NAMED', category: record.category, catalogIds: new Set() };
	const single = (type: string) => components.find((c) => upper(c.type) === type);
	checkParts(record.components, components.filter((c) => !['CAROUSEL', 'LIMITED_TIME_OFFER'].includes(upper(c.type))), 'template.components', context);
	checkCarousel(componentOf(record.components, 'CAROUSEL'), single('CAROUSEL'), context);
	checkLimitedTimeOffer(componentOf(record.components, 'LIMITED_TIME_OFFER'), single('LIMITED_TIME_OFFER'), now);
	return record;
}

/** Authentication templates with OTP buttons can only go to phone numbers (Meta's BSUID page). */
export function needsPhoneNumber(record: TemplateRecord): boolean {
	return record.category === 'AUTHENTICATION';
}
