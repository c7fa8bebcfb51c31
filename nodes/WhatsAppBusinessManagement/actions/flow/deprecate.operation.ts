import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { graphRequest } from '../../../shared/graph';
import { flowIdOf, flowIdProblems, flowLocator } from './locator';

export const description: INodeProperties[] = [flowLocator(['deprecate'])];

export const validate = flowIdProblems;

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const flowId = flowIdOf.call(this, itemIndex)!;
	const answer = (await graphRequest.call(this, { method: 'POST', path: `/${flowId}/deprecate`, itemIndex })) as IDataObject;
	return { id: flowId, status: 'DEPRECATED', ...answer };
}
