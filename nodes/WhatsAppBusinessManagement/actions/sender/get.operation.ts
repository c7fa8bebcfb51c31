import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { graphRequest } from '../../../shared/graph';
import { phoneNumberIdOf, phoneNumberLocator, phoneNumberProblems } from '../common/phoneNumberLocator';
import { normalizePhoneNumber, PHONE_NUMBER_FIELDS } from './graph';

export const description: INodeProperties[] = [phoneNumberLocator('sender', ['get'])];

export const validate = phoneNumberProblems;

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const phoneNumberId = phoneNumberIdOf.call(this, itemIndex);
	const body = (await graphRequest.call(this, {
		method: 'GET',
		path: `/${phoneNumberId}`,
		qs: { fields: PHONE_NUMBER_FIELDS.join(',') },
		itemIndex,
	})) as IDataObject;
	return normalizePhoneNumber(body);
}
