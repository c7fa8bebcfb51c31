import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { phoneNumberIdOf, phoneNumberLocator, phoneNumberProblems } from '../common/phoneNumberLocator';
import { fetchBusinessProfile } from './graph';

export const description: INodeProperties[] = [phoneNumberLocator('sender', ['getBusinessProfile'])];

export const validate = phoneNumberProblems;

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const phoneNumberId = phoneNumberIdOf.call(this, itemIndex);
	const profile = await fetchBusinessProfile.call(this, phoneNumberId, itemIndex);
	return { phone_number_id: phoneNumberId, ...profile };
}
