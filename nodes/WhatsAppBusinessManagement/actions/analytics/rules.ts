/**
 * Pure pre-send checks for the Analytics resource: plain values in, problems out. Each operation
 * runs them before any request (and exports them as its `validate`), so a refused value never
 * reaches Meta.
 */
import { SECONDS_PER_DAY, startOfUtcDay, toUnixSeconds } from '../../../shared/graph/timeWindows';

import type { ParameterProblem } from '../common/parameterProblem';

export type { ParameterProblem };
export { toUnixSeconds };

// "The lookback window for template and template group analytics ... 90 days"; messaging,
// conversation and pricing analytics look back 1 year since Dec 1, 2025:
// https://developers.facebook.com/docs/whatsapp/business-management-api/analytics
export const TEMPLATE_ANALYTICS_LOOKBACK_DAYS = 90;
export const PRICING_ANALYTICS_LOOKBACK_DAYS = 365;
// template_analytics takes at most 10 template IDs per request. Meta's page lists template_ids as an
// array; the figure 10 is from a partner's doc of the same call (partner-docs.splashifypro.com,
// analytics-templates), so it lives in this one constant.
export const MAX_TEMPLATE_IDS_PER_CALL = 10;
// Template comparison: two templates, lookbacks of 7, 30, 60 or 90 days from the time of the
// request, each template sent at least 1,000 times in it:
// https://developers.facebook.com/docs/whatsapp/business-management-api/message-templates/template-comparison
export const COMPARE_TIMEFRAME_DAYS = [7, 30, 60, 90] as const;
export const COMPARE_MINIMUM_SENDS = 1000;

export const TEMPLATE_METRICS = ['SENT', 'DELIVERED', 'READ', 'CLICKED', 'COST'] as const;
// Pricing analytics enums: https://developers.facebook.com/docs/graph-api/reference/whats-app-business-account/pricing_analytics/
export const PRICING_GRANULARITIES = ['HALF_HOUR', 'DAILY', 'MONTHLY'] as const;
export const PRICING_DIMENSIONS = ['COUNTRY', 'PHONE', 'PRICING_CATEGORY', 'PRICING_TYPE', 'TIER'] as const;
export const PRICING_METRICS = ['VOLUME', 'COST'] as const;
// Messaging analytics (the `analytics` field) names its granularities DAY and MONTH, not DAILY/MONTHLY;
// product types 0 (notification) and 2 (customer support): same analytics doc, "Messaging analytics".
export const MESSAGING_GRANULARITIES = ['HALF_HOUR', 'DAY', 'MONTH'] as const;
export const MESSAGING_PRODUCT_TYPES = ['0', '2'] as const;

export interface DateRangeInput {
	start: unknown;
	end: unknown;
	nowSeconds: number;
	lookbackDays: number;
}

/** Start and end are dates, start comes first, and start lies within Meta's lookback. */
export function checkDateRange(input: DateRangeInput): ParameterProblem[] {
	const start = toUnixSeconds(input.start);
	const end = toUnixSeconds(input.end);
	const problems: ParameterProblem[] = [];
	if (start === undefined) problems.push({ field: 'Start', rule: 'must be a date such as 2026-11-23' });
	if (end === undefined) problems.push({ field: 'End', rule: 'must be a date such as 2026-11-30' });
	if (start === undefined || end === undefined) return problems;
	if (end <= start) problems.push({ field: 'End', rule: 'must be later than Start' });
	// Meta counts the lookback in whole UTC days back from today.
	const earliest = startOfUtcDay(input.nowSeconds) - input.lookbackDays * SECONDS_PER_DAY;
	if (start < earliest) {
		problems.push({
			field: 'Start',
			rule: `must be within Meta's ${input.lookbackDays}-day lookback (no earlier than ${input.lookbackDays} days before today, UTC)`,
		});
	}
	return problems;
}

/** Template IDs from a comma list, a JSON array or an array; duplicates dropped, order kept. */
export function parseTemplateIds(value: unknown): { ids: string[]; problems: ParameterProblem[] } {
	let list: unknown[] = [];
	if (Array.isArray(value)) list = value;
	else if (typeof value === 'string' && value.trim().startsWith('[')) {
		try {
			const parsed = JSON.parse(value) as unknown;
			list = Array.isArray(parsed) ? parsed : [value];
		} catch {
			return { ids: [], problems: [{ field: 'Template IDs', rule: 'is not a valid JSON array' }] };
		}
	} else if (value !== undefined && value !== null) list = String(value).split(/[\s,;]+/);
	const ids = [...new Set(list.map((entry) => String(entry).trim()).filter(Boolean))];
	const problems: ParameterProblem[] = [];
	const wrong = ids.filter((id) => !/^\d+$/.test(id));
	if (wrong.length) problems.push({ field: 'Template IDs', rule: `must contain only digits (not ${wrong.slice(0, 3).join(', ')})` });
	if (!ids.length) problems.push({ field: 'Template IDs', rule: 'must name at least one template' });
	return { ids, problems };
}

export interface TemplateAnalyticsInput extends DateRangeInput {
	/** The IDs as entered: a comma list, a JSON array or an array. */
	templateIds: unknown;
	/** The field the IDs came from, to name in problems (default "Template IDs"). */
	templateField?: string;
	metrics: string[];
}

export function checkTemplateAnalytics(input: TemplateAnalyticsInput): ParameterProblem[] {
	const idProblems = parseTemplateIds(input.templateIds).problems.map((p) => ({ ...p, field: input.templateField ?? p.field }));
	const problems = [...idProblems, ...checkDateRange(input)];
	const unknown = input.metrics.filter((m) => !(TEMPLATE_METRICS as readonly string[]).includes(m));
	if (unknown.length) problems.push({ field: 'Metrics', rule: `must be among ${TEMPLATE_METRICS.join(', ')} (not ${unknown.join(', ')})` });
	return problems;
}

export interface CompareInput {
	templateId: string;
	otherTemplateId: string;
	timeframeDays: number;
}

/** The preconditions of Meta's comparison that can be known before asking: two distinct templates, a documented timeframe. */
export function checkCompare(input: CompareInput): ParameterProblem[] {
	const problems: ParameterProblem[] = [];
	if (!/^\d+$/.test(input.templateId)) problems.push({ field: 'Template', rule: 'must be a numeric template ID' });
	if (!/^\d+$/.test(input.otherTemplateId)) problems.push({ field: 'Compare With', rule: 'must be a numeric template ID' });
	if (input.templateId && input.templateId === input.otherTemplateId) {
		problems.push({ field: 'Compare With', rule: 'must be a different template than Template' });
	}
	if (!(COMPARE_TIMEFRAME_DAYS as readonly number[]).includes(input.timeframeDays)) {
		problems.push({ field: 'Timeframe', rule: `must be one of Meta's lookbacks: ${COMPARE_TIMEFRAME_DAYS.join(', ')} days` });
	}
	return problems;
}

/** A value that must be one of Meta's list (a granularity). */
function oneOf(field: string, value: string, allowed: readonly string[]): ParameterProblem[] {
	return allowed.includes(value) ? [] : [{ field, rule: `must be one of ${allowed.join(', ')}` }];
}

/** Values that must all be in Meta's list (dimensions, metrics). */
function allAmong(field: string, values: string[], allowed: readonly string[]): ParameterProblem[] {
	return values.every((value) => allowed.includes(value)) ? [] : [{ field, rule: `must be among ${allowed.join(', ')}` }];
}

function countryCodeProblems(codes: string[]): ParameterProblem[] {
	const wrong = codes.filter((c) => !/^[A-Z]{2}$/.test(c));
	return wrong.length ? [{ field: 'Country Codes', rule: `must be 2-letter ISO codes such as US, BR (not ${wrong.join(', ')})` }] : [];
}

export interface PricingInput extends DateRangeInput {
	granularity: string;
	dimensions: string[];
	metrics: string[];
	countryCodes: string[];
}

export function checkPricingAnalytics(input: PricingInput): ParameterProblem[] {
	return [
		...checkDateRange(input),
		...oneOf('Granularity', input.granularity, PRICING_GRANULARITIES),
		...allAmong('Break Down By', input.dimensions, PRICING_DIMENSIONS),
		...allAmong('Metrics', input.metrics, PRICING_METRICS),
		...countryCodeProblems(input.countryCodes),
	];
}

export interface MessagingInput extends DateRangeInput {
	granularity: string;
	countryCodes: string[];
	productTypes: string[];
}

export function checkMessagingAnalytics(input: MessagingInput): ParameterProblem[] {
	const problems = [...checkDateRange(input), ...oneOf('Granularity', input.granularity, MESSAGING_GRANULARITIES), ...countryCodeProblems(input.countryCodes)];
	if (input.productTypes.some((t) => !(MESSAGING_PRODUCT_TYPES as readonly string[]).includes(t))) {
		problems.push({ field: 'Message Types', rule: 'must be 0 (notification) or 2 (customer support)' });
	}
	return problems;
}

/** Meta's switch cannot be undone, so it is only sent when the user confirmed exactly that. */
export function checkEnableInsights(input: { confirmed: boolean }): ParameterProblem[] {
	return input.confirmed
		? []
		: [{ field: 'I Understand This Cannot Be Undone', rule: 'must be on: Meta offers no way to turn template insights off again' }];
}
