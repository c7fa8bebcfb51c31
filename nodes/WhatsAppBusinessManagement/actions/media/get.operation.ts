import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getPhoneNumberId } from '../../descriptions/phoneNumber';
import { fetchMediaInfo, getMediaId, mediaIdField, optionalPhoneNumber } from './shared';

export const description: INodeProperties[] = [mediaIdField('get'), optionalPhoneNumber('get')];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const mediaId = getMediaId.call(this, itemIndex);
	const phoneNumberId = getPhoneNumberId.call(this, itemIndex, { required: false });
	return await fetchMediaInfo.call(this, mediaId, phoneNumberId, itemIndex);
}
