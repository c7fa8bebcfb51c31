import { createHash } from 'node:crypto';
import type { IBinaryData, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { uploadMedia } from '../../../shared/graph';
import { binaryPropertyNameOf } from '../common/binaryField';
import { binaryInput, missingBinary } from '../common/binaryInput';
import { optionsCollection } from '../common/collections';
import { baseMimeType } from '../common/fileTypes';
import type { ParameterProblem } from '../common/parameterProblem';
import { phoneNumberIdOf, phoneNumberLocator, phoneNumberProblems } from '../common/phoneNumberLocator';
import { MEDIA_TYPES } from './graph';
import { mediaUploadProblems } from './rules';

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
	optionsCollection({ show }, [
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
	]),
];

type UploadOptions = { fileName?: string; mimeType?: string };

/** The file's MIME type: the option when set, else the binary field's. */
const mimeTypeOf = (options: UploadOptions, binary: IBinaryData) => baseMimeType(options.mimeType?.trim() || binary.mimeType || '');

/** The file must exist and fit Meta's table; a sticker's bytes tell static from animated. */
async function fileProblems(this: IExecuteFunctions, itemIndex: number): Promise<ParameterProblem[]> {
	const propertyName = binaryPropertyNameOf(this, itemIndex);
	const input = await binaryInput.call(this, itemIndex, propertyName);
	if (!input) return [missingBinary('Input Binary Field', propertyName)];
	const mimeType = mimeTypeOf(this.getNodeParameter('options', itemIndex, {}) as UploadOptions, input.binary);
	const data = MEDIA_TYPES[mimeType] === 'sticker' ? await this.helpers.getBinaryDataBuffer(itemIndex, propertyName) : undefined;
	return mediaUploadProblems({ mimeType, size: input.size, data });
}

export async function validate(this: IExecuteFunctions, itemIndex: number): Promise<ParameterProblem[]> {
	return [...phoneNumberProblems.call(this, itemIndex), ...(await fileProblems.call(this, itemIndex))];
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const phoneNumberId = phoneNumberIdOf.call(this, itemIndex);
	const propertyName = binaryPropertyNameOf(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as UploadOptions;
	const binary = this.getInputData()[itemIndex].binary![propertyName];
	const mimeType = mimeTypeOf(options, binary);
	const data = await this.helpers.getBinaryDataBuffer(itemIndex, propertyName);

	const fileName = options.fileName?.trim() || binary.fileName || 'file';
	const id = await uploadMedia.call(this, phoneNumberId, { data, fileName, mimeType }, itemIndex);
	return {
		id,
		phone_number_id: phoneNumberId,
		mime_type: mimeType,
		file_name: fileName,
		file_size: data.length,
		sha256: createHash('sha256').update(data).digest('hex'),
	};
}
