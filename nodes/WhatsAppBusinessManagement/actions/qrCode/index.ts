import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../types';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export const operations: Record<string, OperationModule> = { create, get, getAll, update, delete: del };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['qrCode'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a QR code and short link that open a chat with a prefilled message',
				action: 'Create a QR code',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a QR code: scanning it or its short link no longer opens the chat',
				action: 'Delete a QR code',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a QR code\'s prefilled message, short link and image',
				action: 'Get a QR code',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the QR codes of a business phone number',
				action: 'Get many QR codes',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change a QR code\'s prefilled message; the code and short link stay the same',
				action: 'Update a QR code',
			},
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...getAll.description,
	...update.description,
	...del.description,
];
