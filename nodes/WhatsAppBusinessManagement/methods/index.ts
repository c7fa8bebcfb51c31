import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { searchSequences } from './sequences';
import { searchTemplates } from './templates';

export const listSearch: Record<string, (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) => Promise<INodeListSearchResult>> = {
	searchSequences,
	searchTemplates,
};
