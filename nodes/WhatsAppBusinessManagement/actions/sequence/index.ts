import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../types';
import * as create from './create.operation';
import * as deleteSequence from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export const operations: Record<string, OperationModule> = { create, update, get, getAll, delete: deleteSequence };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['sequence'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description:
					'Create a welcome message sequence and get the ad creative snippet that attaches it to a Click-to-WhatsApp ad',
				action: 'Create a welcome message sequence',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a welcome message sequence that no active ad uses',
				action: 'Delete a welcome message sequence',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get one welcome message sequence by ID',
				action: 'Get a welcome message sequence',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the welcome message sequences of the WhatsApp Business Account',
				action: 'Get many welcome message sequences',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Rename a welcome message sequence or replace its welcome message',
				action: 'Update a welcome message sequence',
			},
		],
		default: 'getAll',
	},
	...create.description,
	...update.description,
	...get.description,
	...getAll.description,
	...deleteSequence.description,
];
