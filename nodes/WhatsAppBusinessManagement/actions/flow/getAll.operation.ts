import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit } from '../common/returnAllOrLimit';
import { getGraphCredentials, graphPaginate } from '../../../shared/graph';
import { flowFieldsParameter, flowsPath, normalizeFlow } from './graph';
import { FLOW_FIELD_OPTIONS } from './options';

export const description: INodeProperties[] = [
	...returnAllOrLimit('flow', 'getAll'),
	{
		displayName: 'Fields',
		name: 'fields',
		type: 'multiOptions',
		options: FLOW_FIELD_OPTIONS,
		default: ['categories', 'name', 'status', 'validation_errors'],
		description: 'Which fields of each flow to return. The ID always comes back.',
		displayOptions: { show: { resource: ['flow'], operation: ['getAll'] } },
	},
];

/** Meta does not publish a maximum page size for the flows edge; 100 is the common Graph ceiling. */
const MAX_PAGE_SIZE = 100;

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex) as number);
	const fields = this.getNodeParameter('fields', itemIndex, []) as string[];
	const { businessAccountId } = await getGraphCredentials.call(this);
	const flows = await graphPaginate.call(this, {
		path: flowsPath(businessAccountId),
		qs: { fields: flowFieldsParameter(fields) },
		returnAll,
		limit,
		maxPageSize: MAX_PAGE_SIZE,
		itemIndex,
	});
	return flows.map(normalizeFlow);
}
