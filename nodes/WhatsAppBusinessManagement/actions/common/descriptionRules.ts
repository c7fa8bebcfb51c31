import type { IDataObject, INodeProperties, INodePropertyCollection, INodePropertyOptions, NodeParameterValueType } from 'n8n-workflow';

import { isBlank } from './blank';
import type { ParameterProblem } from './parameterProblem';

/**
 * Rules every field's description already states - a number's range, an options list, a boolean -
 * checked for whatever operation runs, before any request. n8n does not enforce them at run time
 * (an expression can produce anything), so without this an out-of-range limit or an unknown option
 * would reach Meta or be silently ignored. Required values and JSON syntax are left to each
 * operation's validate(), which explains them in the operation's own terms (the parameter suite in
 * test/resilience checks that they do).
 */

type Values = Record<string, unknown>;

/**
 * Labels of fields the operation's own checks already refused: their words are the more specific
 * ones, so the description's rule about the same field is not reported again.
 */
export type JudgedFields = ReadonlySet<string>;

function sameAsDefault(value: unknown, fallback: unknown): boolean {
	if (value === fallback) return true;
	try {
		return JSON.stringify(value) === JSON.stringify(fallback);
	} catch {
		return false;
	}
}

/**
 * Whether a field is shown for these values (plain-value displayOptions, as this node uses them).
 * `values` are the node's top-level values, or a fixedCollection entry's for the fields inside it.
 */
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

function numberRules(property: INodeProperties, value: unknown): string[] {
	const number = typeof value === 'number' ? value : Number(value);
	if (typeof value === 'boolean' || !Number.isFinite(number)) return [`must be a number, not ${JSON.stringify(value)}`];
	const { minValue, maxValue, numberPrecision } = property.typeOptions ?? {};
	const rules: string[] = [];
	if (typeof minValue === 'number' && number < minValue) rules.push(`must be at least ${minValue}, not ${number}`);
	if (typeof maxValue === 'number' && number > maxValue) rules.push(`must be at most ${maxValue}, not ${number}`);
	if (numberPrecision === 0 && !Number.isInteger(number)) rules.push(`must be a whole number, not ${number}`);
	return rules;
}

function optionRules(property: INodeProperties, value: unknown): string[] {
	const allowed = optionValues(property);
	if (!allowed || allowed.includes(value as string)) return [];
	return [`must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}, not ${JSON.stringify(value)}`];
}

function multiOptionRules(property: INodeProperties, value: unknown): string[] {
	const allowed = optionValues(property);
	// An expression may give the list as text ("A, B"); operations accept that form.
	const list = typeof value === 'string' ? value.split(',').map((entry) => entry.trim()).filter(Boolean) : value;
	if (!Array.isArray(list)) return ['must be a list'];
	const unknown = allowed ? list.filter((entry) => !allowed.includes(entry)) : [];
	return unknown.length ? [`has unknown values ${unknown.join(', ')}; allowed: ${allowed!.join(', ')}`] : [];
}

/** The rules a plain field's value breaks (collections are walked by checkValue). */
function valueRules(property: INodeProperties, value: unknown): string[] {
	switch (property.type) {
		case 'number':
			return numberRules(property, value);
		case 'boolean':
			return typeof value === 'boolean' ? [] : [`must be true or false, not ${JSON.stringify(value)}`];
		case 'options':
			return optionRules(property, value);
		case 'multiOptions':
			return multiOptionRules(property, value);
		default:
			return [];
	}
}

function collectionProblems(property: INodeProperties, value: IDataObject, label: string, judged: JudgedFields): ParameterProblem[] {
	return ((property.options ?? []) as INodeProperties[]).flatMap((child) =>
		value[child.name] === undefined ? [] : checkValue(child, value[child.name], `${label} > ${child.displayName}`, judged),
	);
}

/** Each entry's fields, as far as the entry shows them (a field may depend on the entry's type). */
function fixedCollectionProblems(property: INodeProperties, value: IDataObject, label: string, judged: JudgedFields): ParameterProblem[] {
	const problems: ParameterProblem[] = [];
	for (const group of (property.options ?? []) as INodePropertyCollection[]) {
		if (value[group.name] === undefined) continue;
		const entries = (Array.isArray(value[group.name]) ? value[group.name] : [value[group.name]]) as IDataObject[];
		entries.forEach((entry, index) => {
			const where = entries.length > 1 ? `${label} > ${group.displayName} ${index + 1}` : `${label} > ${group.displayName}`;
			for (const child of group.values ?? []) {
				if (entry?.[child.name] === undefined || !isShown(child, entry)) continue;
				problems.push(...checkValue(child, entry[child.name], `${where} > ${child.displayName}`, judged));
			}
		});
	}
	return problems;
}

/** Checks one field's value against its description; returns the problems found. */
export function checkValue(property: INodeProperties, value: unknown, label = property.displayName, judged: JudgedFields = new Set()): ParameterProblem[] {
	if (isBlank(value) || sameAsDefault(value, property.default) || judged.has(property.displayName)) return [];
	if (property.type === 'collection' || property.type === 'fixedCollection') {
		if (typeof value !== 'object' || Array.isArray(value)) return [{ field: label, rule: 'must be an object' }];
		const walk = property.type === 'collection' ? collectionProblems : fixedCollectionProblems;
		return walk(property, value as IDataObject, label, judged);
	}
	return valueRules(property, value).map((rule) => ({ field: label, rule }));
}

/**
 * Checks every field shown for the current resource and operation. `read` returns a field's
 * (expression-resolved) value for this item.
 */
export function checkParameters(
	properties: INodeProperties[],
	read: (name: string) => NodeParameterValueType | object | undefined,
	judged: JudgedFields = new Set(),
): ParameterProblem[] {
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
		problems.push(...checkValue(property, read(property.name), property.displayName, judged));
	}
	return problems;
}
