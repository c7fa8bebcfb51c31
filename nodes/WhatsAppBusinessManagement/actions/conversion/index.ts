import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../types';
import * as getDataset from './getDataset.operation';
import * as sendEvent from './sendEvent.operation';

export const operations: Record<string, OperationModule> = { getDataset, sendEvent };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['conversion'] } },
		options: [
			{
				name: 'Get Dataset',
				value: 'getDataset',
				description: 'Get the WhatsApp Business Account\'s Conversions API dataset, or create it when missing',
				action: 'Get the conversions dataset',
			},
			{
				name: 'Send Event',
				value: 'sendEvent',
				description: 'Report what happened after a Click-to-WhatsApp ad click (lead, purchase...) so Meta attributes it to the ad',
				action: 'Send a conversion event',
			},
		],
		default: 'sendEvent',
	},
	...getDataset.description,
	...sendEvent.description,
];
