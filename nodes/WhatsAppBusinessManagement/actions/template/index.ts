import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../types';
import * as create from './create.operation';
import * as deleteTemplate from './delete.operation';
import * as edit from './edit.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const operations: Record<string, OperationModule> = { create, delete: deleteTemplate, edit, get, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['template'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a message template and submit it for review',
				action: 'Create a template',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a template in all its languages, or one language by ID',
				action: 'Delete a template',
			},
			{
				name: 'Edit',
				value: 'edit',
				description: 'Change a template\'s components, category or message TTL',
				action: 'Edit a template',
			},
			{ name: 'Get', value: 'get', description: 'Get one template by ID', action: 'Get a template' },
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the templates of the WhatsApp Business Account',
				action: 'Get many templates',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
	...get.description,
	...create.description,
	...edit.description,
	...deleteTemplate.description,
];
