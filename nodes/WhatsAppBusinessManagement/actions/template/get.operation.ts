import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { graphRequest } from '../../../shared/graph';
import { templateIdOf, templateIdProblems, templateLocator } from './locator';
import { templateFieldsOption } from './options';

export const description: INodeProperties[] = [
	templateLocator('get'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { resource: ['template'], operation: ['get'] } },
		options: [
			templateFieldsOption,
		],
	},
];

export const validate = templateIdProblems;

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = templateIdOf.call(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const fields = (options.fields as string[] | undefined) ?? [];
	const qs: IDataObject = {};
	if (fields.length) qs.fields = [...new Set(['id', ...fields])].join(',');
	return (await graphRequest.call(this, { method: 'GET', path: `/${id}`, qs, itemIndex })) as IDataObject;
}
