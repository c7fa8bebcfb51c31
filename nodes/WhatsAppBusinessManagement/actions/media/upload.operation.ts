import { createHash } from 'node:crypto';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getPhoneNumberId, phoneNumberLocator } from '../../descriptions/phoneNumber';
import { baseMimeType, mediaUploadProblems } from '../../helpers/media';
import { graphRequest } from '../../../shared/graph';

const show = { resource: ['media'], operation: ['upload'] };

export const description: INodeProperties[] = [
	phoneNumberLocator('media', ['upload'], { description: 'The phone number the media is uploaded to' }),
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the input binary field containing the file to upload',
		displayOptions: { show },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				description: 'Name sent with the file; defaults to the binary field\'s file name',
			},
			{
				displayName: 'MIME Type',
				name: 'mimeType',
				type: 'string',
				default: '',
				placeholder: 'e.g. image/jpeg',
				description: 'Overrides the binary field\'s MIME type, for files whose type was not detected',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const phoneNumberId = getPhoneNumberId.call(this, itemIndex)!;
	const propertyName = String(this.getNodeParameter('binaryPropertyName', itemIndex)).trim();
	const options = this.getNodeParameter('options', itemIndex, {}) as { fileName?: string; mimeType?: string };
	const binary = this.getInputData()[itemIndex]?.binary?.[propertyName];
	if (!binary) {
		throw new NodeOperationError(this.getNode(), `Field "Input Binary Field": the input item has no binary field "${propertyName}"`, {
			itemIndex,
		});
	}
	const mimeType = baseMimeType(options.mimeType?.trim() || binary.mimeType || '');
	const data = await this.helpers.getBinaryDataBuffer(itemIndex, propertyName);
	const problems = mediaUploadProblems({ mimeType, size: data.length, data });
	if (problems.length) throw new NodeOperationError(this.getNode(), problems.join('; '), { itemIndex });

	const fileName = options.fileName?.trim() || binary.fileName || 'file';
	const form = new FormData();
	form.append('messaging_product', 'whatsapp');
	form.append('type', mimeType);
	form.append('file', new Blob([data], { type: mimeType }), fileName);
	const response = (await graphRequest.call(this, {
		method: 'POST',
		path: `/${phoneNumberId}/media`,
		body: form,
		bodyType: 'multipart',
		itemIndex,
	})) as IDataObject;
	return {
		id: String(response.id),
		phone_number_id: phoneNumberId,
		mime_type: mimeType,
		file_name: fileName,
		file_size: data.length,
		sha256: createHash('sha256').update(data).digest('hex'),
	};
}
