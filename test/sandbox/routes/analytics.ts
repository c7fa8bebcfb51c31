/**
 * WhatsApp analytics, from Meta's docs (not from the node):
 * - analytics: developers.facebook.com/docs/whatsapp/business-management-api/analytics (template_analytics
 *   with DAILY granularity and a 90-day lookback; pricing_analytics with HALF_HOUR/DAILY/MONTHLY and, since
 *   Dec 1, 2025, a 1-year lookback; `POST /{waba-id}?is_enabled_for_insights=true`, which cannot be undone),
 * - pricing_analytics reference: developers.facebook.com/docs/graph-api/reference/whats-app-business-account/pricing_analytics/,
 * - template comparison: developers.facebook.com/docs/whatsapp/business-management-api/message-templates/template-comparison
 *   (two templates, 7/30/60/90-day lookbacks ending at the request, at least 1,000 sends each).
 * The figures are generated from a hash of (template or breakdown, time slot), so every run gives the
 * same numbers. Refusals use Meta's code 100 (invalid parameter); the wording is the sandbox's.
 */
import { createHash } from 'node:crypto';

import { invalidParameter, paginate, unknownObject } from '../graph';
import type { RequestContext, RouteRegistry } from '../server';
import type { SandboxState, TemplateRecord } from '../state';

const DAY = 86_400;
const TEMPLATE_LOOKBACK_DAYS = 90;
const PRICING_LOOKBACK_DAYS = 365;
const MAX_TEMPLATE_IDS = 10;
export const COMPARE_WINDOWS_DAYS = [7, 30, 60, 90];
const COMPARE_MIN_SENDS = 1000;
export const TEMPLATE_METRICS = ['SENT', 'DELIVERED', 'READ', 'CLICKED', 'COST'];
const PRICING_GRANULARITY_SECONDS: Record<string, number> = { HALF_HOUR: 1800, DAILY: DAY, MONTHLY: 0 };
export const PRICING_DIMENSIONS = ['COUNTRY', 'PHONE', 'PRICING_CATEGORY', 'PRICING_TYPE', 'TIER'];
const BLOCK_REASONS = ['NO_LONGER_NEEDED', 'NO_SIGN_UP', 'OFFENSIVE_MESSAGES', 'SPAM', 'OTHER', 'UNKNOWN_BLOCK_REASON'];
/** Sandbox rates (USD per delivered message); Meta's rate cards differ by country and tier. */
const RATES: Record<string, number> = { MARKETING: 0.025, UTILITY: 0.004, AUTHENTICATION: 0.0135, SERVICE: 0 };
const PAGE = { defaultLimit: 100, maxLimit: 1000 };

/** Template insights switched on, per sandbox state (a reset makes a new state, so it starts off). */
const insightsEnabled = new WeakMap<SandboxState, boolean>();
export const areInsightsEnabled = (state: SandboxState) => insightsEnabled.get(state) === true;

/** A stable number in [0, 1) for a key. */
function unit(key: string): number {
	return createHash('sha256').update(key).digest().readUInt32BE(0) / 2 ** 32;
}

const round = (value: number, places = 4) => Math.round(value * 10 ** places) / 10 ** places;

/** Graph list parameters arrive as JSON arrays (Meta's examples) or comma lists. */
function readList(value: string | null, name: string): string[] {
	if (value === null || value === '') return [];
	let list: unknown = value;
	if (value.trim().startsWith('[')) {
		try {
			list = JSON.parse(value);
		} catch {
			throw invalidParameter(`Param ${name} must be an array`);
		}
	}
	return (Array.isArray(list) ? list : String(list).split(',')).map((v) => String(v).trim()).filter(Boolean);
}

/** A Unix timestamp parameter (Meta's comparison sample sends milliseconds; both are read). */
function readTime(ctx: RequestContext, name: string): number {
	const raw = ctx.query.get(name) ?? (ctx.input[name] as string | undefined);
	if (raw === undefined || raw === null || raw === '') throw invalidParameter(`The parameter ${name} is required`);
	if (!/^\d+$/.test(String(raw))) throw invalidParameter(`Param ${name} must be a UNIX timestamp`);
	const value = Number(raw);
	return value > 1e11 ? Math.floor(value / 1000) : value;
}

function checkLookback(start: number, end: number, lookbackDays: number): void {
	if (end <= start) throw invalidParameter('end must be later than start');
	const earliest = Math.floor(Date.now() / 1000 / DAY) * DAY - lookbackDays * DAY;
	if (start < earliest) {
		throw invalidParameter(`start is outside the ${lookbackDays}-day lookback window; the earliest allowed is ${earliest}`);
	}
}

interface Button {
	type: string;
	text: string;
}

function buttonsOf(template: TemplateRecord): Button[] {
	const component = template.components.find((c) => String(c.type).toUpperCase() === 'BUTTONS');
	const buttons = (component?.buttons ?? []) as Array<Record<string, unknown>>;
	return buttons
		.filter((b) => ['QUICK_REPLY', 'URL'].includes(String(b.type).toUpperCase()))
		.map((b) => ({ type: String(b.type).toUpperCase() === 'URL' ? 'url_button' : 'quick_reply_button', text: String(b.text ?? '') }));
}

/** One template's figures for one day. */
export function templateDay(template: TemplateRecord, dayStart: number) {
	const key = `${template.id}:${dayStart}`;
	const sent = 40 + Math.floor(unit(`${key}:sent`) * 400);
	const delivered = Math.floor(sent * (0.85 + unit(`${key}:delivered`) * 0.15));
	const read = Math.floor(delivered * (0.4 + unit(`${key}:read`) * 0.5));
	// Button clicks exist only for MARKETING and UTILITY templates (analytics doc, limitations).
	const clickable = ['MARKETING', 'UTILITY'].includes(template.category);
	const clicks = (clickable ? buttonsOf(template) : []).map((b) => ({
		type: b.type,
		button_content: b.text,
		count: Math.floor(read * unit(`${key}:${b.text}`) * 0.3),
	}));
	const rate = RATES[template.category] ?? 0;
	const urlClicks = clicks.filter((c) => c.type === 'url_button').reduce((n, c) => n + c.count, 0);
	const cost = [
		{ type: 'amount_spent', value: round(delivered * rate, 2) },
		{ type: 'cost_per_delivered', value: round(rate) },
	];
	if (urlClicks > 0) cost.push({ type: 'cost_per_url_button_click', value: round((delivered * rate) / urlClicks) });
	return { sent, delivered, read, clicks, cost };
}

function templateAnalytics(ctx: RequestContext) {
	const start = readTime(ctx, 'start');
	const end = readTime(ctx, 'end');
	const granularity = ctx.query.get('granularity');
	if (granularity !== 'DAILY') throw invalidParameter('Param granularity must be DAILY');
	checkLookback(start, end, TEMPLATE_LOOKBACK_DAYS);
	const ids = readList(ctx.query.get('template_ids'), 'template_ids');
	if (!ids.length) throw invalidParameter('The parameter template_ids is required');
	if (ids.length > MAX_TEMPLATE_IDS) throw invalidParameter(`Param template_ids must have at most ${MAX_TEMPLATE_IDS} elements`);
	const metrics = readList(ctx.query.get('metric_types'), 'metric_types');
	const unknown = metrics.filter((m) => !TEMPLATE_METRICS.includes(m));
	if (unknown.length) throw invalidParameter(`Param metric_types[0] must be one of {${TEMPLATE_METRICS.join(', ')}}`);
	const wanted = new Set(metrics.length ? metrics : TEMPLATE_METRICS);
	const points: Array<Record<string, unknown>> = [];
	// Only templates of this WABA are reported; start rounds down and end up to 00:00 UTC.
	for (const id of ids) {
		const template = ctx.state.templates.get(id);
		if (!template) continue;
		for (let day = Math.floor(start / DAY) * DAY; day < Math.ceil(end / DAY) * DAY; day += DAY) {
			const figures = templateDay(template, day);
			const point: Record<string, unknown> = { template_id: id, start: day, end: day + DAY };
			if (wanted.has('SENT')) point.sent = figures.sent;
			if (wanted.has('DELIVERED')) point.delivered = figures.delivered;
			if (wanted.has('READ')) point.read = figures.read;
			if (wanted.has('CLICKED') && figures.clicks.length) point.clicked = figures.clicks;
			if (wanted.has('COST')) point.cost = figures.cost;
			points.push(point);
		}
	}
	const page = paginate(points, ctx.query, { ...PAGE, selfUrl: ctx.url });
	return { json: { data: [{ granularity: 'DAILY', data_points: page.data }], paging: page.paging } };
}

function sendsBetween(template: TemplateRecord, start: number, end: number): number {
	let total = 0;
	for (let day = Math.floor(start / DAY) * DAY; day < end; day += DAY) total += templateDay(template, day).sent;
	return total;
}

function compareTemplates(ctx: RequestContext) {
	const target = ctx.state.templates.get(ctx.params.id) as TemplateRecord;
	const others = readList(ctx.query.get('template_ids'), 'template_ids');
	if (others.length !== 1) throw invalidParameter('Only two templates can be compared at a time');
	const other = ctx.state.templates.get(others[0]);
	if (!other) throw unknownObject(others[0]);
	if (other.id === target.id) throw invalidParameter('Compare the template with a different template');
	const start = readTime(ctx, 'start');
	const end = readTime(ctx, 'end');
	const now = Math.floor(Date.now() / 1000);
	const spanDays = (end - start) / DAY;
	const matches = COMPARE_WINDOWS_DAYS.some((days) => Math.abs(spanDays - days) < 1 / 24);
	if (!matches || Math.abs(now - end) > 3600) {
		throw invalidParameter('Timeframes are limited to 7, 30, 60 and 90 day lookbacks from the time of the request');
	}
	const pair = [target, other];
	const sends = pair.map((t) => sendsBetween(t, start, end));
	if (sends.some((n) => n < COMPARE_MIN_SENDS)) {
		throw invalidParameter(`Templates must have been sent at least ${COMPARE_MIN_SENDS} times in the timeframe`);
	}
	const blockRate = (t: TemplateRecord) => unit(`${t.id}:block:${start}`);
	const order = [...pair].sort((a, b) => blockRate(a) - blockRate(b)).map((t) => t.id);
	return {
		json: {
			data: [
				{ metric: 'BLOCK_RATE', type: 'RELATIVE', order_by_relative_metric: order },
				{ metric: 'MESSAGE_SENDS', type: 'NUMBER_VALUES', number_values: pair.map((t, i) => ({ key: t.id, value: sends[i] })) },
				{
					metric: 'TOP_BLOCK_REASON',
					type: 'STRING_VALUES',
					string_values: pair.map((t) => ({ key: t.id, value: BLOCK_REASONS[Math.floor(unit(`${t.id}:reason`) * BLOCK_REASONS.length)] })),
				},
			],
		},
	};
}

/** Time slots of a granularity; MONTHLY follows calendar months (UTC). */
function slotsOf(start: number, end: number, granularity: string): Array<[number, number]> {
	const slots: Array<[number, number]> = [];
	const step = PRICING_GRANULARITY_SECONDS[granularity];
	if (step) {
		for (let from = Math.floor(start / step) * step; from < end; from += step) slots.push([from, from + step]);
		return slots;
	}
	const date = new Date(start * 1000);
	let from = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / 1000;
	while (from < end) {
		const next = new Date(from * 1000);
		const to = Date.UTC(next.getUTCFullYear(), next.getUTCMonth() + 1, 1) / 1000;
		slots.push([from, to]);
		from = to;
	}
	return slots;
}

interface PricingFilters {
	countries: string[];
	phones: string[];
	categories: string[];
	types: string[];
}

/** Every full breakdown the WABA has: phone x country x pricing category (its pricing type and tier follow). */
function breakdowns(state: SandboxState, filters: PricingFilters) {
	const phones = [...state.phoneNumbers.values()].map((p) => p.display_phone_number.replace(/\D/g, ''));
	const rows: Array<Record<string, string>> = [];
	for (const phone of phones.length ? phones : ['15550001234']) {
		for (const country of ['US', 'BR', 'IN']) {
			for (const category of ['MARKETING', 'UTILITY', 'AUTHENTICATION', 'SERVICE']) {
				const type = category === 'SERVICE' ? 'FREE_CUSTOMER_SERVICE' : 'REGULAR';
				rows.push({ phone_number: phone, country, pricing_category: category, pricing_type: type, tier: type === 'REGULAR' ? '0:25000' : '' });
			}
		}
	}
	return rows.filter(
		(r) =>
			(!filters.countries.length || filters.countries.includes(r.country)) &&
			(!filters.phones.length || filters.phones.includes(r.phone_number)) &&
			(!filters.categories.length || filters.categories.includes(r.pricing_category)) &&
			(!filters.types.length || filters.types.includes(r.pricing_type)),
	);
}

const DIMENSION_KEYS: Record<string, string> = {
	COUNTRY: 'country',
	PHONE: 'phone_number',
	PRICING_CATEGORY: 'pricing_category',
	PRICING_TYPE: 'pricing_type',
	TIER: 'tier',
};

function pricingAnalytics(ctx: RequestContext) {
	const start = readTime(ctx, 'start');
	const end = readTime(ctx, 'end');
	const granularity = ctx.query.get('granularity') ?? '';
	if (!(granularity in PRICING_GRANULARITY_SECONDS)) throw invalidParameter('Param granularity must be one of {HALF_HOUR, DAILY, MONTHLY}');
	checkLookback(start, end, PRICING_LOOKBACK_DAYS);
	const dimensions = readList(ctx.query.get('dimensions'), 'dimensions');
	if (dimensions.some((d) => !PRICING_DIMENSIONS.includes(d))) throw invalidParameter(`Param dimensions must be among {${PRICING_DIMENSIONS.join(', ')}}`);
	const metrics = readList(ctx.query.get('metric_types'), 'metric_types');
	const wanted = new Set(metrics.length ? metrics : ['VOLUME', 'COST']);
	const filters: PricingFilters = {
		countries: readList(ctx.query.get('country_codes'), 'country_codes'),
		phones: readList(ctx.query.get('phone_numbers'), 'phone_numbers'),
		categories: readList(ctx.query.get('pricing_categories'), 'pricing_categories'),
		types: readList(ctx.query.get('pricing_types'), 'pricing_types'),
	};
	const rows = breakdowns(ctx.state, filters);
	const points: Array<Record<string, unknown>> = [];
	for (const [from, to] of slotsOf(start, end, granularity)) {
		const groups = new Map<string, Record<string, unknown>>();
		for (const row of rows) {
			const volume = Math.floor(unit(`${Object.values(row).join(':')}:${from}`) * 50 * ((to - from) / DAY) + 0.5);
			if (!volume) continue;
			const keyValues = dimensions.map((d) => row[DIMENSION_KEYS[d]]);
			const key = keyValues.join('|');
			const point = groups.get(key) ?? { start: from, end: to, volume: 0, cost: 0 };
			dimensions.forEach((d, i) => (point[DIMENSION_KEYS[d]] = keyValues[i]));
			point.volume = (point.volume as number) + volume;
			point.cost = round((point.cost as number) + volume * (RATES[row.pricing_category] ?? 0));
			groups.set(key, point);
		}
		for (const point of groups.values()) {
			if (!wanted.has('VOLUME')) delete point.volume;
			if (!wanted.has('COST')) delete point.cost;
			points.push(point);
		}
	}
	const page = paginate(points, ctx.query, { ...PAGE, selfUrl: ctx.url });
	return { json: { data: [{ granularity, data_points: page.data }], paging: page.paging } };
}

export function register(registry: RouteRegistry): void {
	registry.node('POST', 'waba', '', (ctx) => {
		const flag = String(ctx.input.is_enabled_for_insights ?? '');
		if (flag !== 'true') throw invalidParameter('The only field this sandbox updates on a WABA is is_enabled_for_insights=true');
		insightsEnabled.set(ctx.state, true);
		return { json: { id: ctx.state.wabaId } };
	});
	registry.node('GET', 'waba', 'template_analytics', templateAnalytics);
	registry.node('GET', 'waba', 'pricing_analytics', pricingAnalytics);
	registry.node('GET', 'template', 'compare', compareTemplates);
}
