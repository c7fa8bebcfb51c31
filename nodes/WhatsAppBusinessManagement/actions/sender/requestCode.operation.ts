import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ParameterProblem } from '../common/parameterProblem';
import { phoneNumberIdOf, phoneNumberLocator, phoneNumberProblems } from '../common/phoneNumberLocator';
import { codeMethodFields, codeMethodOf, codeMethodProblems } from './fields';
import { requestVerificationCode } from './graph';

export const description: INodeProperties[] = [phoneNumberLocator('sender', ['requestCode']), ...codeMethodFields('requestCode')];

export function validate(this: IExecuteFunctions, itemIndex: number): ParameterProblem[] {
	return [...phoneNumberProblems.call(this, itemIndex), ...codeMethodProblems.call(this, itemIndex)];
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const phoneNumberId = phoneNumberIdOf.call(this, itemIndex);
	const { codeMethod, language } = codeMethodOf.call(this, itemIndex);
	const response = await requestVerificationCode.call(this, phoneNumberId, codeMethod, language, itemIndex);
	return { success: response.success === true, phone_number_id: phoneNumberId, code_method: codeMethod, language };
}
