import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { listFilter, templatesPath } from '../actions/template/graph';
import { getGraphCredentials, graphRequest } from '../../shared/graph';

/**
 * A search as Meta's list filters: `order en_US` is the name filter `order` and the language `en_US`
 * (a last word shaped like a language code: `en`, `pt_BR`, `fil`; alone, only a code with a region).
 */
export function templateSearchFilters(filter = ''): IDataObject {
	const words = filter.trim().split(/\s+/).filter(Boolean);
	const qs: IDataObject = {};
	const last = words[words.length - 1] ?? '';
	// One short word alone ("new") is a name; a language needs a name before it or a region (en_US).
	const isLanguage = /^[a-z]{2,3}(?:_[A-Z]{2})?$/.test(last) && (words.length > 1 || last.includes('_'));
	if (isLanguage) qs.language = listFilter(words.pop());
	if (words.length) qs.name = words.join(' ');
	return qs;
}

/**
 * Backs the template resource locator: one page of templates per call (Meta filters by name and
 * language), shown as "name (language)" since a name exists once per language.
 */
export async function searchTemplates(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const { businessAccountId } = await getGraphCredentials.call(this);
	const qs: IDataObject = { fields: 'id,name,language,status', limit: 100, ...templateSearchFilters(filter) };
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
