import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { graphRequest } from '../../../shared/graph';
import type { ParameterProblem } from '../common/parameterProblem';
import { phoneNumberIdOf } from '../common/phoneNumberLocator';
import { businessNumberField, businessNumberProblems, codeField, codeOf, codeProblems } from './fields';

export const description: INodeProperties[] = [businessNumberField(['delete']), codeField('delete')];

export function validate(this: IExecuteFunctions, itemIndex: number): ParameterProblem[] {
	return [...businessNumberProblems.call(this, itemIndex), ...codeProblems.call(this, itemIndex)];
}

/** Printed copies of a deleted code stop opening the chat. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const phoneNumberId = phoneNumberIdOf.call(this, itemIndex);
	const code = codeOf.call(this, itemIndex);
	const response = (await graphRequest.call(this, { method: 'DELETE', path: `/${phoneNumberId}/message_qrdls/${code}`, itemIndex })) as IDataObject;
	return { success: response.success === true, code, phone_number_id: phoneNumberId };
}
