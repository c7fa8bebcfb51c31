import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getGraphCredentials, graphRequest } from '../../../shared/graph';
import { phoneNumberIdOf, phoneNumberLocator, phoneNumberProblems } from '../common/phoneNumberLocator';
import { normalizePhoneNumber, phoneNumberFields } from './graph';

export const description: INodeProperties[] = [phoneNumberLocator('sender', ['get'])];

export const validate = phoneNumberProblems;

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const phoneNumberId = phoneNumberIdOf.call(this, itemIndex);
	const { apiVersion } = await getGraphCredentials.call(this);
	const body = (await graphRequest.call(this, {
		method: 'GET',
		path: `/${phoneNumberId}`,
		qs: { fields: phoneNumberFields(apiVersion) },
		itemIndex,
	})) as IDataObject;
	return normalizePhoneNumber(body);
}
