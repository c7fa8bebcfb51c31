import type { IDataObject, IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { getGraphCredentials } from '../../../shared/graph';
import { windowInSeconds, type TimeWindow } from '../../../shared/graph/timeWindows';

export const show = (operation: string) => ({ resource: ['analytics'], operation: [operation] });

/**
 * A template picker: the searchable list the Template resource uses (the node's `searchTemplates`
 * list method, referenced by name) or a pasted ID.
 */
export function templatePicker(operation: string, name: string, displayName: string, description: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchTemplates', searchable: true } },
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'e.g. 1689556908129832' },
		],
		displayOptions: { show: show(operation) },
	};
}

/** Start and End of the reporting window, shown for one operation. */
export function dateRangeFields(operation: string, lookbackDays: number): INodeProperties[] {
	return [
		{
			displayName: 'Start',
			name: 'start',
			type: 'dateTime',
			required: true,
			default: '',
			description: `Beginning of the window (UTC). Meta looks back at most ${lookbackDays} days.`,
			displayOptions: { show: show(operation) },
		},
		{
			displayName: 'End',
			name: 'end',
			type: 'dateTime',
			required: true,
			default: '',
			description: 'End of the window (UTC), exclusive',
			displayOptions: { show: show(operation) },
		},
	];
}

export function readLocatorValue(this: IExecuteFunctions, name: string, itemIndex: number): string {
	return String(this.getNodeParameter(name, itemIndex, '', { extractValue: true }) ?? '').trim();
}

/** Comma-separated text to a trimmed list (upper-cased when `upper`). */
export function readList(value: unknown, upper = false): string[] {
	const list = Array.isArray(value) ? value : String(value ?? '').split(',');
	return list.map((entry) => String(entry).trim()).filter(Boolean).map((entry) => (upper ? entry.toUpperCase() : entry));
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** The Granularity selector, with the spelling the field or edge uses (DAY vs DAILY). */
export function granularityField(operation: string, options: INodePropertyOptions[], defaultValue: string): INodeProperties {
	return { displayName: 'Granularity', name: 'granularity', type: 'options', options, default: defaultValue, displayOptions: { show: show(operation) } };
}

/** Filter options both pricing and messaging analytics take. */
export const countryCodesFilter: INodeProperties = {
	displayName: 'Country Codes',
	name: 'countryCodes',
	type: 'string',
	default: '',
	placeholder: 'US, BR',
	description: 'Comma-separated 2-letter country codes',
};
export const phoneNumbersFilter: INodeProperties = {
	displayName: 'Phone Numbers',
	name: 'phoneNumbers',
	type: 'string',
	default: '',
	placeholder: '16505551234',
	description: 'Comma-separated business phone numbers',
};

/** Start, End, country and phone filters as both analytics reads take them. */
/** The "Filters" collection of an analytics report (read back by readWindowAndFilters). */
export function filtersCollection(operation: string, options: INodeProperties[]): INodeProperties {
	return { displayName: 'Filters', name: 'filters', type: 'collection', placeholder: 'Add Filter', default: {}, displayOptions: { show: show(operation) }, options };
}

/** An operation's checked parameters as a query: the credential's WABA, the Start/End window in Unix seconds. */
export async function accountQuery<P extends { start: unknown; end: unknown }>(
	context: IExecuteFunctions,
	parameters: P,
): Promise<Omit<P, 'start' | 'end'> & TimeWindow & { businessAccountId: string }> {
	const { businessAccountId } = await getGraphCredentials.call(context);
	return { ...parameters, businessAccountId, ...windowInSeconds(parameters) };
}

export function readWindowAndFilters(this: IExecuteFunctions, itemIndex: number) {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	return {
		filters,
		start: this.getNodeParameter('start', itemIndex, ''),
		end: this.getNodeParameter('end', itemIndex, ''),
		countryCodes: readList(filters.countryCodes, true),
		phoneNumbers: readList(filters.phoneNumbers).map((n) => n.replace(/[^\d]/g, '')),
		nowSeconds: nowSeconds(),
	};
}
