import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { templatesPath } from '../actions/template/graph';
import { getGraphCredentials, graphRequest } from '../../shared/graph';

/**
 * Backs the template resource locator: one page of templates per call (Meta filters by name), shown
 * as "name (language)" since a name exists once per language.
 */
export async function searchTemplates(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const { businessAccountId } = await getGraphCredentials.call(this);
	const qs: IDataObject = { fields: 'id,name,language,status', limit: 100 };
	if (filter?.trim()) qs.name = filter.trim();
	if (paginationToken) qs.after = paginationToken;
	const body = (await graphRequest.call(this, { method: 'GET', path: templatesPath(businessAccountId), qs })) as IDataObject;
	const templates = (Array.isArray(body.data) ? body.data : []) as IDataObject[];
	const paging = body.paging as { next?: string; cursors?: { after?: string } } | undefined;
	return {
		results: templates.map((t) => ({
			name: `${String(t.name)} (${String(t.language)})${t.status && t.status !== 'APPROVED' ? ` - ${String(t.status)}` : ''}`,
			value: String(t.id),
		})),
		paginationToken: paging?.next ? paging.cursors?.after : undefined,
	};
}
