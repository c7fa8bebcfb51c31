import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../types';
import * as compareTemplates from './compareTemplates.operation';
import * as enableTemplateInsights from './enableTemplateInsights.operation';
import * as getMessagingAnalytics from './getMessagingAnalytics.operation';
import * as getPricingAnalytics from './getPricingAnalytics.operation';
import * as getTemplateAnalytics from './getTemplateAnalytics.operation';

export const operations: Record<string, OperationModule> = {
	enableTemplateInsights,
	getTemplateAnalytics,
	compareTemplates,
	getPricingAnalytics,
	getMessagingAnalytics,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['analytics'] } },
		options: [
			{
				name: 'Compare Templates',
				value: 'compareTemplates',
				description: 'Compare two templates\' sends, block rate and top block reason',
				action: 'Compare two templates',
			},
			{
				name: 'Enable Template Insights',
				value: 'enableTemplateInsights',
				description: 'Turn on template analytics for the account (one-time, cannot be turned off)',
				action: 'Enable template insights',
			},
			{
				name: 'Get Messaging Analytics',
				value: 'getMessagingAnalytics',
				description: 'Messages sent and delivered by the account\'s phone numbers',
				action: 'Get messaging analytics',
			},
			{
				name: 'Get Pricing Analytics',
				value: 'getPricingAnalytics',
				description: 'Message volume and cost by pricing category, country and tier',
				action: 'Get pricing analytics',
			},
			{
				name: 'Get Template Analytics',
				value: 'getTemplateAnalytics',
				description: 'Sends, deliveries, reads, button clicks and cost per template and day',
				action: 'Get template analytics',
			},
		],
		default: 'getTemplateAnalytics',
	},
	...enableTemplateInsights.description,
	...getTemplateAnalytics.description,
	...compareTemplates.description,
	...getPricingAnalytics.description,
	...getMessagingAnalytics.description,
];
