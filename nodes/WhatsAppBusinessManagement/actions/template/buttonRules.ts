/** Meta's rules for a template's BUTTONS component: the set of buttons, and each button by its type. */
import type { ComponentContext } from './componentRules';
import { BUTTON_TYPES, FLOW_ACTIONS, LIMITS } from './graph';
import { isBlank } from '../common/blank';
import { isObject, problem, type TemplateProblem } from './templateProblem';
import { extractVariables } from './variables';

const BUTTONS = 'BUTTONS component';

/** Names a key of button `index` as Meta's JSON does: `buttons[0].url`. */
type FieldOf = (key: string) => string;

const isHttpUrl = (value: string) => /^https?:\/\/[^\s/$.?#][^\s]*$/i.test(value);

/** How many buttons of each type, and in what order; an AUTHENTICATION template has one OTP button. */
function buttonSetProblems(types: string[], category: string): TemplateProblem[] {
	const problems: TemplateProblem[] = [];
	const count = (type: string) => types.filter((t) => t === type).length;
	if (types.length > LIMITS.buttonsTotal) {
		problems.push(problem(BUTTONS, 'buttons', `may hold at most ${LIMITS.buttonsTotal} buttons in all (it has ${types.length})`));
	}
	if (count('URL') > LIMITS.urlButtons) problems.push(problem(BUTTONS, 'buttons', `may hold at most ${LIMITS.urlButtons} URL buttons (it has ${count('URL')})`));
	if (count('PHONE_NUMBER') > LIMITS.phoneNumberButtons) {
		problems.push(problem(BUTTONS, 'buttons', `may hold at most ${LIMITS.phoneNumberButtons} phone number button (it has ${count('PHONE_NUMBER')})`));
	}
	if (count('COPY_CODE') > LIMITS.copyCodeButtons) {
		problems.push(problem(BUTTONS, 'buttons', `may hold at most ${LIMITS.copyCodeButtons} copy code button (it has ${count('COPY_CODE')})`));
	}
	const quickReplies = types.map((t, i) => (t === 'QUICK_REPLY' ? i : -1)).filter((i) => i !== -1);
	if (quickReplies.length && quickReplies[quickReplies.length - 1] - quickReplies[0] + 1 !== quickReplies.length) {
		problems.push(problem(BUTTONS, 'buttons', 'must keep quick reply buttons together (e.g. quick reply, quick reply, URL; not quick reply, URL, quick reply)'));
	}
	if (category === 'AUTHENTICATION' && (types.length !== 1 || types[0] !== 'OTP')) {
		problems.push(problem(BUTTONS, 'buttons', 'must be exactly one OTP button in an AUTHENTICATION template'));
	}
	return problems;
}

/** A URL with at most one variable, `{{1}}`, at its end, and then a full example address. */
function urlButtonProblems(button: Record<string, unknown>, field: FieldOf): TemplateProblem[] {
	if (isBlank(button.url)) return [problem(BUTTONS, field('url'), 'is required')];
	const url = String(button.url);
	const problems: TemplateProblem[] = [];
	if (url.length > LIMITS.urlLength) problems.push(problem(BUTTONS, field('url'), `must be at most ${LIMITS.urlLength} characters`));
	if (!isHttpUrl(url.replace(/\{\{[^{}]*\}\}/g, 'x'))) problems.push(problem(BUTTONS, field('url'), 'must be an http:// or https:// address'));
	const variables = extractVariables(url);
	if (variables.length > 1) return [...problems, problem(BUTTONS, field('url'), 'may contain at most one variable')];
	if (variables.length === 0) return problems;
	if (variables[0] !== '1') problems.push(problem(BUTTONS, field('url'), 'must write its variable as {{1}}'));
	if (!/\{\{[^{}]*\}\}$/.test(url)) problems.push(problem(BUTTONS, field('url'), 'may have its variable only at the end of the address'));
	// The example is the full address or only the part that replaces {{1}}: Meta's own examples use
	// `"example": ["summer2023"]` (templates/components, URL buttons).
	const sample = Array.isArray(button.example) ? button.example[0] : button.example;
	if (isBlank(sample)) problems.push(problem(BUTTONS, field('example'), 'needs an example for the URL variable (the full address, or the value of {{1}})'));
	return problems;
}

function phoneButtonProblems(button: Record<string, unknown>, field: FieldOf): TemplateProblem[] {
	const phone = button.phone_number;
	if (isBlank(phone)) return [problem(BUTTONS, field('phone_number'), 'is required')];
	if (String(phone).length > LIMITS.phoneNumberLength) return [problem(BUTTONS, field('phone_number'), `must be at most ${LIMITS.phoneNumberLength} characters`)];
	if (!/^\+?[0-9 ()-]+$/.test(String(phone))) return [problem(BUTTONS, field('phone_number'), 'must be a phone number with country code, e.g. +15550051234')];
	return [];
}

function copyCodeButtonProblems(button: Record<string, unknown>, field: FieldOf): TemplateProblem[] {
	const example = Array.isArray(button.example) ? button.example[0] : button.example;
	if (isBlank(example)) return [problem(BUTTONS, field('example'), 'needs the sample code to copy')];
	if (String(example).length > LIMITS.copyCodeExampleLength) return [problem(BUTTONS, field('example'), `must be at most ${LIMITS.copyCodeExampleLength} characters`)];
	return [];
}

/** Exactly one way to name the flow; NAVIGATE (the default action) needs the first screen. */
function flowButtonProblems(button: Record<string, unknown>, field: FieldOf): TemplateProblem[] {
	const problems: TemplateProblem[] = [];
	const identifiers = ['flow_id', 'flow_name', 'flow_json'].filter((key) => !isBlank(button[key]));
	if (identifiers.length !== 1) problems.push(problem(BUTTONS, field('flow_id'), 'is required (or exactly one of flow_name, flow_json)'));
	const action = isBlank(button.flow_action) ? 'NAVIGATE' : String(button.flow_action).toUpperCase();
	if (!FLOW_ACTIONS.includes(action)) problems.push(problem(BUTTONS, field('flow_action'), `must be one of ${FLOW_ACTIONS.join(', ')}`));
	else if (action === 'NAVIGATE' && isBlank(button.navigate_screen)) {
		problems.push(problem(BUTTONS, field('navigate_screen'), 'is required when flow_action is NAVIGATE'));
	}
	return problems;
}

const TYPE_RULES: Record<string, (button: Record<string, unknown>, field: FieldOf) => TemplateProblem[]> = {
	URL: urlButtonProblems,
	PHONE_NUMBER: phoneButtonProblems,
	COPY_CODE: copyCodeButtonProblems,
	FLOW: flowButtonProblems,
};

/** Types that carry a label. */
const LABELLED = ['QUICK_REPLY', 'URL', 'PHONE_NUMBER', 'FLOW'];

function buttonProblems(raw: unknown, index: number, type: string, category: string): TemplateProblem[] {
	const field: FieldOf = (key) => `buttons[${index}].${key}`;
	if (!isObject(raw)) return [problem(BUTTONS, `buttons[${index}]`, 'must be an object')];
	if (!type) return [problem(BUTTONS, field('type'), `is required (${BUTTON_TYPES.join(', ')}, or another type Meta documents)`)];
	// An unknown type goes to Meta as it is: Meta adds types faster than a release of this node.
	if (!BUTTON_TYPES.includes(type)) return [];
	const problems: TemplateProblem[] = [];
	if (type === 'OTP' && category !== 'AUTHENTICATION') problems.push(problem(BUTTONS, field('type'), 'OTP buttons are allowed only in AUTHENTICATION templates'));
	if (LABELLED.includes(type) && isBlank(raw.text)) problems.push(problem(BUTTONS, field('text'), 'is required'));
	if (!isBlank(raw.text) && String(raw.text).length > LIMITS.buttonTextLength) {
		problems.push(problem(BUTTONS, field('text'), `must be at most ${LIMITS.buttonTextLength} characters (it has ${String(raw.text).length})`));
	}
	return [...problems, ...(TYPE_RULES[type]?.(raw, field) ?? [])];
}

export function checkButtons(component: Record<string, unknown>, context: ComponentContext): TemplateProblem[] {
	const buttons = component.buttons;
	if (!Array.isArray(buttons) || buttons.length === 0) return [problem(BUTTONS, 'buttons', 'must list at least one button')];
	const category = String(context.category ?? '').toUpperCase();
	const types = buttons.map((b) => (isObject(b) ? String(b.type ?? '').toUpperCase() : ''));
	return [...buttonSetProblems(types, category), ...buttons.flatMap((raw, index) => buttonProblems(raw, index, types[index], category))];
}
