import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { isBlank } from '../common/blank';
import type { ParameterProblem } from '../common/parameterProblem';
import { addressProblems, readAddress, readSender, recipientFields, replyToField, RESOURCE, senderField } from './fields';
import { sendMessage } from './send';
import { sendingOptionsField, sendingOptionsProblems } from './sendingOptions';

const OPERATION = 'sendLocation';
const show = { resource: [RESOURCE], operation: [OPERATION] };

export const option = {
	name: 'Send Location',
	value: OPERATION,
	description: 'Send a map pin with an optional name and address, e.g. your showroom',
	action: 'Send a location',
};

export const description: INodeProperties[] = [
	senderField([OPERATION]),
	...recipientFields([OPERATION]),
	{
		displayName: 'Latitude',
		name: 'latitude',
		type: 'number',
		typeOptions: { minValue: -90, maxValue: 90, numberPrecision: 7 },
		required: true,
		default: 0,
		placeholder: 'e.g. 37.4847483',
		description: 'In decimal degrees, -90 to 90',
		displayOptions: { show },
	},
	{
		displayName: 'Longitude',
		name: 'longitude',
		type: 'number',
		typeOptions: { minValue: -180, maxValue: 180, numberPrecision: 7 },
		required: true,
		default: 0,
		placeholder: 'e.g. -122.1473837',
		description: 'In decimal degrees, -180 to 180',
		displayOptions: { show },
	},
	{
		displayName: 'Location Name',
		name: 'locationName',
		type: 'string',
		default: '',
		placeholder: 'e.g. Sandbox Motors showroom',
		description: 'Optional; shown above the address',
		displayOptions: { show },
	},
	{
		displayName: 'Address',
		name: 'locationAddress',
		type: 'string',
		default: '',
		placeholder: 'e.g. 1 Hacker Way, Menlo Park, CA 94025',
		description: 'Optional; shown under the name',
		displayOptions: { show },
	},
	...replyToField([OPERATION]),
	sendingOptionsField([OPERATION]),
];

/**
 * Meta's location object: latitude and longitude required, name and address optional
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/location-messages).
 */
export function locationOf(latitude: unknown, longitude: unknown, name: string, address: string): IDataObject {
	return {
		latitude: Number(latitude),
		longitude: Number(longitude),
		...(name.trim() ? { name: name.trim() } : {}),
		...(address.trim() ? { address: address.trim() } : {}),
	};
}

const parameter = (context: IExecuteFunctions, name: string, itemIndex: number) => context.getNodeParameter(name, itemIndex, '');

/** Range and type come from the fields' descriptions (descriptionRules.ts); an expression may still give nothing. */
export function validate(this: IExecuteFunctions, itemIndex: number): ParameterProblem[] {
	const missing: ParameterProblem[] = [
		{ field: 'Latitude', name: 'latitude' },
		{ field: 'Longitude', name: 'longitude' },
	]
		.filter(({ name }) => isBlank(parameter(this, name, itemIndex)))
		.map(({ field }) => ({ field, rule: 'is required' }));
	return [...addressProblems(this, itemIndex), ...missing, ...sendingOptionsProblems(this, itemIndex)];
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const location = locationOf(
		parameter(this, 'latitude', itemIndex),
		parameter(this, 'longitude', itemIndex),
		String(parameter(this, 'locationName', itemIndex) ?? ''),
		String(parameter(this, 'locationAddress', itemIndex) ?? ''),
	);
	return await sendMessage.call(this, itemIndex, {
		phoneNumberId: readSender(this, itemIndex),
		path: 'messages',
		body: { ...readAddress(this, itemIndex), type: 'location', location },
	});
}
