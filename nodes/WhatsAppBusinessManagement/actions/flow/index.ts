import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../types';
import * as create from './create.operation';
import * as deleteFlow from './delete.operation';
import * as deprecate from './deprecate.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getFlowJson from './getFlowJson.operation';
import * as getPreviewUrl from './getPreviewUrl.operation';
import * as publish from './publish.operation';
import * as update from './update.operation';
import * as uploadFlowJson from './uploadFlowJson.operation';

export const operations: Record<string, OperationModule> = {
	create,
	delete: deleteFlow,
	deprecate,
	get,
	getAll,
	getFlowJson,
	getPreviewUrl,
	publish,
	update,
	uploadFlowJson,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['flow'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Create a flow (optionally cloned, with its Flow JSON, published)', action: 'Create a flow' },
			{ name: 'Delete', value: 'delete', description: 'Delete a draft flow', action: 'Delete a flow' },
			{ name: 'Deprecate', value: 'deprecate', description: 'Stop a published flow from being sent', action: 'Deprecate a flow' },
			{ name: 'Get', value: 'get', description: 'Get a flow with the chosen fields', action: 'Get a flow' },
			{ name: 'Get Flow JSON', value: 'getFlowJson', description: 'Download the flow\'s Flow JSON', action: 'Get the flow JSON of a flow' },
			{ name: 'Get Many', value: 'getAll', description: 'List the flows of the WhatsApp Business Account', action: 'Get many flows' },
			{ name: 'Get Preview URL', value: 'getPreviewUrl', description: 'Get a web link that previews the flow', action: 'Get the preview URL of a flow' },
			{ name: 'Publish', value: 'publish', description: 'Publish a draft flow so it can be sent', action: 'Publish a flow' },
			{ name: 'Update', value: 'update', description: 'Change a flow\'s name, categories or endpoint', action: 'Update a flow' },
			{ name: 'Upload Flow JSON', value: 'uploadFlowJson', description: 'Replace the flow\'s Flow JSON and get Meta\'s validation errors', action: 'Upload the flow JSON of a flow' },
		],
		default: 'getAll',
	},
	...getAll.description,
	...get.description,
	...create.description,
	...update.description,
	...deleteFlow.description,
	...publish.description,
	...deprecate.description,
	...getFlowJson.description,
	...uploadFlowJson.description,
	...getPreviewUrl.description,
];
