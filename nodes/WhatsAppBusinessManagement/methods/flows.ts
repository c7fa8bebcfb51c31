import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { flowsPath } from '../actions/flow/graph';
import { getGraphCredentials, graphPaginate } from '../../shared/graph';

/** Backs the flow resource locator: every flow of the WABA, filtered by name or ID. */
export async function searchFlows(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const { businessAccountId } = await getGraphCredentials.call(this);
	const flows: IDataObject[] = await graphPaginate.call(this, {
		path: flowsPath(businessAccountId),
		qs: { fields: 'id,name,status' },
		returnAll: true,
		maxPageSize: 100,
	});
	const needle = (filter ?? '').toLowerCase();
	return {
		results: flows
			.filter((f) => !needle || String(f.name ?? '').toLowerCase().includes(needle) || String(f.id).includes(needle))
			.map((f) => ({
				name: `${String(f.name ?? '(unnamed)')}${f.status ? ` (${String(f.status)})` : ''}`,
				value: String(f.id),
				url: `https://business.facebook.com/wa/manage/flows/${String(f.id)}/`,
			})),
	};
}
