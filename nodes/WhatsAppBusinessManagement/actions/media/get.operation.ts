import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { phoneNumberIdOf } from '../common/phoneNumberLocator';
import { fetchMediaInfo } from './graph';
import { mediaIdField, mediaIdOf, mediaIdProblems, optionalPhoneNumber } from './mediaId';

export const description: INodeProperties[] = [mediaIdField('get'), optionalPhoneNumber('get')];

export const validate = mediaIdProblems;

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const mediaId = mediaIdOf.call(this, itemIndex);
	const phoneNumberId = phoneNumberIdOf.call(this, itemIndex) || undefined;
	return await fetchMediaInfo.call(this, mediaId, phoneNumberId, itemIndex);
}
