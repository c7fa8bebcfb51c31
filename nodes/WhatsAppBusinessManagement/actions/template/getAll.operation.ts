import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getGraphCredentials, graphPaginate } from '../../../shared/graph';
import { returnAllOrLimit } from '../common/returnAllOrLimit';
import { listFilter, templatesPath } from './graph';
import { QUALITY_SCORE_OPTIONS, TEMPLATE_CATEGORY_OPTIONS, TEMPLATE_STATUS_OPTIONS, templateFieldsOption } from './options';

const show = { resource: ['template'], operation: ['getAll'] };

export const description: INodeProperties[] = [
	...returnAllOrLimit('template', 'getAll'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Category',
				name: 'category',
				type: 'multiOptions',
				options: TEMPLATE_CATEGORY_OPTIONS,
				default: [],
			},
			{
				displayName: 'Language',
				name: 'language',
				type: 'string',
				default: '',
				placeholder: 'e.g. en_US, pt_BR',
				description: 'One or more language codes, separated by commas',
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'Templates whose name contains this text',
			},
			{
				displayName: 'Quality Score',
				name: 'qualityScore',
				type: 'multiOptions',
				options: QUALITY_SCORE_OPTIONS,
				default: [],
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'multiOptions',
				options: TEMPLATE_STATUS_OPTIONS,
				default: [],
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			templateFieldsOption,
		],
	},
];

/**
 * Meta publishes no maximum for this edge. 100 is the ceiling SPEC documents for the sibling
 * phone_numbers edge and the one AWS End User Messaging enforces on its ListWhatsAppMessageTemplates
 * proxy of this edge (maxResults 1-100); pages with full components also stay small at 100.
 */
export const MAX_PAGE_SIZE = 100;

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex) as number);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	if (typeof filters.name === 'string' && filters.name.trim()) qs.name = filters.name.trim();
	const lists: Array<[string, unknown]> = [
		['status', filters.status],
		['category', filters.category],
		['language', filters.language],
		['quality_score', filters.qualityScore],
	];
	for (const [key, value] of lists) {
		const encoded = listFilter(value);
		if (encoded) qs[key] = encoded;
	}
	const fields = (options.fields as string[] | undefined) ?? [];
	if (fields.length) qs.fields = [...new Set(['id', ...fields])].join(',');

	const { businessAccountId } = await getGraphCredentials.call(this);
	return await graphPaginate.call(this, {
		path: templatesPath(businessAccountId),
		qs,
		returnAll,
		limit,
		maxPageSize: MAX_PAGE_SIZE,
		itemIndex,
	});
}
