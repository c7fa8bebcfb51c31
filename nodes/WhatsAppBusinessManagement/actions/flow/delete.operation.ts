import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { graphRequest } from '../../../shared/graph';
import { flowIdOf, flowIdProblems, flowLocator } from './locator';

export const description: INodeProperties[] = [flowLocator(['delete'])];

export const validate = flowIdProblems;

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const flowId = flowIdOf.call(this, itemIndex)!;
	const answer = (await graphRequest.call(this, {
		method: 'DELETE',
		path: `/${flowId}`,
		itemIndex,
		// Meta's own words ("Can't delete flow") do not say why or what to do instead.
		explain: {
			139004: {
				message: `Flow ${flowId} cannot be deleted because it is not a draft (Meta error 139004). Only draft flows can be deleted; deprecate a published flow instead.`,
			},
		},
	})) as IDataObject;
	return { id: flowId, deleted: true, ...answer };
}
