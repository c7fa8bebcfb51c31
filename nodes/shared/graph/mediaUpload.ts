import type { IDataObject } from 'n8n-workflow';

import type { GraphContext } from './context';
import { graphRequest } from './request';

export interface MediaFile {
	data: Buffer;
	fileName: string;
	/** The MIME type Meta files it under (image/jpeg...). */
	mimeType: string;
}

/**
 * `POST /{phone-number-id}/media`: uploads a file for that number's messages and returns its media
 * ID (https://developers.facebook.com/docs/whatsapp/cloud-api/reference/media#upload-media).
 */
export async function uploadMedia(this: GraphContext, phoneNumberId: string, file: MediaFile, itemIndex?: number): Promise<string> {
	const form = new FormData();
	form.append('messaging_product', 'whatsapp');
	form.append('type', file.mimeType);
	form.append('file', new Blob([file.data], { type: file.mimeType }), file.fileName);
	const response = (await graphRequest.call(this, {
		method: 'POST',
		path: `/${phoneNumberId}/media`,
		body: form,
		bodyType: 'multipart',
		itemIndex,
	})) as IDataObject;
	return String(response.id);
}
