/** Pure checks of a Send Template item's values against the template's own definition. */
import type { ResourceMapperField } from 'n8n-workflow';

import type { ParameterProblem } from '../../common/parameterProblem';
import { isBlank } from '../../common/blank';
import { epochMs, type SlotValues } from './components';
import { localizedValueOf, localizedValueRule } from './localized';
import { slotsOf, type TemplatePlan, type TemplateSlot } from './plan';
import { catalogIdRule, productSectionsRule } from '../products';

export const VARIABLES_FIELD = 'Template Variables';
export const MARKETING_OPTION = 'Options > Send Through Marketing Messages API';

/** How a media slot's value is read: a media ID (digits), a public link, or an input binary field's name. */
export type MediaSource = { kind: 'id'; id: string } | { kind: 'link'; link: string } | { kind: 'binary'; property: string };

export function mediaSourceOf(value: unknown): MediaSource {
	const textValue = String(value ?? '').trim();
	if (/^\d+$/.test(textValue)) return { kind: 'id', id: textValue };
	if (/^https?:\/\//i.test(textValue)) return { kind: 'link', link: textValue };
	return { kind: 'binary', property: textValue };
}

/** Meta's limit on a coupon code and a one-time password: 15 characters (limited-time-offer and authentication template docs). */
const CODE_MAX = 15;

const templateName = (plan: TemplatePlan) => `"${plan.name}" (${plan.language})`;

function numberRule(value: unknown, min: number, max: number): string | undefined {
	const number = typeof value === 'number' ? value : Number(String(value).trim());
	if (!Number.isFinite(number)) return `must be a number, not ${JSON.stringify(value)}`;
	return number < min || number > max ? `must be between ${min} and ${max}, not ${number}` : undefined;
}

function actionDataRule(value: unknown): string | undefined {
	let parsed = value;
	if (typeof value === 'string') {
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			return `must be a JSON object (${(error as Error).message})`;
		}
	}
	return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? undefined : 'must be a JSON object, such as {"product_id": "42"}';
}

function expirationRule(value: unknown, now: number): string | undefined {
	const ms = epochMs(value);
	if (!Number.isFinite(ms)) return `must be a date and time (e.g. 2026-12-31T23:59:00Z) or milliseconds since 1970, not ${JSON.stringify(value)}`;
	return ms <= now ? `must be in the future, not ${new Date(ms).toISOString()}` : undefined;
}

function codeRule(value: unknown): string | undefined {
	const count = [...String(value)].length;
	return count > CODE_MAX ? `has ${count} characters; Meta allows at most ${CODE_MAX}` : undefined;
}

/**
 * A header or body variable: a currency or date (localized.ts), else text. Meta's 132018: a text
 * parameter cannot have new-line or tab characters or more than 4 consecutive spaces
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes).
 */
function textRule(value: unknown): string | undefined {
	if (typeof value === 'object' && !(value instanceof Date)) return localizedValueRule(value);
	const localized = localizedValueOf(value);
	if (localized) return localizedValueRule(localized);
	const textValue = String(value);
	if (/[\n\t]/.test(textValue)) return 'contains a line break or tab; Meta refuses them in template variables (use a space instead)';
	return / {5,}/.test(textValue) ? 'contains more than 4 spaces in a row; Meta refuses that in template variables' : undefined;
}

interface RuleContext {
	now: number;
	hasBinary: (property: string) => boolean;
}

/** The rule a present value breaks, by its slot's kind. */
function valueRule(slot: TemplateSlot, value: unknown, context: RuleContext): string | undefined {
	switch (slot.kind) {
		case 'media': {
			const source = mediaSourceOf(value);
			if (source.kind !== 'binary' || context.hasBinary(source.property)) return undefined;
			return `must be a media ID, an http(s) link or the name of an input binary field; the input item has no binary field "${source.property}"`;
		}
		case 'latitude':
			return numberRule(value, -90, 90);
		case 'longitude':
			return numberRule(value, -180, 180);
		case 'flowActionData':
			return actionDataRule(value);
		case 'expiration':
			return expirationRule(value, context.now);
		case 'couponCode':
		case 'otp':
			return codeRule(value);
		case 'text':
			return textRule(value);
		case 'productSections':
			return productSectionsRule(value);
		case 'catalogId':
			return catalogIdRule(value);
		default:
			return typeof value === 'object' && !(value instanceof Date) ? `must be text, not ${JSON.stringify(value)}` : undefined;
	}
}

function slotProblems(plan: TemplatePlan, values: SlotValues, context: RuleContext): ParameterProblem[] {
	const problems: ParameterProblem[] = [];
	for (const slot of slotsOf(plan)) {
		const value = values[slot.id];
		const field = `${VARIABLES_FIELD} > ${slot.label}`;
		if (isBlank(value)) {
			if (slot.required) problems.push({ field, component: slot.component, rule: MISSING });
			continue;
		}
		const rule = valueRule(slot, value, context);
		if (rule) problems.push({ field, component: slot.component, rule });
	}
	return problems;
}

const MISSING = 'is required by the template and has no value';

/** Values for fields the template does not have: a variable renamed or removed since the field list was loaded. */
function extraProblems(known: Set<string>, values: SlotValues): ParameterProblem[] {
	return Object.keys(values)
		.filter((key) => !known.has(key) && !isBlank(values[key]))
		.map((key) => ({
			field: `${VARIABLES_FIELD} > ${key}`,
			rule: 'is not a variable of the template',
			hint: 'The template changed since its variables were loaded: open Template Variables, choose Refresh Variable List, and remove the fields it no longer has.',
		}));
}

/** `Body {{item}} (e.g. bike)` -> `Body {{item}}`: the slot's label without the notes the field list adds. */
export function labelOfField(displayName: string): string {
	const example = displayName.lastIndexOf(' (e.g. ');
	if (example !== -1 && displayName.endsWith(')')) return displayName.slice(0, example);
	return displayName.endsWith(' (optional)') ? displayName.slice(0, -' (optional)'.length) : displayName;
}

/** `card.1.button.0.payload` -> `Card 2 BUTTONS component`, as the template's own slots name it. */
function componentOfFieldId(id: string): string {
	const card = /^card\.(\d+)\.(.*)$/.exec(id);
	const rest = card ? card[2] : id;
	const parts: Record<string, string> = { header: 'HEADER', catalog: 'HEADER', body: 'BODY', button: 'BUTTONS', offer: 'LIMITED_TIME_OFFER', otp: 'BODY' };
	const component = `${parts[rest.split('.')[0]] ?? rest.split('.')[0].toUpperCase()} component`;
	return card ? `Card ${Number(card[1]) + 1} ${component}` : component;
}

/**
 * Missing and extra values against the field list the editor loaded (stored with the node), with no
 * request: the live template is read only when these pass, and checked again then.
 */
export function schemaProblems(schema: ResourceMapperField[], values: SlotValues): ParameterProblem[] {
	const missing = schema
		.filter((field) => field.required && isBlank(values[field.id]))
		.map((field) => ({ field: `${VARIABLES_FIELD} > ${labelOfField(field.displayName)}`, component: componentOfFieldId(field.id), rule: MISSING }));
	return [...missing, ...extraProblems(new Set(schema.map((field) => field.id)), values)];
}

/** Everything wrong with an item's template values, found before anything is sent. */
export function templateValueProblems(
	plan: TemplatePlan,
	values: SlotValues,
	options: { marketingMessages: boolean; toUserId?: boolean; now?: number; hasBinary: (property: string) => boolean },
): ParameterProblem[] {
	const problems: ParameterProblem[] = [];
	if (options.toUserId && plan.category === 'AUTHENTICATION') {
		// https://developers.facebook.com/documentation/business-messaging/whatsapp/business-scoped-user-ids
		problems.push({
			field: 'Recipient Type',
			rule: `is Business-Scoped User ID, but template ${templateName(plan)} is an authentication template; Meta sends one-time passwords to phone numbers only`,
			hint: 'Send the code to the user\'s phone number.',
		});
	}
	if (plan.status !== 'APPROVED') {
		problems.push({
			field: 'Template',
			rule: `template ${templateName(plan)} is ${plan.status || 'not approved'}; Meta sends only APPROVED templates`,
			hint: 'Pick an approved template, or wait for Meta\'s review (Template > Get shows the status).',
		});
	}
	if (options.marketingMessages && plan.category !== 'MARKETING') {
		// https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/send-marketing-messages
		problems.push({
			field: MARKETING_OPTION,
			rule: `is on, but template ${templateName(plan)} is in category ${plan.category || '(none)'}; the Marketing Messages API sends MARKETING templates only`,
			hint: 'Turn the option off to send this template through the Cloud API.',
		});
	}
	const context = { now: options.now ?? Date.now(), hasBinary: options.hasBinary };
	return [...problems, ...slotProblems(plan, values, context), ...extraProblems(new Set(slotsOf(plan).map((slot) => slot.id)), values)];
}
