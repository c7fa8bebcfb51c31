import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getGraphCredentials, graphPaginate } from '../../../shared/graph';
import { returnAllOrLimit } from '../common/returnAllOrLimit';
import { normalizePhoneNumber, phoneNumberFields, phoneNumbersPath } from './graph';

export const description: INodeProperties[] = [
	...returnAllOrLimit('sender', 'getAll'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		displayOptions: { show: { resource: ['sender'], operation: ['getAll'] } },
		options: [
			{
				displayName: 'Account Mode',
				name: 'accountMode',
				type: 'options',
				options: [
					{ name: 'Live', value: 'LIVE' },
					{ name: 'Sandbox', value: 'SANDBOX' },
				],
				default: 'LIVE',
				description: 'Only numbers in this mode (Meta filters on account_mode)',
			},
			{
				displayName: 'Sort',
				name: 'sort',
				type: 'options',
				options: [
					{ name: 'Created, Newest First', value: 'creation_time.desc' },
					{ name: 'Created, Oldest First', value: 'creation_time.asc' },
					{ name: 'Last Onboarded, Newest First', value: 'last_onboarded_time.desc' },
					{ name: 'Last Onboarded, Oldest First', value: 'last_onboarded_time.asc' },
				],
				default: 'creation_time.asc',
			},
		],
	},
];

/** SPEC documents `limit` 1-100 on this edge. */
const MAX_PAGE_SIZE = 100;

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex) as number);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as { accountMode?: string; sort?: string };
	const { businessAccountId, apiVersion } = await getGraphCredentials.call(this);
	const qs: IDataObject = { fields: phoneNumberFields(apiVersion) };
	if (filters.accountMode) qs.filtering = JSON.stringify([{ field: 'account_mode', operator: 'EQUAL', value: filters.accountMode }]);
	if (filters.sort) qs.sort = filters.sort;
	const numbers = await graphPaginate.call(this, {
		path: phoneNumbersPath(businessAccountId),
		qs,
		returnAll,
		limit,
		maxPageSize: MAX_PAGE_SIZE,
		itemIndex,
	});
	return numbers.map(normalizePhoneNumber);
}
