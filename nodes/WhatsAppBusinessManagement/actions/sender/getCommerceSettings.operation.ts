import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { graphRequest } from '../../../shared/graph';
import { phoneNumberIdOf, phoneNumberLocator, phoneNumberProblems } from '../common/phoneNumberLocator';
import { commerceSettingsOf } from './commerceSettings';

export const description: INodeProperties[] = [phoneNumberLocator('sender', ['getCommerceSettings'])];

export const validate = phoneNumberProblems;

/** `{is_cart_enabled, is_catalog_visible, id, phone_number_id, never_set}`; Meta's defaults when never set. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const phoneNumberId = phoneNumberIdOf.call(this, itemIndex);
	const body = (await graphRequest.call(this, { method: 'GET', path: `/${phoneNumberId}/whatsapp_commerce_settings`, itemIndex })) as IDataObject;
	return commerceSettingsOf(body, phoneNumberId);
}
