import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getGraphCredentials, graphRequest, listFromResponse } from '../../../shared/graph';
import { normalizeSequence, sequencesPath } from './graph';
import { sequenceIdOf, sequenceIdProblems, sequenceLocator } from './locator';

export const description: INodeProperties[] = [sequenceLocator(['get'], 'The sequence to read')];

export const validate = sequenceIdProblems;

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const sequenceId = sequenceIdOf.call(this, itemIndex);
	const { businessAccountId } = await getGraphCredentials.call(this);
	// The guide's curl passes sequence_id with -F on a GET; a query parameter is what reliably
	// reaches Graph.
	const body = await graphRequest.call(this, {
		method: 'GET',
		path: sequencesPath(businessAccountId),
		qs: { sequence_id: sequenceId },
		itemIndex,
	});
	const sequences = listFromResponse(body, ['welcome_message_sequences']).map(normalizeSequence);
	// Meta filters by sequence_id; matching here as well guards against an answer that ignored it.
	const sequence = sequences.find((entry) => entry.sequence_id === sequenceId);
	if (!sequence) {
		throw new NodeOperationError(this.getNode(), `Sequence ${sequenceId} was not found`, {
			itemIndex,
			description: `Meta returned no welcome message sequence with ID ${sequenceId} in WhatsApp Business Account ${businessAccountId}. Check the ID, or list the sequences with Get Many.`,
		});
	}
	return sequence;
}
