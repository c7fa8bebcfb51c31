import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { graphRequest } from '../../../shared/graph';
import type { ParameterProblem } from '../common/parameterProblem';
import { phoneNumberIdOf, phoneNumberLocator, phoneNumberProblems } from '../common/phoneNumberLocator';
import { showFor } from './fields';

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

/** The code without spaces or its hyphen (`123-830` -> `123830`). */
const codeOf = (context: IExecuteFunctions, itemIndex: number) => String(context.getNodeParameter('code', itemIndex, '')).replace(/[\s-]/g, '');

export function validate(this: IExecuteFunctions, itemIndex: number): ParameterProblem[] {
	const problems = phoneNumberProblems.call(this, itemIndex);
	if (!/^\d{6}$/.test(codeOf(this, itemIndex))) problems.push({ field: 'Code', rule: 'must be the 6 digits Meta sent (a hyphen is allowed)' });
	return problems;
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const phoneNumberId = phoneNumberIdOf.call(this, itemIndex);
	const code = codeOf(this, itemIndex);
	const response = (await graphRequest.call(this, {
		method: 'POST',
		path: `/${phoneNumberId}/verify_code`,
		qs: { code },
		itemIndex,
	})) as IDataObject;
	return { success: response.success === true, phone_number_id: phoneNumberId, code_verification_status: 'VERIFIED' };
}
