import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getGraphCredentials, graphRequest } from '../../../shared/graph';
import { confirmSequenceChange, sequencesPath } from './graph';
import { sequenceIdOf, sequenceIdProblems, sequenceLocator } from './locator';

export const description: INodeProperties[] = [
	sequenceLocator(['delete'], 'The sequence to delete. A sequence linked to an active ad cannot be deleted.'),
];

export const validate = sequenceIdProblems;

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const sequenceId = sequenceIdOf.call(this, itemIndex);
	const { businessAccountId } = await getGraphCredentials.call(this);
	const response = (await graphRequest.call(this, {
		method: 'DELETE',
		path: sequencesPath(businessAccountId),
		qs: { sequence_id: sequenceId },
		itemIndex,
	})) as IDataObject;
	return confirmSequenceChange(this.getNode(), response, { sequenceId, verb: 'delete', itemIndex });
}
