import type { ILoadOptionsFunctions, INodeListSearchResult, ResourceMapperFields } from 'n8n-workflow';

import { searchFlows } from './flows';
import { searchPhoneNumbers } from './phoneNumbers';
import { searchSequences } from './sequences';
import { getTemplateVariables } from './templateVariables';
import { searchTemplates } from './templates';

export const listSearch: Record<string, (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) => Promise<INodeListSearchResult>> = {
	searchFlows,
	searchPhoneNumbers,
	searchSequences,
	searchTemplates,
};

export const resourceMapping: Record<string, (this: ILoadOptionsFunctions) => Promise<ResourceMapperFields>> = { getTemplateVariables };
