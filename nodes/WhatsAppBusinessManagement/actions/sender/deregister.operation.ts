import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { graphRequest } from '../../../shared/graph';
import { phoneNumberIdOf, phoneNumberLocator, phoneNumberProblems } from '../common/phoneNumberLocator';
import { explainRegistrationLimit } from './graph';

export const description: INodeProperties[] = [phoneNumberLocator('sender', ['deregister'])];

export const validate = phoneNumberProblems;

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const phoneNumberId = phoneNumberIdOf.call(this, itemIndex);
	try {
		const response = (await graphRequest.call(this, {
			method: 'POST',
			path: `/${phoneNumberId}/deregister`,
			itemIndex,
		})) as IDataObject;
		return { success: response.success === true, phone_number_id: phoneNumberId };
	} catch (error) {
		throw explainRegistrationLimit(error, phoneNumberId);
	}
}
