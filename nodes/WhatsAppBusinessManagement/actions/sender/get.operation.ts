import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { phoneNumberIdOf, phoneNumberLocator, phoneNumberProblems } from '../common/phoneNumberLocator';
import { PHONE_NUMBER_FIELDS, normalizePhoneNumber } from '../../helpers/sender';
import { graphRequest } from '../../../shared/graph';

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
