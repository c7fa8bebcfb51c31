/**
 * Message templates: the rules Meta documents for names and components, as pure functions, and the
 * builder that turns the node's friendly fields into Meta's `components` array.
 *
 * Sources: Meta's template docs (templates/overview, templates/components, template-management,
 * the template error codes 2388xxx) as summarised in graph-api.md section 1.
 */

import { formatProblem, type ParameterProblem } from '../actions/common/parameterProblem';

export type ParameterFormat = 'POSITIONAL' | 'NAMED';
export type TemplateCategory = 'AUTHENTICATION' | 'MARKETING' | 'UTILITY';

export const TEMPLATE_CATEGORIES: TemplateCategory[] = ['AUTHENTICATION', 'MARKETING', 'UTILITY'];
export const TEMPLATE_STATUSES = [
	'APPROVED',
	'ARCHIVED',
	'DELETED',
	'DISABLED',
	'IN_APPEAL',
	'LIMIT_EXCEEDED',
	'PAUSED',
	'PENDING',
	'PENDING_DELETION',
	'REJECTED',
];
export const QUALITY_SCORES = ['GREEN', 'RED', 'UNKNOWN', 'YELLOW'];

export const LIMITS = {
	nameLength: 512,
	headerTextLength: 60,
	bodyTextLength: 1024,
	footerTextLength: 60,
	buttonsTotal: 10,
	buttonTextLength: 25,
	urlButtons: 2,
	urlLength: 2000,
	phoneNumberButtons: 1,
	phoneNumberLength: 20,
	copyCodeButtons: 1,
	copyCodeExampleLength: 15,
} as const;

/** Resumable-upload MIME types Meta accepts per media header format, and WhatsApp's size limits. */
export const HEADER_SAMPLE_TYPES: Record<string, { mimeTypes: string[]; maxBytes: number }> = {
	IMAGE: { mimeTypes: ['image/jpeg', 'image/jpg', 'image/png'], maxBytes: 5 * 1024 * 1024 },
	VIDEO: { mimeTypes: ['video/mp4'], maxBytes: 16 * 1024 * 1024 },
	DOCUMENT: { mimeTypes: ['application/pdf'], maxBytes: 100 * 1024 * 1024 },
};

export const MEDIA_HEADER_FORMATS = ['IMAGE', 'VIDEO', 'GIF', 'DOCUMENT'];
const HEADER_FORMATS = ['TEXT', ...MEDIA_HEADER_FORMATS, 'LOCATION'];
const BUTTON_TYPES = ['QUICK_REPLY', 'URL', 'PHONE_NUMBER', 'COPY_CODE', 'FLOW', 'OTP', 'MPM', 'SPM', 'CATALOG'];
const FLOW_ACTIONS = ['NAVIGATE', 'DATA_EXCHANGE'];

/** One broken rule: which component, which field, and what the rule says. */
export type TemplateProblem = ParameterProblem & { component: string };

export { formatProblem };

const problem = (component: string, field: string, rule: string): TemplateProblem => ({ component, field, rule });

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

const isBlank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** `{{1}}`, `{{first_name}}`: every variable in a text, in order of appearance (with repeats). */
export function extractVariables(text: string): string[] {
	const variables: string[] = [];
	for (const match of text.matchAll(/\{\{\s*([^{}]*?)\s*\}\}/g)) variables.push(match[1]);
	return variables;
}

const POSITIONAL_VARIABLE = /^[1-9]\d*$/;
const NAMED_VARIABLE = /^[a-z][a-z0-9_]*$/;

/** Matches emoji, which Meta refuses in headers and footers. */
const EMOJI = /\p{Extended_Pictographic}/u;

export function validateTemplateName(name: unknown): TemplateProblem[] {
	const component = 'Template';
	if (isBlank(name)) return [problem(component, 'name', 'is required')];
	const text = String(name);
	const problems: TemplateProblem[] = [];
	if (text.length > LIMITS.nameLength) {
		problems.push(problem(component, 'name', `must be at most ${LIMITS.nameLength} characters (it has ${text.length})`));
	}
	if (!/^[a-z0-9_]+$/.test(text)) {
		problems.push(problem(component, 'name', 'may contain only lowercase letters, digits and underscores (_)'));
	}
	return problems;
}

/** Meta's language codes: `en`, `en_US`, `pt_BR`, `zh_HK`, `fil`. */
export function validateLanguage(language: unknown): TemplateProblem[] {
	if (isBlank(language)) return [problem('Template', 'language', 'is required')];
	if (!/^[a-z]{2,3}(_[A-Z]{2,4})?$/.test(String(language))) {
		return [problem('Template', 'language', 'must be a language code such as en, en_US or pt_BR')];
	}
	return [];
}

export function validateCategory(category: unknown): TemplateProblem[] {
	if (isBlank(category)) return [problem('Template', 'category', 'is required')];
	if (!TEMPLATE_CATEGORIES.includes(String(category).toUpperCase() as TemplateCategory)) {
		return [problem('Template', 'category', `must be one of ${TEMPLATE_CATEGORIES.join(', ')}`)];
	}
	return [];
}

export interface ComponentContext {
	category?: string;
	parameterFormat: ParameterFormat;
}

/**
 * Checks variables of a text against the parameter format: positional ones numbered {{1}}..{{n}}
 * without gaps, named ones in lowercase snake case, never mixed.
 */
function checkVariableNames(component: string, variables: string[], format: ParameterFormat): TemplateProblem[] {
	const problems: TemplateProblem[] = [];
	for (const variable of new Set(variables)) {
		if (format === 'POSITIONAL' && !POSITIONAL_VARIABLE.test(variable)) {
			problems.push(
				problem(component, 'text', `uses variable {{${variable}}}, but the positional parameter format allows only {{1}}, {{2}}, ...`),
			);
		}
		if (format === 'NAMED' && !NAMED_VARIABLE.test(variable)) {
			problems.push(
				problem(
					component,
					'text',
					`uses variable {{${variable}}}, but the named parameter format needs lowercase letters, digits and underscores, starting with a letter`,
				),
			);
		}
	}
	if (format === 'POSITIONAL' && !problems.length) {
		const numbers = [...new Set(variables)].map(Number).sort((a, b) => a - b);
		const gap = numbers.findIndex((value, index) => value !== index + 1);
		if (gap !== -1) {
			problems.push(problem(component, 'text', `must number its variables {{1}} to {{${numbers.length}}} without gaps (found {{${numbers[gap]}}})`));
		}
	}
	return problems;
}

function checkHeader(header: Record<string, unknown>, context: ComponentContext): TemplateProblem[] {
	const component = 'HEADER component';
	const problems: TemplateProblem[] = [];
	const format = String(header.format ?? '').toUpperCase();
	if (!HEADER_FORMATS.includes(format)) {
		return [problem(component, 'format', `must be one of ${HEADER_FORMATS.join(', ')}`)];
	}
	const example = isObject(header.example) ? header.example : undefined;
	if (format === 'TEXT') {
		if (isBlank(header.text)) return [problem(component, 'text', 'is required for a text header')];
		const text = String(header.text);
		if (text.length > LIMITS.headerTextLength) {
			problems.push(problem(component, 'text', `must be at most ${LIMITS.headerTextLength} characters (it has ${text.length})`));
		}
		if (/[\r\n]/.test(text)) problems.push(problem(component, 'text', 'may not contain line breaks'));
		if (EMOJI.test(text)) problems.push(problem(component, 'text', 'may not contain emoji'));
		const variables = extractVariables(text);
		if (variables.length > 1) {
			problems.push(problem(component, 'text', `may contain at most one variable (it has ${variables.length})`));
			return problems;
		}
		problems.push(...checkVariableNames(component, variables, context.parameterFormat));
		if (variables.length === 1) {
			if (context.parameterFormat === 'NAMED') {
				const named = example?.header_text_named_params;
				const entry = Array.isArray(named) ? named.find((e) => isObject(e) && e.param_name === variables[0]) : undefined;
				if (!isObject(entry) || isBlank(entry.example)) {
					problems.push(problem(component, 'example.header_text_named_params', `needs an example for {{${variables[0]}}}`));
				}
			} else {
				const positional = example?.header_text;
				if (!Array.isArray(positional) || positional.length !== 1 || isBlank(positional[0])) {
					problems.push(problem(component, 'example.header_text', 'needs exactly one example value for {{1}}'));
				}
			}
		}
		return problems;
	}
	if (MEDIA_HEADER_FORMATS.includes(format)) {
		const handles = example?.header_handle;
		if (!Array.isArray(handles) || handles.length !== 1 || isBlank(handles[0])) {
			problems.push(
				problem(component, 'example.header_handle', `needs one sample file handle from the Resumable Upload API for a ${format.toLowerCase()} header`),
			);
		}
		if (!isBlank(header.text)) problems.push(problem(component, 'text', `is not allowed with a ${format.toLowerCase()} header`));
		return problems;
	}
	// LOCATION
	const category = String(context.category ?? '').toUpperCase();
	if (category && category !== 'UTILITY' && category !== 'MARKETING') {
		problems.push(problem(component, 'format', 'LOCATION is allowed only in UTILITY and MARKETING templates'));
	}
	return problems;
}

function checkBody(body: Record<string, unknown>, context: ComponentContext): TemplateProblem[] {
	const component = 'BODY component';
	const category = String(context.category ?? '').toUpperCase();
	// Authentication templates carry Meta's fixed text; only add_security_recommendation is set.
	if (category === 'AUTHENTICATION') {
		return isBlank(body.text) ? [] : [problem(component, 'text', 'is not allowed in AUTHENTICATION templates: Meta supplies the text')];
	}
	if (isBlank(body.text)) return [problem(component, 'text', 'is required')];
	const text = String(body.text);
	const problems: TemplateProblem[] = [];
	if (text.length > LIMITS.bodyTextLength) {
		problems.push(problem(component, 'text', `must be at most ${LIMITS.bodyTextLength} characters (it has ${text.length})`));
	}
	const variables = extractVariables(text);
	if (!variables.length) return problems;
	// Not checked here: Meta's error 2388293 "Parameters words ratio exceeds limit" ("too many
	// variables for its length"). Meta's error-codes reference publishes no ratio or threshold, so
	// any local rule would be a guess that could refuse templates Meta accepts; Meta's answer (with
	// its hint in transport/errors.ts) is left to say it. Source:
	// https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes ("Template creation errors").
	const trimmed = text.trim();
	if (/^\{\{[^{}]*\}\}/.test(trimmed)) {
		problems.push(problem(component, 'text', `may not start with a variable ({{${variables[0]}}}); add text before it`));
	}
	if (/\{\{[^{}]*\}\}$/.test(trimmed)) {
		problems.push(problem(component, 'text', `may not end with a variable ({{${variables[variables.length - 1]}}}); add text after it`));
	}
	const nameProblems = checkVariableNames(component, variables, context.parameterFormat);
	problems.push(...nameProblems);
	if (nameProblems.length) return problems;

	const example = isObject(body.example) ? body.example : undefined;
	const distinct = [...new Set(variables)];
	if (context.parameterFormat === 'NAMED') {
		const named = Array.isArray(example?.body_text_named_params) ? (example.body_text_named_params as unknown[]) : [];
		for (const variable of distinct) {
			const entry = named.find((e) => isObject(e) && e.param_name === variable);
			if (!isObject(entry) || isBlank(entry.example)) {
				problems.push(problem(component, 'example.body_text_named_params', `needs an example for {{${variable}}}`));
			}
		}
		for (const entry of named) {
			const name = isObject(entry) ? String(entry.param_name ?? '') : '';
			if (!distinct.includes(name)) {
				problems.push(problem(component, 'example.body_text_named_params', `has an example for {{${name}}}, which the text does not use`));
			}
		}
		return problems;
	}
	const rows = example?.body_text;
	const values = Array.isArray(rows) && Array.isArray(rows[0]) ? (rows[0] as unknown[]) : undefined;
	if (!values) {
		problems.push(problem(component, 'example.body_text', `needs example values for ${distinct.map((v) => `{{${v}}}`).join(', ')}`));
		return problems;
	}
	if (values.length !== distinct.length) {
		problems.push(
			problem(component, 'example.body_text', `must give exactly ${distinct.length} example value(s), one per variable (it gives ${values.length})`),
		);
	}
	values.forEach((value, index) => {
		if (index < distinct.length && isBlank(value)) {
			problems.push(problem(component, 'example.body_text', `needs a non-empty example for {{${index + 1}}}`));
		}
	});
	return problems;
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
	const problems: TemplateProblem[] = [];
	if (text.length > LIMITS.footerTextLength) {
		problems.push(problem(component, 'text', `must be at most ${LIMITS.footerTextLength} characters (it has ${text.length})`));
	}
	if (extractVariables(text).length) problems.push(problem(component, 'text', 'may not contain variables'));
	if (/[\r\n]/.test(text)) problems.push(problem(component, 'text', 'may not contain line breaks'));
	if (EMOJI.test(text)) problems.push(problem(component, 'text', 'may not contain emoji'));
	return problems;
}

const isHttpUrl = (value: string) => /^https?:\/\/[^\s/$.?#][^\s]*$/i.test(value);

function checkButtons(component: Record<string, unknown>, context: ComponentContext): TemplateProblem[] {
	const name = 'BUTTONS component';
	const buttons = component.buttons;
	if (!Array.isArray(buttons) || buttons.length === 0) return [problem(name, 'buttons', 'must list at least one button')];
	const problems: TemplateProblem[] = [];
	if (buttons.length > LIMITS.buttonsTotal) {
		problems.push(problem(name, 'buttons', `may hold at most ${LIMITS.buttonsTotal} buttons in all (it has ${buttons.length})`));
	}
	const category = String(context.category ?? '').toUpperCase();
	const types = buttons.map((b) => (isObject(b) ? String(b.type ?? '').toUpperCase() : ''));
	const count = (type: string) => types.filter((t) => t === type).length;
	if (count('URL') > LIMITS.urlButtons) problems.push(problem(name, 'buttons', `may hold at most ${LIMITS.urlButtons} URL buttons (it has ${count('URL')})`));
	if (count('PHONE_NUMBER') > LIMITS.phoneNumberButtons) {
		problems.push(problem(name, 'buttons', `may hold at most ${LIMITS.phoneNumberButtons} phone number button (it has ${count('PHONE_NUMBER')})`));
	}
	if (count('COPY_CODE') > LIMITS.copyCodeButtons) {
		problems.push(problem(name, 'buttons', `may hold at most ${LIMITS.copyCodeButtons} copy code button (it has ${count('COPY_CODE')})`));
	}
	const quickReplies = types.map((t, i) => (t === 'QUICK_REPLY' ? i : -1)).filter((i) => i !== -1);
	if (quickReplies.length && quickReplies[quickReplies.length - 1] - quickReplies[0] + 1 !== quickReplies.length) {
		problems.push(
			problem(name, 'buttons', 'must keep quick reply buttons together (e.g. quick reply, quick reply, URL; not quick reply, URL, quick reply)'),
		);
	}
	if (category === 'AUTHENTICATION' && (buttons.length !== 1 || types[0] !== 'OTP')) {
		problems.push(problem(name, 'buttons', 'must be exactly one OTP button in an AUTHENTICATION template'));
	}

	buttons.forEach((raw, index) => {
		const field = (key: string) => `buttons[${index}].${key}`;
		if (!isObject(raw)) {
			problems.push(problem(name, `buttons[${index}]`, 'must be an object'));
			return;
		}
		const type = types[index];
		if (!BUTTON_TYPES.includes(type)) {
			problems.push(problem(name, field('type'), `must be one of ${BUTTON_TYPES.join(', ')}`));
			return;
		}
		if (type === 'OTP' && category !== 'AUTHENTICATION') {
			problems.push(problem(name, field('type'), 'OTP buttons are allowed only in AUTHENTICATION templates'));
		}
		const needsText = ['QUICK_REPLY', 'URL', 'PHONE_NUMBER', 'FLOW'].includes(type);
		if (needsText && isBlank(raw.text)) problems.push(problem(name, field('text'), 'is required'));
		if (!isBlank(raw.text) && String(raw.text).length > LIMITS.buttonTextLength) {
			problems.push(problem(name, field('text'), `must be at most ${LIMITS.buttonTextLength} characters (it has ${String(raw.text).length})`));
		}
		if (type === 'URL') {
			if (isBlank(raw.url)) {
				problems.push(problem(name, field('url'), 'is required'));
				return;
			}
			const url = String(raw.url);
			if (url.length > LIMITS.urlLength) problems.push(problem(name, field('url'), `must be at most ${LIMITS.urlLength} characters`));
			if (!isHttpUrl(url.replace(/\{\{[^{}]*\}\}/g, 'x'))) problems.push(problem(name, field('url'), 'must be an http:// or https:// address'));
			const variables = extractVariables(url);
			if (variables.length > 1) problems.push(problem(name, field('url'), 'may contain at most one variable'));
			else if (variables.length === 1) {
				if (variables[0] !== '1') problems.push(problem(name, field('url'), 'must write its variable as {{1}}'));
				if (!/\{\{[^{}]*\}\}$/.test(url)) problems.push(problem(name, field('url'), 'may have its variable only at the end of the address'));
				const example = raw.example;
				const sample = Array.isArray(example) ? example[0] : example;
				if (isBlank(sample)) problems.push(problem(name, field('example'), 'needs a full example address for the URL variable'));
				else if (!isHttpUrl(String(sample))) problems.push(problem(name, field('example'), 'must be a full http:// or https:// address'));
			}
		}
		if (type === 'PHONE_NUMBER') {
			if (isBlank(raw.phone_number)) problems.push(problem(name, field('phone_number'), 'is required'));
			else if (String(raw.phone_number).length > LIMITS.phoneNumberLength) {
				problems.push(problem(name, field('phone_number'), `must be at most ${LIMITS.phoneNumberLength} characters`));
			} else if (!/^\+?[0-9 ()-]+$/.test(String(raw.phone_number))) {
				problems.push(problem(name, field('phone_number'), 'must be a phone number with country code, e.g. +15550051234'));
			}
		}
		if (type === 'COPY_CODE') {
			const example = Array.isArray(raw.example) ? raw.example[0] : raw.example;
			if (isBlank(example)) problems.push(problem(name, field('example'), 'needs the sample code to copy'));
			else if (String(example).length > LIMITS.copyCodeExampleLength) {
				problems.push(problem(name, field('example'), `must be at most ${LIMITS.copyCodeExampleLength} characters`));
			}
		}
		if (type === 'FLOW') {
			const identifiers = ['flow_id', 'flow_name', 'flow_json'].filter((key) => !isBlank(raw[key]));
			if (identifiers.length !== 1) problems.push(problem(name, field('flow_id'), 'is required (or exactly one of flow_name, flow_json)'));
			const action = isBlank(raw.flow_action) ? 'NAVIGATE' : String(raw.flow_action).toUpperCase();
			if (!FLOW_ACTIONS.includes(action)) problems.push(problem(name, field('flow_action'), `must be one of ${FLOW_ACTIONS.join(', ')}`));
			else if (action === 'NAVIGATE' && isBlank(raw.navigate_screen)) {
				problems.push(problem(name, field('navigate_screen'), 'is required when flow_action is NAVIGATE'));
			}
		}
	});
	return problems;
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
		else if (type !== 'CAROUSEL' && type !== 'LIMITED_TIME_OFFER') {
			problems.push(problem('Template', `components[${index}].type`, 'must be one of HEADER, BODY, FOOTER, BUTTONS, CAROUSEL, LIMITED_TIME_OFFER'));
		}
	});
	if (!seen.get('BODY')) problems.unshift(problem('BODY component', 'text', 'is required: every template needs a body'));
	for (const type of ['HEADER', 'BODY', 'FOOTER', 'BUTTONS']) {
		if ((seen.get(type) ?? 0) > 1) problems.push(problem(`${type} component`, 'type', `may appear only once (it appears ${seen.get(type)} times)`));
	}
	if (String(context.category ?? '').toUpperCase() === 'AUTHENTICATION' && seen.get('HEADER')) {
		problems.push(problem('HEADER component', 'format', 'is not allowed in AUTHENTICATION templates'));
	}
	return problems;
}

export interface CreateTemplateInput {
	name: unknown;
	language: unknown;
	category: unknown;
	parameterFormat: ParameterFormat;
	components: unknown;
}

export function validateCreateTemplate(input: CreateTemplateInput): TemplateProblem[] {
	return [
		...validateTemplateName(input.name),
		...validateLanguage(input.language),
		...validateCategory(input.category),
		...validateComponents(input.components, { category: String(input.category ?? ''), parameterFormat: input.parameterFormat }),
	];
}

/**
 * Meta's time-to-live ranges: 30 to 900 s for authentication, 30 to 43,200 s for utility, 43,200 to
 * 2,592,000 s for marketing (marketing TTL applies to sends through the Marketing Messages API), and
 * `-1` for authentication and utility templates, which sets a custom TTL of 30 days.
 * Sources: https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/time-to-live
 * ("Valid message_send_ttl_seconds property values"; mirrored in kapso-meta-docs/documentation
 * documentation/whatsapp/templates/time-to-live.mdx).
 */
export const MESSAGE_TTL_THIRTY_DAYS = -1;

export function validateMessageTtl(seconds: unknown, category?: string): TemplateProblem[] {
	const field = 'message_send_ttl_seconds';
	if (!Number.isInteger(seconds)) return [problem('Template', field, 'must be a whole number of seconds')];
	const value = seconds as number;
	const upper = String(category ?? '').toUpperCase();
	const ranges: Record<string, [number, number, string]> = {
		AUTHENTICATION: [30, 900, '30 seconds to 15 minutes (900), or -1 for 30 days'],
		UTILITY: [30, 43_200, '30 seconds to 12 hours (43,200), or -1 for 30 days'],
		MARKETING: [43_200, 2_592_000, '12 hours (43,200) to 30 days (2,592,000)'],
	};
	const range = ranges[upper] ?? [30, 2_592_000, '30 seconds to 30 days (2,592,000), or -1 for 30 days'];
	// -1 is documented for authentication and utility only; with no category known, Meta decides.
	if (value === MESSAGE_TTL_THIRTY_DAYS && upper !== 'MARKETING') return [];
	if (value < range[0] || value > range[1]) {
		return [problem('Template', field, `must be ${range[2]}${category ? ` for ${upper} templates` : ''} (it is ${value})`)];
	}
	return [];
}

// ---------------------------------------------------------------------------------------------
// Builder: the node's fields -> Meta's components
// ---------------------------------------------------------------------------------------------

export type HeaderType = 'none' | 'text' | 'image' | 'video' | 'document' | 'location';

export interface ButtonInput {
	type: 'quickReply' | 'url' | 'phoneNumber' | 'copyCode' | 'flow';
	text?: string;
	url?: string;
	urlExample?: string;
	phoneNumber?: string;
	code?: string;
	flowId?: string;
	flowAction?: string;
	navigateScreen?: string;
}

export interface BuilderInput {
	parameterFormat: ParameterFormat;
	headerType: HeaderType;
	headerText?: string;
	headerExample?: string;
	/** The Resumable Upload handle of a media header's sample, once uploaded. */
	headerHandle?: string;
	bodyText: string;
	/** Example per variable: `1`, `2` for positional, `order_id` for named. */
	bodyExamples: Array<{ variable: string; value: string }>;
	footerText?: string;
	buttons: ButtonInput[];
}

/** Placeholder used to validate a media header before its sample is uploaded. */
export const PENDING_HANDLE = 'pending-upload';

export function buildComponents(input: BuilderInput): Array<Record<string, unknown>> {
	const components: Array<Record<string, unknown>> = [];
	const named = input.parameterFormat === 'NAMED';
	if (input.headerType === 'text') {
		const header: Record<string, unknown> = { type: 'HEADER', format: 'TEXT', text: input.headerText ?? '' };
		const variable = extractVariables(input.headerText ?? '')[0];
		if (variable !== undefined && !isBlank(input.headerExample)) {
			header.example = named
				? { header_text_named_params: [{ param_name: variable, example: input.headerExample }] }
				: { header_text: [input.headerExample] };
		}
		components.push(header);
	} else if (input.headerType === 'location') {
		components.push({ type: 'HEADER', format: 'LOCATION' });
	} else if (input.headerType !== 'none') {
		const header: Record<string, unknown> = { type: 'HEADER', format: input.headerType.toUpperCase() };
		if (input.headerHandle) header.example = { header_handle: [input.headerHandle] };
		components.push(header);
	}

	const body: Record<string, unknown> = { type: 'BODY', text: input.bodyText };
	const examples = input.bodyExamples.map((e) => ({ variable: String(e.variable ?? '').replace(/[{}\s]/g, ''), value: e.value }));
	if (examples.length) {
		if (named) {
			body.example = { body_text_named_params: examples.map((e) => ({ param_name: e.variable, example: e.value })) };
		} else {
			const count = Math.max(
				new Set(extractVariables(input.bodyText)).size,
				...examples.map((e) => (POSITIONAL_VARIABLE.test(e.variable) ? Number(e.variable) : 0)),
			);
			const values = Array.from({ length: count }, (_, i) => examples.find((e) => e.variable === String(i + 1))?.value ?? '');
			body.example = { body_text: [values] };
		}
	}
	components.push(body);

	if (!isBlank(input.footerText)) components.push({ type: 'FOOTER', text: input.footerText });

	if (input.buttons.length) {
		components.push({ type: 'BUTTONS', buttons: input.buttons.map(buildButton) });
	}
	return components;
}

function buildButton(button: ButtonInput): Record<string, unknown> {
	switch (button.type) {
		case 'url': {
			const result: Record<string, unknown> = { type: 'URL', text: button.text ?? '', url: button.url ?? '' };
			if (extractVariables(button.url ?? '').length || !isBlank(button.urlExample)) result.example = [button.urlExample ?? ''];
			return result;
		}
		case 'phoneNumber':
			return { type: 'PHONE_NUMBER', text: button.text ?? '', phone_number: button.phoneNumber ?? '' };
		case 'copyCode':
			return { type: 'COPY_CODE', example: button.code ?? '' };
		case 'flow': {
			const action = (button.flowAction ?? 'navigate').toUpperCase();
			const result: Record<string, unknown> = { type: 'FLOW', text: button.text ?? '', flow_id: button.flowId ?? '', flow_action: action };
			if (action === 'NAVIGATE') result.navigate_screen = button.navigateScreen ?? '';
			return result;
		}
		default:
			return { type: 'QUICK_REPLY', text: button.text ?? '' };
	}
}

/** Puts the uploaded sample's handle into a media header built with PENDING_HANDLE. */
export function setHeaderHandle(components: Array<Record<string, unknown>>, handle: string): Array<Record<string, unknown>> {
	return components.map((component) =>
		String(component.type).toUpperCase() === 'HEADER' && MEDIA_HEADER_FORMATS.includes(String(component.format).toUpperCase())
			? { ...component, example: { header_handle: [handle] } }
			: component,
	);
}

/** Checks a header sample file before it is uploaded. */
export function validateHeaderSample(format: string, file: { mimeType?: string; size: number; fileName?: string }): TemplateProblem[] {
	const component = 'HEADER component';
	const accepted = HEADER_SAMPLE_TYPES[format.toUpperCase()];
	if (!accepted) return [];
	const problems: TemplateProblem[] = [];
	const mimeType = (file.mimeType ?? '').split(';')[0].trim().toLowerCase();
	if (!accepted.mimeTypes.includes(mimeType)) {
		problems.push(
			problem(component, 'sample file', `must be ${accepted.mimeTypes.join(' or ')} for a ${format.toLowerCase()} header (got ${mimeType || 'an unknown type'})`),
		);
	}
	if (file.size === 0) problems.push(problem(component, 'sample file', 'is empty'));
	if (file.size > accepted.maxBytes) {
		problems.push(problem(component, 'sample file', `must be at most ${accepted.maxBytes / 1024 / 1024} MB (it has ${(file.size / 1024 / 1024).toFixed(1)} MB)`));
	}
	return problems;
}

/** Graph list filters are JSON arrays, the way Meta's SDKs serialise list parameters. */
export function listFilter(values: unknown): string | undefined {
	const list = (Array.isArray(values) ? values : String(values ?? '').split(','))
		.map((v) => String(v).trim())
		.filter(Boolean);
	return list.length ? JSON.stringify(list) : undefined;
}

export const templatesPath = (businessAccountId: string) => `/${businessAccountId}/message_templates`;
