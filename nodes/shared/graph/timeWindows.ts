/** A time window in Unix seconds: `start` inclusive, `end` exclusive. */
export interface TimeWindow {
	start: number;
	end: number;
}

export const SECONDS_PER_DAY = 86_400;

/** An ISO date or date-time (or Unix seconds as digits) as Unix seconds; undefined when it is not a date. */
export function toUnixSeconds(value: unknown): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const text = typeof value === 'object' && 'toISO' in (value as object) ? String((value as { toISO(): string }).toISO()) : String(value);
	const millis = /^\d+$/.test(text.trim()) ? Number(text.trim()) * 1000 : Date.parse(text);
	return Number.isFinite(millis) ? Math.floor(millis / 1000) : undefined;
}

/**
 * A Start/End pair of dates as a window in Unix seconds. For values a check has already found to be
 * dates (an operation's validate() runs before its execute()).
 */
export function windowInSeconds(dates: { start: unknown; end: unknown }): TimeWindow {
	return { start: toUnixSeconds(dates.start) as number, end: toUnixSeconds(dates.end) as number };
}

/**
 * Cuts [start, end) into consecutive windows of at most `maxSpanSeconds`, for Graph edges that
 * refuse a longer range in one call. The windows touch without overlapping, so rows from adjacent
 * calls never count twice. An empty or reversed range gives no window.
 */
export function splitTimeWindow(start: number, end: number, maxSpanSeconds: number): TimeWindow[] {
	if (!Number.isFinite(start) || !Number.isFinite(end) || end <= start) return [];
	if (!(maxSpanSeconds > 0)) throw new RangeError('splitTimeWindow: maxSpanSeconds must be positive');
	const windows: TimeWindow[] = [];
	for (let from = start; from < end; from += maxSpanSeconds) {
		windows.push({ start: from, end: Math.min(end, from + maxSpanSeconds) });
	}
	return windows;
}

/** Cuts a list into chunks of at most `size`, for edges that take a bounded number of IDs per call. */
export function chunk<T>(list: readonly T[], size: number): T[][] {
	if (!(size > 0)) throw new RangeError('chunk: size must be positive');
	const chunks: T[][] = [];
	for (let i = 0; i < list.length; i += size) chunks.push(list.slice(i, i + size));
	return chunks;
}

/** 00:00 UTC of the day holding `seconds`. */
export function startOfUtcDay(seconds: number): number {
	return Math.floor(seconds / SECONDS_PER_DAY) * SECONDS_PER_DAY;
}
