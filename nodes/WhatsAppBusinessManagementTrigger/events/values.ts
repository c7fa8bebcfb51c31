import type { IDataObject } from 'n8n-workflow';

/** The value as a plain object, or undefined when it is anything else (webhooks are untrusted input). */
export function asObject(value: unknown): IDataObject | undefined {
	return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as IDataObject) : undefined;
}

/** Strings stay strings and numbers become strings (Meta sends IDs both ways); anything else is undefined. */
export function asString(value: unknown): string | undefined {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return undefined;
}

export function setIfPresent(target: IDataObject, key: string, value: unknown): void {
	if (value !== undefined) target[key] = value as IDataObject[string];
}

/** Meta's webhook timestamps are Unix seconds as a string; anything else yields undefined. */
export function toIsoTimestamp(value: unknown): string | undefined {
	const text = asString(value);
	if (text === undefined || !/^\d{1,12}$/.test(text)) return undefined;
	const date = new Date(Number(text) * 1000);
	return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
