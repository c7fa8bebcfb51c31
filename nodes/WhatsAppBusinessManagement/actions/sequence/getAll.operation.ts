import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit } from '../common/returnAllOrLimit';
import { getGraphCredentials, graphPaginate } from '../../../shared/graph';
import { SEQUENCE_LIST_PAGING, normalizeSequence, sequencesPath } from './graph';

export const description: INodeProperties[] = [...returnAllOrLimit('sequence', 'getAll')];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex) as number);
	const { businessAccountId } = await getGraphCredentials.call(this);
	const sequences = await graphPaginate.call(this, {
		path: sequencesPath(businessAccountId),
		returnAll,
		limit,
		...SEQUENCE_LIST_PAGING,
		itemIndex,
	});
	return sequences.map(normalizeSequence);
}
