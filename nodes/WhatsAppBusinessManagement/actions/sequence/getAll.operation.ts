import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit } from '../../descriptions/common';
import { normalizeSequence, sequencesPath } from '../../helpers/sequence';
import { getGraphCredentials, graphPaginate } from '../../transport';

export const description: INodeProperties[] = [...returnAllOrLimit('sequence', 'getAll')];

/** Meta does not publish a maximum page size for this edge; 100 is the common Graph ceiling. */
const MAX_PAGE_SIZE = 100;

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex) as number);
	const { businessAccountId } = await getGraphCredentials.call(this);
	const sequences = await graphPaginate.call(this, {
		path: sequencesPath(businessAccountId),
		returnAll,
		limit,
		maxPageSize: MAX_PAGE_SIZE,
		listKeys: ['welcome_message_sequences'],
		itemIndex,
	});
	return sequences.map(normalizeSequence);
}
