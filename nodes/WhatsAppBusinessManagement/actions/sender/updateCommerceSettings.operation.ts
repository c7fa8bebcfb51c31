import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { graphRequest } from '../../../shared/graph';
import type { ParameterProblem } from '../common/parameterProblem';
import { phoneNumberIdOf, phoneNumberLocator, phoneNumberProblems } from '../common/phoneNumberLocator';
import { showFor } from './fields';

export const description: INodeProperties[] = [
	phoneNumberLocator('sender', ['updateCommerceSettings']),
	{
		displayName: 'Update Fields',
		name: 'commerceSettings',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		displayOptions: showFor('updateCommerceSettings'),
		options: [
			{
				displayName: 'Cart Enabled',
				name: 'is_cart_enabled',
				type: 'boolean',
				default: true,
				description: 'Whether customers can add products to a cart and send it as an order (the trigger\'s Orders event)',
			},
			{
				displayName: 'Catalog Visible',
				name: 'is_catalog_visible',
				type: 'boolean',
				default: true,
				description: 'Whether the catalog storefront icon shows in the chat and in the business profile',
			},
		],
	},
];

const updatesOf = (context: IExecuteFunctions, itemIndex: number) => context.getNodeParameter('commerceSettings', itemIndex, {}) as IDataObject;

export function validate(this: IExecuteFunctions, itemIndex: number): ParameterProblem[] {
	const problems = phoneNumberProblems.call(this, itemIndex);
	if (Object.keys(updatesOf(this, itemIndex)).length === 0) {
		problems.push({ field: 'Update Fields', rule: 'is empty', hint: 'Add Cart Enabled and/or Catalog Visible.' });
	}
	return problems;
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const phoneNumberId = phoneNumberIdOf.call(this, itemIndex);
	const updated = updatesOf(this, itemIndex);
	const response = (await graphRequest.call(this, {
		method: 'POST',
		path: `/${phoneNumberId}/whatsapp_commerce_settings`,
		// Meta's reference takes both settings as query parameters.
		qs: updated,
		// Setting the same values again leaves the same settings.
		idempotent: true,
		itemIndex,
	})) as IDataObject;
	return { success: response.success === true, phone_number_id: phoneNumberId, updated };
}
