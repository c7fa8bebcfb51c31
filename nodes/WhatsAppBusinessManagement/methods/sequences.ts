import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { SEQUENCE_LIST_PAGING, normalizeSequence, sequencesPath } from '../actions/sequence/graph';
import { getGraphCredentials, graphPaginate } from '../../shared/graph';

/** Backs the sequence resource locator: every sequence, filtered by name or ID. */
export async function searchSequences(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const { businessAccountId } = await getGraphCredentials.call(this);
	const sequences = (
		await graphPaginate.call(this, {
			path: sequencesPath(businessAccountId),
			returnAll: true,
			...SEQUENCE_LIST_PAGING,
		})
	).map(normalizeSequence);
	const needle = (filter ?? '').toLowerCase();
	return {
		results: sequences
			.filter((s) => !needle || String(s.name ?? '').toLowerCase().includes(needle) || String(s.sequence_id).includes(needle))
			.map((s) => ({
				name: `${String(s.name ?? '(unnamed)')}${s.is_used_in_ad ? ' (used in an ad)' : ''}`,
				value: String(s.sequence_id),
			})),
	};
}
