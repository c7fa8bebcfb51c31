import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { graphRequest } from '../../../shared/graph';
import { optionsCollection } from '../common/collections';
import type { ParameterProblem } from '../common/parameterProblem';
import { phoneNumberIdOf, phoneNumberLocator, phoneNumberProblems } from '../common/phoneNumberLocator';
import { pinField, pinOf, showFor } from './fields';
import { DATA_LOCALIZATION_REGIONS, explainRegistrationLimit } from './graph';

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
	optionsCollection(showFor('register'), [
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
	]),
];

const regionOf = (context: IExecuteFunctions, itemIndex: number) =>
	(context.getNodeParameter('options', itemIndex, {}) as { dataLocalizationRegion?: string }).dataLocalizationRegion;

export function validate(this: IExecuteFunctions, itemIndex: number): ParameterProblem[] {
	const problems = [...phoneNumberProblems.call(this, itemIndex), ...pinOf.call(this, itemIndex).problems];
	const region = regionOf(this, itemIndex);
	if (region !== undefined && !DATA_LOCALIZATION_REGIONS.includes(region)) {
		problems.push({ field: 'Data Localization Region', rule: `must be one of ${DATA_LOCALIZATION_REGIONS.join(', ')}` });
	}
	return problems;
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const phoneNumberId = phoneNumberIdOf.call(this, itemIndex);
	const { pin } = pinOf.call(this, itemIndex);
	const region = regionOf(this, itemIndex);
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
