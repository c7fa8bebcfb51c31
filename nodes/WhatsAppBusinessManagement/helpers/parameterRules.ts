import type { IDataObject, INodeProperties, INodePropertyCollection, INodePropertyOptions, NodeParameterValueType } from 'n8n-workflow';

/**
 * Rules every field's description already states - a number's range, an options list, a boolean -
 * checked for whatever operation runs, before any request. n8n does not enforce them at run time
 * (an expression can produce anything), so without this an out-of-range limit or an unknown option
 * would reach Meta or be silently ignored. Required values and JSON syntax are left to each
 * operation's validators, which explain them in the operation's own terms (the parameter suite in
 * test/resilience checks that they do).
 */
export interface ParameterProblem {
	/** The field's label path, e.g. `Options > Category`. */
	field: string;
	/** The field's label and internal name, to recognise another error about the same field. */
	names: string[];
	rule: string;
}

type Values = Record<string, unknown>;

function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function sameAsDefault(value: unknown, fallback: unknown): boolean {
	if (value === fallback) return true;
	try {
		return JSON.stringify(value) === JSON.stringify(fallback);
	} catch {
		return false;
	}
}

/** Whether a field is shown for these values (plain-value displayOptions, as this node uses them). */
export function isShown(property: INodeProperties, values: Values): boolean {
	const { show, hide } = property.displayOptions ?? {};
	for (const [key, allowed] of Object.entries(show ?? {})) {
		if (key.startsWith('@') || !Array.isArray(allowed)) continue;
		if (!(allowed as unknown[]).includes(values[key.replace(/^\//, '')])) return false;
	}
	for (const [key, hidden] of Object.entries(hide ?? {})) {
		if (key.startsWith('@') || !Array.isArray(hidden)) continue;
		if ((hidden as unknown[]).includes(values[key.replace(/^\//, '')])) return false;
	}
	return true;
}

function optionValues(property: INodeProperties): unknown[] | undefined {
	if (property.typeOptions?.loadOptionsMethod || property.typeOptions?.loadOptions) return undefined;
	return (property.options as INodePropertyOptions[] | undefined)?.map((option) => option.value);
}

/** Checks one field's value against its description; returns the problems found. */
export function checkValue(property: INodeProperties, value: unknown, label = property.displayName): ParameterProblem[] {
	const problems: ParameterProblem[] = [];
	const problem = (rule: string) => problems.push({ field: label, names: [property.displayName, property.name], rule });
	if (isEmpty(value)) return problems;
	if (sameAsDefault(value, property.default)) return problems;
	switch (property.type) {
		case 'number': {
			const number = typeof value === 'number' ? value : Number(value);
			if (typeof value === 'boolean' || !Number.isFinite(number)) {
				problem(`must be a number, not ${JSON.stringify(value)}`);
				break;
			}
			const { minValue, maxValue, numberPrecision } = property.typeOptions ?? {};
			if (typeof minValue === 'number' && number < minValue) problem(`must be at least ${minValue}, not ${number}`);
			if (typeof maxValue === 'number' && number > maxValue) problem(`must be at most ${maxValue}, not ${number}`);
			if (numberPrecision === 0 && !Number.isInteger(number)) problem(`must be a whole number, not ${number}`);
			break;
		}
		case 'boolean':
			if (typeof value !== 'boolean') problem(`must be true or false, not ${JSON.stringify(value)}`);
			break;
		case 'options': {
			const allowed = optionValues(property);
			if (allowed && !allowed.includes(value as string)) {
				problem(`must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}, not ${JSON.stringify(value)}`);
			}
			break;
		}
		case 'multiOptions': {
			const allowed = optionValues(property);
			// An expression may give the list as text ("A, B"); operations accept that form.
			const list = typeof value === 'string' ? value.split(',').map((entry) => entry.trim()).filter(Boolean) : value;
			if (!Array.isArray(list)) problem('must be a list');
			else if (allowed) {
				const unknown = list.filter((entry) => !allowed.includes(entry));
				if (unknown.length) problem(`has unknown values ${unknown.join(', ')}; allowed: ${allowed.join(', ')}`);
			}
			break;
		}
		case 'collection': {
			if (typeof value !== 'object' || Array.isArray(value)) {
				problem('must be an object');
				break;
			}
			for (const child of (property.options ?? []) as INodeProperties[]) {
				const childValue = (value as IDataObject)[child.name];
				if (childValue !== undefined) problems.push(...checkValue(child, childValue, `${label} > ${child.displayName}`));
			}
			break;
		}
		case 'fixedCollection': {
			if (typeof value !== 'object' || Array.isArray(value)) {
				problem('must be an object');
				break;
			}
			for (const group of (property.options ?? []) as INodePropertyCollection[]) {
				const groupValue = (value as IDataObject)[group.name];
				if (groupValue === undefined) continue;
				const entries = Array.isArray(groupValue) ? groupValue : [groupValue];
				entries.forEach((entry, index) => {
					for (const child of group.values ?? []) {
						const childValue = (entry as IDataObject)?.[child.name];
						const where = entries.length > 1 ? `${label} > ${group.displayName} ${index + 1} > ${child.displayName}` : `${label} > ${group.displayName} > ${child.displayName}`;
						if (childValue !== undefined) problems.push(...checkValue(child, childValue, where));
					}
				});
			}
			break;
		}
		default:
			break;
	}
	return problems;
}

/**
 * Checks every field shown for the current resource and operation. `read` returns a field's
 * (expression-resolved) value for this item.
 */
export function checkParameters(properties: INodeProperties[], read: (name: string) => NodeParameterValueType | object | undefined): ParameterProblem[] {
	const values: Values = {};
	const problems: ParameterProblem[] = [];
	// Top-level fields that others' displayOptions refer to (resource, operation, returnAll...) first.
	const keys = new Set<string>();
	for (const property of properties) {
		for (const condition of [property.displayOptions?.show, property.displayOptions?.hide]) {
			for (const key of Object.keys(condition ?? {})) keys.add(key.replace(/^\//, ''));
		}
	}
	for (const key of keys) values[key] = read(key);
	for (const property of properties) {
		if (['notice', 'hidden', 'button', 'callout'].includes(property.type) || !isShown(property, values)) continue;
		if (property.name === 'operation' || property.name === 'resource') continue;
		problems.push(...checkValue(property, read(property.name)));
	}
	return problems;
}

export function describeProblems(problems: ParameterProblem[]): string {
	return problems.map((p) => `Field "${p.field}": ${p.rule}`).join('; ');
}

/** Per execution context, the items whose fields break their description's rules, with the problems. */
const blockedItems = new WeakMap<object, Map<number, ParameterProblem[]>>();

/**
 * The problems found for an item, kept while its operation runs. The transport asks for them before
 * each request (by the context and the request's itemIndex), so nothing is sent with a value the
 * description rules out, while the operation's own validators still get to speak first. Keyed by
 * context and item rather than async context: n8n's community rules refuse node:async_hooks.
 */
export const parameterGuard = {
	async run<T>(context: object, itemIndex: number, problems: ParameterProblem[], operation: () => Promise<T>): Promise<T> {
		let items = blockedItems.get(context);
		if (!items) blockedItems.set(context, (items = new Map()));
		items.set(itemIndex, problems);
		try {
			return await operation();
		} finally {
			items.delete(itemIndex);
		}
	},
	problemsFor(context: object, itemIndex: number | undefined): ParameterProblem[] | undefined {
		return itemIndex === undefined ? undefined : blockedItems.get(context)?.get(itemIndex);
	},
};

/** Whether an error message talks about one of these fields (by label or internal name, in quotes). */
export function mentionsField(message: string, problems: ParameterProblem[]): boolean {
	const text = message.toLowerCase();
	return problems.some((p) => p.names.some((name) => text.includes(`"${name.toLowerCase()}"`) || text.includes(`> ${name.toLowerCase()}"`)));
}
