import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { graphRequest } from '../../../shared/graph';
import { messagingAnalyticsCall } from './build';
import { accountQuery, countryCodesFilter, dateRangeFields, filtersCollection, granularityField, phoneNumbersFilter, readList, readWindowAndFilters } from './fields';
import { PRICING_ANALYTICS_LOOKBACK_DAYS, checkMessagingAnalytics, type ParameterProblem } from './rules';
import { messagingAnalyticsRows } from './shape';

const OPERATION = 'getMessagingAnalytics';
// Messaging analytics shares pricing analytics' 1-year lookback (analytics doc, Dec 1, 2025 change).
const LOOKBACK_DAYS = PRICING_ANALYTICS_LOOKBACK_DAYS;

export const description: INodeProperties[] = [
	...dateRangeFields(OPERATION, LOOKBACK_DAYS),
	granularityField(
		OPERATION,
		[
			{ name: 'Half Hour', value: 'HALF_HOUR' },
			{ name: 'Day', value: 'DAY' },
			{ name: 'Month', value: 'MONTH' },
		],
		'DAY',
	),
	filtersCollection(OPERATION, [
		countryCodesFilter,
		{
			displayName: 'Message Types',
			name: 'productTypes',
			type: 'multiOptions',
			options: [
				{ name: 'Notification (Business-Initiated)', value: '0' },
				{ name: 'Customer Support (Replies)', value: '2' },
			],
			default: [],
		},
		phoneNumbersFilter,
	]),
];

function readParameters(this: IExecuteFunctions, itemIndex: number) {
	const { filters, ...window } = readWindowAndFilters.call(this, itemIndex);
	return {
		...window,
		granularity: this.getNodeParameter('granularity', itemIndex, 'DAY') as string,
		productTypes: readList(filters.productTypes),
		lookbackDays: LOOKBACK_DAYS,
	};
}

export function validate(this: IExecuteFunctions, itemIndex: number): ParameterProblem[] {
	return checkMessagingAnalytics(readParameters.call(this, itemIndex));
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const call = messagingAnalyticsCall(await accountQuery(this, readParameters.call(this, itemIndex)));
	const body = (await graphRequest.call(this, { method: 'GET', path: call.path, qs: call.qs, itemIndex })) as IDataObject;
	return messagingAnalyticsRows(body);
}
