import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getPhoneNumberId, phoneNumberLocator } from '../../descriptions/phoneNumber';
import { DATA_LOCALIZATION_REGIONS, pinProblems } from '../../helpers/sender';
import { graphRequest } from '../../../shared/graph';
import { explainRegistrationLimit, pinField, showFor } from './shared';

const REGION_NAMES: Record<string, string> = {
	AE: 'United Arab Emirates',
	AU: 'Australia',
	BH: 'Bahrain',
	BR: 'Brazil',
	CA: 'Canada',
	CH: 'Switzerland',
	DE: 'Germany (European Union)',
	GB: 'United Kingdom',
	ID: 'Indonesia',
	IN: 'India',
	JP: 'Japan',
	KR: 'South Korea',
	SG: 'Singapore',
	ZA: 'South Africa',
};

export const description: INodeProperties[] = [
	phoneNumberLocator('sender', ['register']),
	pinField('register', 'A 6-digit two-step verification PIN. It becomes the PIN of the number, or must match the PIN already set.'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: showFor('register'),
		options: [
			{
				displayName: 'Data Localization Region',
				name: 'dataLocalizationRegion',
				type: 'options',
				options: DATA_LOCALIZATION_REGIONS.map((value) => ({ name: `${REGION_NAMES[value]} (${value})`, value })).sort((a, b) =>
					a.name.localeCompare(b.name),
				),
				default: 'DE',
				description: 'Store message data at rest in this country (Cloud API local storage); cannot be changed without deregistering',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const phoneNumberId = getPhoneNumberId.call(this, itemIndex)!;
	const pin = String(this.getNodeParameter('pin', itemIndex, '')).trim();
	const options = this.getNodeParameter('options', itemIndex, {}) as { dataLocalizationRegion?: string };
	const problems = pinProblems(pin);
	const region = options.dataLocalizationRegion;
	if (region !== undefined && !DATA_LOCALIZATION_REGIONS.includes(region)) {
		problems.push(`Field "Data Localization Region": must be one of ${DATA_LOCALIZATION_REGIONS.join(', ')}`);
	}
	if (problems.length) throw new NodeOperationError(this.getNode(), problems.join('; '), { itemIndex });
	const body: IDataObject = { messaging_product: 'whatsapp', pin };
	if (region) body.data_localization_region = region;
	try {
		const response = (await graphRequest.call(this, {
			method: 'POST',
			path: `/${phoneNumberId}/register`,
			body,
			itemIndex,
		})) as IDataObject;
		return { success: response.success === true, phone_number_id: phoneNumberId, ...(region ? { data_localization_region: region } : {}) };
	} catch (error) {
		throw explainRegistrationLimit(error, phoneNumberId);
	}
}
