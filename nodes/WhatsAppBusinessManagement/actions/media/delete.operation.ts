import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { graphRequest } from '../../../shared/graph';
import { phoneNumberIdOf } from '../common/phoneNumberLocator';
import { mediaIdField, mediaIdOf, mediaIdProblems, optionalPhoneNumber } from './mediaId';

export const description: INodeProperties[] = [mediaIdField('delete'), optionalPhoneNumber('delete')];

export const validate = mediaIdProblems;

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const mediaId = mediaIdOf.call(this, itemIndex);
	const phoneNumberId = phoneNumberIdOf.call(this, itemIndex) || undefined;
	const response = (await graphRequest.call(this, {
		method: 'DELETE',
		path: `/${mediaId}`,
		qs: phoneNumberId ? { phone_number_id: phoneNumberId } : undefined,
		itemIndex,
	})) as IDataObject;
	return { success: response.success === true, id: mediaId };
}
