import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getPhoneNumberId, phoneNumberLocator } from '../../descriptions/phoneNumber';
import { graphRequest } from '../../../shared/graph';
import { showFor } from './shared';

export const description: INodeProperties[] = [
	phoneNumberLocator('sender', ['verifyCode']),
	{
		displayName: 'Code',
		name: 'code',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 123-830',
		description: 'The 6-digit code Meta sent by SMS or voice call; a hyphen is removed',
		displayOptions: showFor('verifyCode'),
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const phoneNumberId = getPhoneNumberId.call(this, itemIndex)!;
	const code = String(this.getNodeParameter('code', itemIndex, '')).replace(/[\s-]/g, '');
	if (!/^\d{6}$/.test(code)) {
		throw new NodeOperationError(this.getNode(), 'Field "Code": must be the 6 digits Meta sent (a hyphen is allowed)', { itemIndex });
	}
	const response = (await graphRequest.call(this, {
		method: 'POST',
		path: `/${phoneNumberId}/verify_code`,
		qs: { code },
		itemIndex,
	})) as IDataObject;
	return { success: response.success === true, phone_number_id: phoneNumberId, code_verification_status: 'VERIFIED' };
}
