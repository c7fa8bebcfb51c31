import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { searchPhoneNumbers } from './phoneNumbers';
import { searchSequences } from './sequences';

export const listSearch: Record<string, (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) => Promise<INodeListSearchResult>> = {
	searchPhoneNumbers,
	searchSequences,
};
