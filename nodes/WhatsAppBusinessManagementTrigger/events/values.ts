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
/** "SS.000Z" for each second of a minute. */
const SECOND_SUFFIX = TWO_DIGITS.map((seconds) => `${seconds}.000Z`);
/** "YYYY-MM-DDTHH:MM:" of recent minutes (minutes since 1970): a batch's timestamps share a few. */
const minuteCache = new Map<number, string>();
/** The minute asked for last, and its text: consecutive timestamps of a batch mostly share it. */
let lastMinute = -1;
let lastMinutePrefix = '';

/** "YYYY-MM-DDTHH:MM:" of a minute since 1970; undefined past the dates JavaScript can represent. */
function minutePrefix(minute: number): string | undefined {
	if (minute === lastMinute) return lastMinutePrefix;
	let prefix = minuteCache.get(minute);
	if (prefix === undefined) {
		const seconds = minute * 60;
		const day = Math.floor(seconds / SECONDS_PER_DAY);
		const start = new Date(day * SECONDS_PER_DAY * 1000);
		if (Number.isNaN(start.getTime())) return undefined;
		const secondOfDay = seconds - day * SECONDS_PER_DAY;
		prefix = `${start.toISOString().slice(0, -14)}T${TWO_DIGITS[Math.floor(secondOfDay / 3600)]}:${TWO_DIGITS[Math.floor((secondOfDay % 3600) / 60)]}:`;
		if (minuteCache.size >= 256) minuteCache.clear();
		minuteCache.set(minute, prefix);
	}
	lastMinute = minute;
	lastMinutePrefix = prefix;
	return prefix;
}

/**
 * Meta's webhook timestamps are Unix seconds as a string; anything else yields undefined. Same
 * text as `new Date(seconds * 1000).toISOString()`; the text up to the minute is computed once
 * per minute, because a batch carries up to 1,000 timestamps, and the digits are read in the loop
 * that checks them.
 */
export function toIsoTimestamp(value: unknown): string | undefined {
	const text = asString(value);
	if (text === undefined || text.length === 0 || text.length > 12) return undefined;
	let seconds = 0;
	for (let index = 0; index < text.length; index++) {
		const digit = text.charCodeAt(index) - 48;
		if (digit < 0 || digit > 9) return undefined;
		seconds = seconds * 10 + digit;
	}
	const minute = Math.floor(seconds / 60);
	const prefix = minutePrefix(minute);
	return prefix === undefined ? undefined : prefix + SECOND_SUFFIX[seconds - minute * 60];
}
