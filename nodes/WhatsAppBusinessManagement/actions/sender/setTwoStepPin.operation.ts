import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getPhoneNumberId, phoneNumberLocator } from '../../descriptions/phoneNumber';
import { pinProblems } from '../../helpers/sender';
import { graphRequest } from '../../../shared/graph';
import { pinField } from './shared';

export const description: INodeProperties[] = [
	phoneNumberLocator('sender', ['setTwoStepPin']),
	pinField('setTwoStepPin', 'The new 6-digit two-step verification PIN. Meta has no call to turn two-step verification off.'),
];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const phoneNumberId = getPhoneNumberId.call(this, itemIndex)!;
	const pin = String(this.getNodeParameter('pin', itemIndex, '')).trim();
	const problems = pinProblems(pin);
	if (problems.length) throw new NodeOperationError(this.getNode(), problems.join('; '), { itemIndex });
	const response = (await graphRequest.call(this, {
		method: 'POST',
		path: `/${phoneNumberId}`,
		body: { pin },
		// Setting the same PIN again has the same effect.
		idempotent: true,
		itemIndex,
	})) as IDataObject;
	return { success: response.success === true, phone_number_id: phoneNumberId };
}
