import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../types';
import * as getAll from './getAll.operation';

export const operations: Record<string, OperationModule> = { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['sequence'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the welcome message sequences of the WhatsApp Business Account',
				action: 'Get many welcome message sequences',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];
