import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getPhoneNumberId, phoneNumberLocator } from '../../descriptions/phoneNumber';
import { codeMethodFields, readCodeMethod, requestVerificationCode } from './shared';

export const description: INodeProperties[] = [phoneNumberLocator('sender', ['requestCode']), ...codeMethodFields('requestCode')];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const phoneNumberId = getPhoneNumberId.call(this, itemIndex)!;
	const { codeMethod, language } = readCodeMethod.call(this, itemIndex);
	const response = await requestVerificationCode.call(this, phoneNumberId, codeMethod, language, itemIndex);
	return { success: response.success === true, phone_number_id: phoneNumberId, code_method: codeMethod, language };
}
