import { splitTimeWindow, chunk } from '../../nodes/shared/graph/timeWindows';
import { compareCall, messagingAnalyticsCall, pricingAnalyticsCall, templateAnalyticsCalls } from '../../nodes/WhatsAppBusinessManagement/actions/analytics/build';
import {
	checkCompare,
	checkDateRange,
	checkEnableInsights,
	checkMessagingAnalytics,
	checkPricingAnalytics,
	checkTemplateAnalytics,
	parseTemplateIds,
	toUnixSeconds,
} from '../../nodes/WhatsAppBusinessManagement/actions/analytics/rules';
import { comparisonRows, messagingAnalyticsRows, pricingAnalyticsRows, templateAnalyticsRows } from '../../nodes/WhatsAppBusinessManagement/actions/analytics/shape';

const DAY = 86_400;
const NOW = Date.UTC(2026, 11, 2, 9, 30) / 1000;
const TODAY = Date.UTC(2026, 11, 2) / 1000;

describe('analytics rules (pure)', () => {
	it('reads ISO dates, date-times and Unix seconds; refuses text', () => {
		expect(toUnixSeconds('2026-11-23')).toBe(Date.UTC(2026, 10, 23) / 1000);
		expect(toUnixSeconds('2026-11-23T12:00:00.000Z')).toBe(Date.UTC(2026, 10, 23, 12) / 1000);
		expect(toUnixSeconds('1764000000')).toBe(1764000000);
		expect(toUnixSeconds('last week')).toBeUndefined();
		expect(toUnixSeconds('')).toBeUndefined();
	});

	it('checks the lookback in whole UTC days back from today', () => {
		const range = (startDaysAgo: number) => ({ start: (TODAY - startDaysAgo * DAY) * 1000, end: TODAY * 1000, nowSeconds: NOW, lookbackDays: 90 });
		expect(checkDateRange({ ...range(90), start: new Date((TODAY - 90 * DAY) * 1000).toISOString() })).toEqual([]);
		expect(checkDateRange({ ...range(0), start: new Date((TODAY - 91 * DAY) * 1000).toISOString(), end: '2026-12-01' })).toEqual([
			{ field: 'Start', rule: "must be within Meta's 90-day lookback (no earlier than 90 days before today, UTC)" },
		]);
		expect(checkDateRange({ start: '2026-11-30', end: '2026-11-29', nowSeconds: NOW, lookbackDays: 90 })).toEqual([{ field: 'End', rule: 'must be later than Start' }]);
		expect(checkDateRange({ start: 'soon', end: '', nowSeconds: NOW, lookbackDays: 90 }).map((p) => p.field)).toEqual(['Start', 'End']);
	});

	it('parses template IDs from comma lists, JSON arrays and arrays, dropping duplicates', () => {
		expect(parseTemplateIds('1, 2,2 ;3').ids).toEqual(['1', '2', '3']);
		expect(parseTemplateIds('["4",5]').ids).toEqual(['4', '5']);
		expect(parseTemplateIds([6, '7']).ids).toEqual(['6', '7']);
		expect(parseTemplateIds('12, abc').problems).toEqual([{ field: 'Template IDs', rule: 'must contain only digits (not abc)' }]);
		expect(parseTemplateIds('').problems).toEqual([{ field: 'Template IDs', rule: 'must name at least one template' }]);
		expect(parseTemplateIds('[1,').problems[0].rule).toBe('is not a valid JSON array');
	});

	it('names unknown metrics, compare preconditions, pricing values and the insights confirmation', () => {
		const dates = { start: '2026-11-23', end: '2026-11-30', nowSeconds: NOW };
		expect(checkTemplateAnalytics({ ...dates, lookbackDays: 90, templateIds: '1', metrics: ['SENT', 'OPENED'] })).toEqual([
			{ field: 'Metrics', rule: 'must be among SENT, DELIVERED, READ, CLICKED, COST (not OPENED)' },
		]);
		expect(checkTemplateAnalytics({ ...dates, lookbackDays: 90, templateIds: ' ', templateField: 'Template', metrics: [] })).toEqual([
			{ field: 'Template', rule: 'must name at least one template' },
		]);
		expect(checkCompare({ templateId: '1', otherTemplateId: '1', timeframeDays: 14 }).map((p) => p.field)).toEqual(['Compare With', 'Timeframe']);
		expect(checkCompare({ templateId: '1', otherTemplateId: '2', timeframeDays: 90 })).toEqual([]);
		const pricing = { ...dates, lookbackDays: 365, granularity: 'WEEKLY', dimensions: ['REGION'], metrics: ['VOLUME'], countryCodes: ['USA'] };
		expect(checkPricingAnalytics(pricing).map((p) => p.field)).toEqual(['Granularity', 'Break Down By', 'Country Codes']);
		expect(checkEnableInsights({ confirmed: false })).toHaveLength(1);
		expect(checkEnableInsights({ confirmed: true })).toEqual([]);
	});
});

describe('analytics request builders and row shaping (pure)', () => {
	it('splits windows without overlap and lists into bounded chunks', () => {
		expect(splitTimeWindow(0, 250, 100)).toEqual([{ start: 0, end: 100 }, { start: 100, end: 200 }, { start: 200, end: 250 }]);
		expect(splitTimeWindow(10, 10, 100)).toEqual([]);
		expect(() => splitTimeWindow(0, 10, 0)).toThrow(RangeError);
		expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
	});

	it('asks for at most 10 templates per template_analytics call, DAILY, lists as JSON arrays', () => {
		const ids = Array.from({ length: 23 }, (_, i) => String(100 + i));
		const calls = templateAnalyticsCalls({ businessAccountId: '55', templateIds: ids, start: TODAY - 7 * DAY, end: TODAY, metrics: ['SENT', 'COST'] });
		expect(calls).toHaveLength(3);
		expect(calls.map((c) => JSON.parse(c.qs.template_ids as string).length)).toEqual([10, 10, 3]);
		expect(calls[0]).toEqual({
			path: '/55/template_analytics',
			qs: { start: TODAY - 7 * DAY, end: TODAY, granularity: 'DAILY', template_ids: JSON.stringify(ids.slice(0, 10)), metric_types: '["SENT","COST"]' },
		});
		expect(pricingAnalyticsCall({ businessAccountId: '55', start: 1, end: 2, granularity: 'DAILY', dimensions: ['TIER'], metrics: [], countryCodes: ['US'], phoneNumbers: [], pricingCategories: [], pricingTypes: [] })).toEqual({
			path: '/55/pricing_analytics',
			qs: { start: 1, end: 2, granularity: 'DAILY', dimensions: '["TIER"]', country_codes: '["US"]' },
		});
		expect(compareCall('1', '2', 7, NOW)).toEqual({ path: '/1/compare', qs: { template_ids: '["2"]', start: NOW - 7 * DAY, end: NOW } });
	});

	it('shapes one row per template and day with numbers, ISO dates, names and click totals', () => {
		const entries = [
			{
				granularity: 'DAILY',
				data_points: [
					{ template_id: '2', start: TODAY - DAY, end: TODAY, sent: '5', delivered: 4, read: 3 },
					{
						template_id: '1',
						start: TODAY - DAY,
						end: TODAY,
						sent: 10,
						clicked: [{ type: 'url_button', button_content: 'Shop', count: '2' }, { type: 'quick_reply_button', button_content: 'More', count: 1 }],
						cost: [{ type: 'amount_spent', value: '0.25' }, { type: 'cost_per_delivered', value: 0.025 }],
					},
				],
			},
		];
		const rows = templateAnalyticsRows(entries, new Map([['1', { name: 'spring_sale', language: 'en_US' }]]), ['1', '2']);
		expect(rows).toEqual([
			{
				template_id: '1',
				template_name: 'spring_sale',
				template_language: 'en_US',
				date: '2026-12-01',
				start: '2026-12-01T00:00:00.000Z',
				end: '2026-12-02T00:00:00.000Z',
				sent: 10,
				clicked: 3,
				clicks: [{ type: 'url_button', button_content: 'Shop', count: 2 }, { type: 'quick_reply_button', button_content: 'More', count: 1 }],
				amount_spent: 0.25,
				cost_per_delivered: 0.025,
			},
			expect.objectContaining({ template_id: '2', template_name: null, sent: 5, delivered: 4, read: 3 }),
		]);
		expect(pricingAnalyticsRows([{ data_points: [{ start: TODAY, end: TODAY + DAY, country: 'US', tier: '0:25000', volume: '7', cost: 0.175 }] }])).toEqual([
			{ start: '2026-12-02T00:00:00.000Z', end: '2026-12-03T00:00:00.000Z', country: 'US', tier: '0:25000', volume: 7, cost: 0.175 },
		]);
	});

	it('shapes a comparison into one row per template, ranked by block rate', () => {
		const body = {
			data: [
				{ metric: 'BLOCK_RATE', type: 'RELATIVE', order_by_relative_metric: ['2', '1'] },
				{ metric: 'MESSAGE_SENDS', type: 'NUMBER_VALUES', number_values: [{ key: '1', value: 1273 }, { key: '2', value: 1042 }] },
				{ metric: 'TOP_BLOCK_REASON', type: 'STRING_VALUES', string_values: [{ key: '1', value: 'SPAM' }, { key: '2', value: 'UNKNOWN_BLOCK_REASON' }] },
			],
		};
		expect(comparisonRows(body, ['1', '2'], { start: TODAY - 7 * DAY, end: TODAY })).toEqual([
			{ template_id: '1', message_sends: 1273, top_block_reason: 'SPAM', block_rate_rank: 2, has_lower_block_rate: false, start: '2026-11-25T00:00:00.000Z', end: '2026-12-02T00:00:00.000Z' },
			{ template_id: '2', message_sends: 1042, top_block_reason: 'UNKNOWN_BLOCK_REASON', block_rate_rank: 1, has_lower_block_rate: true, start: '2026-11-25T00:00:00.000Z', end: '2026-12-02T00:00:00.000Z' },
		]);
	});

	it('builds messaging analytics as a dotted field and shapes its data points', () => {
		expect(messagingAnalyticsCall({ businessAccountId: '55', start: 1, end: 2, granularity: 'MONTH', phoneNumbers: ['16505551234'], countryCodes: [], productTypes: ['2'] })).toEqual({
			path: '/55',
			qs: { fields: 'analytics.start(1).end(2).granularity(MONTH).phone_numbers(["16505551234"]).product_types([2])' },
		});
		const base = { start: '2026-11-23', end: '2026-11-30', nowSeconds: NOW, lookbackDays: 365, countryCodes: [], productTypes: [] };
		expect(checkMessagingAnalytics({ ...base, granularity: 'DAY' })).toEqual([]);
		expect(checkMessagingAnalytics({ ...base, granularity: 'DAILY', productTypes: ['1'] }).map((p) => p.field)).toEqual(['Granularity', 'Message Types']);
		expect(messagingAnalyticsRows({ analytics: { granularity: 'DAY', data_points: [{ start: TODAY, end: TODAY + DAY, sent: '9', delivered: 8 }] } })).toEqual([
			{ start: '2026-12-02T00:00:00.000Z', end: '2026-12-03T00:00:00.000Z', sent: 9, delivered: 8, granularity: 'DAY' },
		]);
		expect(messagingAnalyticsRows({})).toEqual([]);
	});
});
