import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getPhoneNumberId } from '../../descriptions/phoneNumber';
import { graphRequest } from '../../../shared/graph';
import { getMediaId, mediaIdField, optionalPhoneNumber } from './shared';

export const description: INodeProperties[] = [mediaIdField('delete'), optionalPhoneNumber('delete')];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const mediaId = getMediaId.call(this, itemIndex);
	const phoneNumberId = getPhoneNumberId.call(this, itemIndex, { required: false });
	const response = (await graphRequest.call(this, {
		method: 'DELETE',
		path: `/${mediaId}`,
		qs: phoneNumberId ? { phone_number_id: phoneNumberId } : undefined,
		itemIndex,
	})) as IDataObject;
	return { success: response.success === true, id: mediaId };
}
