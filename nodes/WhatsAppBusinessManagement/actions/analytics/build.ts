/** Pure request builders for the Analytics resource: parameters in, Graph paths and queries out. */
import type { IDataObject } from 'n8n-workflow';

import { SECONDS_PER_DAY, chunk, splitTimeWindow } from '../../../shared/graph/timeWindows';
import { MAX_TEMPLATE_IDS_PER_CALL, TEMPLATE_ANALYTICS_LOOKBACK_DAYS } from './rules';

export interface GraphCall {
	path: string;
	qs: IDataObject;
}

/** Graph takes list parameters as JSON arrays, as Meta's own examples send them. */
const jsonList = (list: Array<string | number>) => JSON.stringify(list);

export interface TemplateAnalyticsQuery {
	businessAccountId: string;
	templateIds: string[];
	start: number;
	end: number;
	metrics: string[];
}

/**
 * One call per group of at most 10 templates and per window of at most the 90-day lookback:
 * ceil(templates / 10) x ceil(days / 90) calls before paging.
 */
export function templateAnalyticsCalls(query: TemplateAnalyticsQuery): GraphCall[] {
	const windows = splitTimeWindow(query.start, query.end, TEMPLATE_ANALYTICS_LOOKBACK_DAYS * SECONDS_PER_DAY);
	const calls: GraphCall[] = [];
	for (const ids of chunk(query.templateIds, MAX_TEMPLATE_IDS_PER_CALL)) {
		for (const window of windows) {
			const qs: IDataObject = {
				start: window.start,
				end: window.end,
				// DAILY is the only granularity template analytics offers.
				granularity: 'DAILY',
				template_ids: jsonList(ids),
			};
			if (query.metrics.length) qs.metric_types = jsonList(query.metrics);
			calls.push({ path: `/${query.businessAccountId}/template_analytics`, qs });
		}
	}
	return calls;
}

export interface PricingAnalyticsQuery {
	businessAccountId: string;
	start: number;
	end: number;
	granularity: string;
	dimensions: string[];
	metrics: string[];
	countryCodes: string[];
	phoneNumbers: string[];
	pricingCategories: string[];
	pricingTypes: string[];
}

export function pricingAnalyticsCall(query: PricingAnalyticsQuery): GraphCall {
	const qs: IDataObject = { start: query.start, end: query.end, granularity: query.granularity };
	const lists: Array<[string, string[]]> = [
		['dimensions', query.dimensions],
		['metric_types', query.metrics],
		['country_codes', query.countryCodes],
		['phone_numbers', query.phoneNumbers],
		['pricing_categories', query.pricingCategories],
		['pricing_types', query.pricingTypes],
	];
	for (const [name, list] of lists) if (list.length) qs[name] = jsonList(list);
	return { path: `/${query.businessAccountId}/pricing_analytics`, qs };
}

/** Meta's timeframe: end is the time of the request, start that many days before it. */
export function compareCall(templateId: string, otherTemplateId: string, timeframeDays: number, nowSeconds: number): GraphCall {
	return {
		path: `/${templateId}/compare`,
		qs: { template_ids: jsonList([otherTemplateId]), start: nowSeconds - timeframeDays * SECONDS_PER_DAY, end: nowSeconds },
	};
}

/** The WABA's one-way switch: POST /{waba-id}?is_enabled_for_insights=true. */
export function enableInsightsCall(businessAccountId: string): GraphCall {
	return { path: `/${businessAccountId}`, qs: { is_enabled_for_insights: true } };
}

export interface MessagingAnalyticsQuery {
	businessAccountId: string;
	start: number;
	end: number;
	granularity: string;
	phoneNumbers: string[];
	countryCodes: string[];
	productTypes: string[];
}

/**
 * Messaging analytics is a field of the WABA with dotted modifiers, not an edge:
 * `fields=analytics.start(..).end(..).granularity(DAY)[.phone_numbers([..])]...`.
 */
export function messagingAnalyticsCall(query: MessagingAnalyticsQuery): GraphCall {
	let field = `analytics.start(${query.start}).end(${query.end}).granularity(${query.granularity})`;
	if (query.phoneNumbers.length) field += `.phone_numbers(${jsonList(query.phoneNumbers)})`;
	if (query.productTypes.length) field += `.product_types(${jsonList(query.productTypes.map(Number))})`;
	if (query.countryCodes.length) field += `.country_codes(${jsonList(query.countryCodes)})`;
	return { path: `/${query.businessAccountId}`, qs: { fields: field } };
}
