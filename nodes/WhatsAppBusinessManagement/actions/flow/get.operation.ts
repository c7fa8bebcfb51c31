import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { graphRequest } from '../../../shared/graph';
import { FLOW_DEFAULT_FIELDS, flowFieldsParameter, normalizeFlow } from './graph';
import { flowIdOf, flowIdProblems, flowLocator } from './locator';
import { FLOW_FIELD_OPTIONS } from './options';

export const description: INodeProperties[] = [
	flowLocator(['get']),
	{
		displayName: 'Fields',
		name: 'fields',
		type: 'multiOptions',
		options: FLOW_FIELD_OPTIONS,
		default: [...FLOW_DEFAULT_FIELDS],
		description: 'Which fields of the flow to return. The ID always comes back.',
		displayOptions: { show: { resource: ['flow'], operation: ['get'] } },
	},
];

export const validate = flowIdProblems;

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const flowId = flowIdOf.call(this, itemIndex)!;
	const fields = this.getNodeParameter('fields', itemIndex, []) as string[];
	const flow = await graphRequest.call(this, {
		method: 'GET',
		path: `/${flowId}`,
		qs: { fields: flowFieldsParameter(fields) },
		itemIndex,
	});
	return normalizeFlow(flow as IDataObject);
}
