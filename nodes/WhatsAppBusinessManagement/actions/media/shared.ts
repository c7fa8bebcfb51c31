import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { phoneNumberLocator } from '../../descriptions/phoneNumber';
import { normalizeMedia } from '../../helpers/media';
import { graphRequest } from '../../../shared/graph';

export function mediaIdField(operation: string): INodeProperties {
	return {
		displayName: 'Media ID',
		name: 'mediaId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 1037543291543636',
		description: 'The ID Meta gave the media on upload, or the ID in an incoming message webhook',
		displayOptions: { show: { resource: ['media'], operation: [operation] } },
	};
}

/** Meta's optional `phone_number_id`: when set, Meta only answers if the media belongs to that number. */
export function optionalPhoneNumber(operation: string): INodeProperties {
	return phoneNumberLocator('media', [operation], {
		required: false,
		description: 'Only act if the media belongs to this phone number (optional; Meta checks ownership when it is set)',
	});
}

export function getMediaId(this: IExecuteFunctions, itemIndex: number): string {
	const mediaId = String(this.getNodeParameter('mediaId', itemIndex, '')).trim();
	if (!/^\d+$/.test(mediaId)) {
		throw new NodeOperationError(this.getNode(), `Field "Media ID": must be a media ID (digits only), not "${mediaId}"`, { itemIndex });
	}
	return mediaId;
}

/** `GET /{media-id}`: the short-lived download URL and the file's metadata. */
export async function fetchMediaInfo(
	this: IExecuteFunctions,
	mediaId: string,
	phoneNumberId: string | undefined,
	itemIndex: number,
): Promise<IDataObject> {
	const body = (await graphRequest.call(this, {
		method: 'GET',
		path: `/${mediaId}`,
		qs: phoneNumberId ? { phone_number_id: phoneNumberId } : undefined,
		itemIndex,
	})) as IDataObject;
	return normalizeMedia(body);
}
