/** The Analytics resource's working examples for the resilience suites (see scenarios.ts). */
import type { IDataObject } from 'n8n-workflow';

import type { Sandbox } from '../sandbox/server';
import type { Scenario } from './scenarios';

const DAY_MS = 86_400_000;
const daysAgo = (days: number) => new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS - days * DAY_MS).toISOString();
const byId = (value: string) => ({ __rl: true, mode: 'id', value });

const analyticsTemplates = (sandbox: Sandbox) =>
	sandbox.seed({
		templates: [
			{ id: '5002001', name: 'spring_sale', category: 'MARKETING', status: 'APPROVED', created_time: 1751247548, quality_score: { score: 'GREEN', date: 1751247548 } },
			{ id: '5002002', name: 'order_update', category: 'UTILITY', status: 'APPROVED', created_time: 1751247548, quality_score: { score: 'GREEN', date: 1751247548 } },
		],
	});

const withoutWindow = (json: IDataObject) => {
	const { start: _start, end: _end, ...rest } = json;
	return rest;
};

export const analyticsScenarios: Record<string, Scenario> = {
	'analytics.enableTemplateInsights': {
		prepare: () => ({ parameters: { resource: 'analytics', operation: 'enableTemplateInsights', confirmIrreversible: true } }),
		call: { method: 'POST', path: '/102290129340398' },
	},
	'analytics.getTemplateAnalytics': {
		prepare: (sandbox) => {
			analyticsTemplates(sandbox);
			return {
				parameters: { resource: 'analytics', operation: 'getTemplateAnalytics', templateSource: 'ids', templateIds: '5002001,5002002', start: daysAgo(3), end: daysAgo(0) },
			};
		},
		call: { method: 'GET', path: '/template_analytics' },
		parameterBaselines: [
			{ resource: 'analytics', operation: 'getTemplateAnalytics', templateSource: 'picker', templateId: byId('5002001'), start: daysAgo(3), end: daysAgo(0), metrics: ['SENT', 'CLICKED'] },
		],
	},
	'analytics.compareTemplates': {
		prepare: (sandbox) => {
			analyticsTemplates(sandbox);
			return { parameters: { resource: 'analytics', operation: 'compareTemplates', templateId: byId('5002001'), otherTemplateId: byId('5002002'), timeframeDays: 30 } };
		},
		call: { method: 'GET', path: '/compare' },
		// The window ends at the time of the request, so it differs between runs.
		normalize: withoutWindow,
	},
	'analytics.getPricingAnalytics': {
		prepare: () => ({
			parameters: {
				resource: 'analytics',
				operation: 'getPricingAnalytics',
				start: daysAgo(2),
				end: daysAgo(0),
				granularity: 'DAILY',
				dimensions: ['PRICING_CATEGORY', 'COUNTRY'],
				metrics: ['VOLUME', 'COST'],
				filters: { countryCodes: 'US' },
			},
		}),
		call: { method: 'GET', path: '/pricing_analytics' },
	},
	'analytics.getMessagingAnalytics': {
		prepare: () => ({
			parameters: { resource: 'analytics', operation: 'getMessagingAnalytics', start: daysAgo(2), end: daysAgo(0), granularity: 'DAY', filters: { countryCodes: 'US' } },
		}),
		call: { method: 'GET', path: '/102290129340398' },
	},
};
