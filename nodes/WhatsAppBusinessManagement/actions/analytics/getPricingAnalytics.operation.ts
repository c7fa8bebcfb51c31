import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { graphPaginate } from '../../../shared/graph';
import { pricingAnalyticsCall } from './build';
import { accountQuery, countryCodesFilter, dateRangeFields, filtersCollection, granularityField, phoneNumbersFilter, readList, readWindowAndFilters, show } from './fields';
import { PRICING_ANALYTICS_LOOKBACK_DAYS, checkPricingAnalytics, type ParameterProblem } from './rules';
import { pricingAnalyticsRows } from './shape';

const OPERATION = 'getPricingAnalytics';
// Meta documents cursor paging on pricing_analytics but no largest page.
const PRICING_PAGE_SIZE = 1000;

const option = (value: string) => ({ name: value.toLowerCase().replace(/(^|_)(\w)/g, (_, space, c: string) => `${space ? ' ' : ''}${c.toUpperCase()}`), value });

export const description: INodeProperties[] = [
	...dateRangeFields(OPERATION, PRICING_ANALYTICS_LOOKBACK_DAYS),
	granularityField(
		OPERATION,
		[
			{ name: 'Half Hour', value: 'HALF_HOUR' },
			{ name: 'Daily', value: 'DAILY' },
			{ name: 'Monthly', value: 'MONTHLY' },
		],
		'DAILY',
	),
	{
		displayName: 'Break Down By',
		name: 'dimensions',
		type: 'multiOptions',
		options: ['COUNTRY', 'PHONE', 'PRICING_CATEGORY', 'PRICING_TYPE', 'TIER'].map(option),
		default: ['PRICING_CATEGORY', 'COUNTRY', 'TIER'],
		description: 'One output item per combination of these. Empty: one total per time slot.',
		displayOptions: { show: show(OPERATION) },
	},
	{
		displayName: 'Metrics',
		name: 'metrics',
		type: 'multiOptions',
		options: [
			{ name: 'Cost', value: 'COST' },
			{ name: 'Volume', value: 'VOLUME' },
		],
		default: ['VOLUME', 'COST'],
		displayOptions: { show: show(OPERATION) },
	},
	filtersCollection(OPERATION, [
		countryCodesFilter,
		phoneNumbersFilter,
		{
			displayName: 'Pricing Categories',
			name: 'pricingCategories',
			type: 'multiOptions',
			options: ['AUTHENTICATION', 'AUTHENTICATION_INTERNATIONAL', 'GROUP_MARKETING', 'GROUP_UTILITY', 'MARKETING', 'SERVICE', 'UTILITY'].map(option),
			default: [],
		},
		{
			displayName: 'Pricing Types',
			name: 'pricingTypes',
			type: 'multiOptions',
			options: ['FREE_CUSTOMER_SERVICE', 'FREE_ENTRY_POINT', 'REGULAR'].map(option),
			default: [],
		},
	]),
];

function readParameters(this: IExecuteFunctions, itemIndex: number) {
	const { filters, ...window } = readWindowAndFilters.call(this, itemIndex);
	return {
		...window,
		granularity: this.getNodeParameter('granularity', itemIndex, 'DAILY') as string,
		dimensions: this.getNodeParameter('dimensions', itemIndex, []) as string[],
		metrics: this.getNodeParameter('metrics', itemIndex, []) as string[],
		pricingCategories: readList(filters.pricingCategories),
		pricingTypes: readList(filters.pricingTypes),
		lookbackDays: PRICING_ANALYTICS_LOOKBACK_DAYS,
	};
}

export function validate(this: IExecuteFunctions, itemIndex: number): ParameterProblem[] {
	return checkPricingAnalytics(readParameters.call(this, itemIndex));
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const call = pricingAnalyticsCall(await accountQuery(this, readParameters.call(this, itemIndex)));
	const entries = await graphPaginate.call(this, { path: call.path, qs: call.qs, returnAll: true, maxPageSize: PRICING_PAGE_SIZE, itemIndex });
	return pricingAnalyticsRows(entries);
}
