import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { graphRequest } from '../../../shared/graph';
import { flowFieldsParameter } from './graph';
import { flowIdOf, flowIdProblems, flowLocator } from './locator';

export const description: INodeProperties[] = [
	flowLocator(['getPreviewUrl']),
	{
		displayName: 'Invalidate Old Link',
		name: 'invalidate',
		type: 'boolean',
		default: false,
		description: 'Whether to expire the current preview link and get a new one',
		displayOptions: { show: { resource: ['flow'], operation: ['getPreviewUrl'] } },
	},
];

export const validate = flowIdProblems;

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const flowId = flowIdOf.call(this, itemIndex)!;
	const invalidate = this.getNodeParameter('invalidate', itemIndex, false) as boolean;
	const flow = (await graphRequest.call(this, {
		method: 'GET',
		path: `/${flowId}`,
		qs: { fields: flowFieldsParameter(['preview'], invalidate) },
		itemIndex,
	})) as IDataObject;
	const preview = flow.preview as IDataObject | undefined;
	if (!preview?.preview_url) {
		throw new NodeOperationError(this.getNode(), `Meta returned no preview link for flow ${flowId}`, { itemIndex });
	}
	return { id: flowId, preview_url: preview.preview_url, expires_at: preview.expires_at ?? null, invalidated: invalidate };
}
