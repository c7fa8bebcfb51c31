import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { graphRequest } from '../../../shared/graph';
import { flowIdOf, flowIdProblems, flowLocator } from './locator';

/**
 * Publish and Deprecate: one POST to the flow's `publish` or `deprecate` edge; the item shows the
 * status the flow moves to, with Meta's answer.
 */
export function flowStatusChange(action: 'publish' | 'deprecate', status: 'PUBLISHED' | 'DEPRECATED') {
	const description: INodeProperties[] = [flowLocator([action])];
	async function execute(this: IExecuteFunctions, itemIndex: number) {
		const flowId = flowIdOf.call(this, itemIndex)!;
		const answer = (await graphRequest.call(this, { method: 'POST', path: `/${flowId}/${action}`, itemIndex })) as IDataObject;
		return { id: flowId, status, ...answer };
	}
	return { description, validate: flowIdProblems, execute };
}
