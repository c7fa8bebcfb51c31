/**
 * Messaging analytics, the `analytics` field of a WABA, from Meta's analytics doc
 * (developers.facebook.com/docs/whatsapp/business-management-api/analytics, "Messaging analytics"):
 * `GET /{waba-id}?fields=analytics.start(<unix>).end(<unix>).granularity(HALF_HOUR|DAY|MONTH)
 * [.phone_numbers([...])][.product_types([0,2])][.country_codes([...])]`, answered as
 * `{ analytics: { phone_numbers, country_codes?, granularity, data_points: [{ start, end, sent, delivered }] }, id }`.
 * Lookback: 1 year since Dec 1, 2025. Figures come from a hash of (phone, country, slot).
 */
import { createHash } from 'node:crypto';

import { invalidParameter } from '../graph';
import type { RequestContext } from '../server';

const DAY = 86_400;
const LOOKBACK_DAYS = 365;
const SLOT_SECONDS: Record<string, number> = { HALF_HOUR: 1800, DAY, MONTH: 0 };

/** Top-level parts of a `fields` value; commas inside (...) or [...] belong to their part. */
export function splitFields(fields: string): string[] {
	const parts: string[] = [];
	let depth = 0;
	let current = '';
	for (const char of fields) {
		if (char === '(' || char === '[' || char === '{') depth++;
		if (char === ')' || char === ']' || char === '}') depth--;
		if (char === ',' && depth === 0) {
			parts.push(current.trim());
			current = '';
		} else current += char;
	}
	if (current.trim()) parts.push(current.trim());
	return parts;
}

/** `.key(value)` modifiers of one field, e.g. `analytics.start(1).granularity(DAY)`. */
export function fieldModifiers(part: string): Record<string, string> {
	const modifiers: Record<string, string> = {};
	const pattern = /\.(\w+)\(/g;
	let match: RegExpExecArray | null;
	while ((match = pattern.exec(part))) {
		let depth = 1;
		let index = pattern.lastIndex;
		while (index < part.length && depth > 0) {
			if (part[index] === '(') depth++;
			if (part[index] === ')') depth--;
			index++;
		}
		modifiers[match[1]] = part.slice(pattern.lastIndex, index - 1);
		pattern.lastIndex = index;
	}
	return modifiers;
}

function list(value: string | undefined): string[] {
	if (!value) return [];
	try {
		const parsed = JSON.parse(value) as unknown;
		return (Array.isArray(parsed) ? parsed : [parsed]).map(String);
	} catch {
		return value.replace(/^\[|\]$/g, '').split(',').map((v) => v.trim().replace(/^"|"$/g, '')).filter(Boolean);
	}
}

const unit = (key: string) => createHash('sha256').update(key).digest().readUInt32BE(0) / 2 ** 32;

function slots(start: number, end: number, granularity: string): Array<[number, number]> {
	const step = SLOT_SECONDS[granularity];
	const result: Array<[number, number]> = [];
	if (step) {
		for (let from = Math.floor(start / step) * step; from < end; from += step) result.push([from, from + step]);
		return result;
	}
	for (let from = start; from < end; ) {
		const date = new Date(from * 1000);
		const first = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / 1000;
		const next = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) / 1000;
		result.push([first, next]);
		from = next;
	}
	return result;
}

/** The `analytics` field when `fields` asks for it, else nothing (the account route serves the rest). */
export function messagingAnalyticsField(ctx: RequestContext): Record<string, unknown> {
	const part = splitFields(ctx.query.get('fields') ?? '').find((p) => p === 'analytics' || p.startsWith('analytics.'));
	if (!part) return {};
	const modifiers = fieldModifiers(part);
	for (const name of ['start', 'end', 'granularity']) {
		if (!modifiers[name]) throw invalidParameter(`The parameter ${name} is required for analytics`);
	}
	const start = Number(modifiers.start);
	const end = Number(modifiers.end);
	const granularity = modifiers.granularity;
	if (!Number.isFinite(start) || !Number.isFinite(end) || end <= start) throw invalidParameter('analytics: end must be a UNIX timestamp later than start');
	if (!(granularity in SLOT_SECONDS)) throw invalidParameter('analytics: granularity must be one of {HALF_HOUR, DAY, MONTH}');
	const earliest = Math.floor(Date.now() / 1000 / DAY) * DAY - LOOKBACK_DAYS * DAY;
	if (start < earliest) throw invalidParameter(`start is outside the ${LOOKBACK_DAYS}-day lookback window; the earliest allowed is ${earliest}`);
	const known = [...ctx.state.phoneNumbers.values()].map((p) => p.display_phone_number.replace(/\D/g, ''));
	const wanted = list(modifiers.phone_numbers);
	const phones = wanted.length ? known.filter((p) => wanted.includes(p)) : known;
	const countries = list(modifiers.country_codes);
	const dataPoints = slots(start, end, granularity).map(([from, to]) => {
		const sent = phones.reduce((n, phone) => n + Math.floor(unit(`${phone}:${countries.join()}:${from}`) * 60 * Math.max(1, (to - from) / DAY)), 0);
		return { start: from, end: to, sent, delivered: Math.floor(sent * 0.93) };
	});
	const analytics: Record<string, unknown> = { phone_numbers: phones, granularity, data_points: dataPoints };
	if (countries.length) analytics.country_codes = countries;
	return { analytics };
}
