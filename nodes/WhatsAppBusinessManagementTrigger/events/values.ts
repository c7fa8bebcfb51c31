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

const SECONDS_PER_DAY = 86_400;
/** "00" to "59". */
const TWO_DIGITS = Array.from({ length: 60 }, (_, value) => (value < 10 ? `0${value}` : String(value)));
/** "YYYY-MM-DDTHH:MM:" of recent minutes (minutes since 1970): a batch's timestamps share a few. */
const minuteCache = new Map<number, string>();

/**
 * Meta's webhook timestamps are Unix seconds as a string; anything else yields undefined. Same
 * text as `new Date(seconds * 1000).toISOString()`; the text up to the minute is computed once
 * per minute, because a batch carries up to 1,000 timestamps.
 */
export function toIsoTimestamp(value: unknown): string | undefined {
	const text = asString(value);
	if (text === undefined || text.length === 0 || text.length > 12) return undefined;
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code < 48 || code > 57) return undefined;
	}
	const seconds = Number(text);
	const minute = Math.floor(seconds / 60);
	let prefix = minuteCache.get(minute);
	if (prefix === undefined) {
		const day = Math.floor(seconds / SECONDS_PER_DAY);
		const start = new Date(day * SECONDS_PER_DAY * 1000);
		if (Number.isNaN(start.getTime())) return undefined;
		const secondOfDay = minute * 60 - day * SECONDS_PER_DAY;
		prefix = `${start.toISOString().slice(0, -14)}T${TWO_DIGITS[Math.floor(secondOfDay / 3600)]}:${TWO_DIGITS[Math.floor((secondOfDay % 3600) / 60)]}:`;
		if (minuteCache.size >= 256) minuteCache.clear();
		minuteCache.set(minute, prefix);
	}
	return `${prefix}${TWO_DIGITS[seconds - minute * 60]}.000Z`;
}
