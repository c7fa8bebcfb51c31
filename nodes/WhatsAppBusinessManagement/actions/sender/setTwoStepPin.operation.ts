import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { graphRequest } from '../../../shared/graph';
import type { ParameterProblem } from '../common/parameterProblem';
import { phoneNumberIdOf, phoneNumberLocator, phoneNumberProblems } from '../common/phoneNumberLocator';
import { pinField, pinOf } from './fields';

export const description: INodeProperties[] = [
	phoneNumberLocator('sender', ['setTwoStepPin']),
	pinField('setTwoStepPin', 'The new 6-digit two-step verification PIN. Meta has no call to turn two-step verification off.'),
];

export function validate(this: IExecuteFunctions, itemIndex: number): ParameterProblem[] {
	return [...phoneNumberProblems.call(this, itemIndex), ...pinOf.call(this, itemIndex).problems];
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const phoneNumberId = phoneNumberIdOf.call(this, itemIndex);
	const { pin } = pinOf.call(this, itemIndex);
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
