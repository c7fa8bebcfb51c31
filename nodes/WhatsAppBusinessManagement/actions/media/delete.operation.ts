import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { phoneNumberIdOf } from '../common/phoneNumberLocator';
import { mediaRequest } from './graph';
import { mediaIdField, mediaIdOf, mediaIdProblems, optionalPhoneNumber } from './mediaId';

export const description: INodeProperties[] = [mediaIdField('delete'), optionalPhoneNumber('delete')];

export const validate = mediaIdProblems;

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const mediaId = mediaIdOf.call(this, itemIndex);
	const phoneNumberId = phoneNumberIdOf.call(this, itemIndex) || undefined;
	const response = await mediaRequest.call(this, 'DELETE', mediaId, phoneNumberId, itemIndex);
	return { success: response.success === true, id: mediaId };
}
