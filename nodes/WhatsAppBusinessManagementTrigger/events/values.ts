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
/** "YYYY-MM-DD" of recent day numbers (days since 1970): a batch's timestamps share a few days. */
const dayCache = new Map<number, string>();
const two = (value: number) => (value < 10 ? `0${value}` : String(value));

/**
 * Meta's webhook timestamps are Unix seconds as a string; anything else yields undefined. Same
 * text as `new Date(seconds * 1000).toISOString()`; the calendar day is computed once per day
 * and the time of day by arithmetic, because a batch carries up to 1,000 of them.
 */
export function toIsoTimestamp(value: unknown): string | undefined {
	const text = asString(value);
	if (text === undefined || !/^\d{1,12}$/.test(text)) return undefined;
	const seconds = Number(text);
	const day = Math.floor(seconds / SECONDS_PER_DAY);
	let date = dayCache.get(day);
	if (date === undefined) {
		const start = new Date(day * SECONDS_PER_DAY * 1000);
		if (Number.isNaN(start.getTime())) return undefined;
		date = start.toISOString().slice(0, -14);
		if (dayCache.size >= 64) dayCache.clear();
		dayCache.set(day, date);
	}
	const second = seconds - day * SECONDS_PER_DAY;
	return `${date}T${two(Math.floor(second / 3600))}:${two(Math.floor((second % 3600) / 60))}:${two(second % 60)}.000Z`;
}
