/** Download Image: the QR code's image link (qr_image_url) fetched into a binary field, ready to print or attach. */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { downloadToBinary } from '../../../shared/graph/download';
import { binaryPropertyNameOf, outputBinaryField, outputBinaryFieldProblems } from '../common/binaryField';
import type { ParameterProblem } from '../common/parameterProblem';
import { imageFormatOf, showFor } from './fields';

const MIME_TYPES = { PNG: 'image/png', SVG: 'image/svg+xml' } as const;

export function downloadImageFields(operation: string): INodeProperties[] {
	return [
		{
			displayName: 'Download Image',
			name: 'downloadImage',
			type: 'boolean',
			default: false,
			description: 'Whether to also download the QR code image into a binary field, to print it, attach it to an email or upload it',
			displayOptions: showFor(operation),
		},
		outputBinaryField('the QR code image', { show: { resource: ['qrCode'], operation: [operation], downloadImage: [true] } }),
	];
}

const wantsImage = (context: IExecuteFunctions, itemIndex: number) => context.getNodeParameter('downloadImage', itemIndex, false) === true;

export function downloadImageProblems(this: IExecuteFunctions, itemIndex: number): ParameterProblem[] {
	if (!wantsImage(this, itemIndex)) return [];
	const problems = outputBinaryFieldProblems(this, itemIndex);
	if (!imageFormatOf.call(this, itemIndex)) problems.push({ field: 'Image Format', rule: 'must be PNG or SVG to download the image' });
	return problems;
}

/**
 * The item for Meta's answer about one QR code, with its image in the binary field when Download
 * Image is on. The link is Meta's public CDN address: the access token is not sent with it. A failed
 * download does not fail the item: the code may just have been created, and failing would invite a
 * second create, so the item says `image_error` instead.
 */
export async function qrCodeItem(this: IExecuteFunctions, itemIndex: number, json: IDataObject): Promise<INodeExecutionData> {
	const format = imageFormatOf.call(this, itemIndex);
	if (!wantsImage(this, itemIndex) || !format) return { json };
	const fileName = `qr-${String(json.code)}.${format.toLowerCase()}`;
	const url = typeof json.qr_image_url === 'string' ? json.qr_image_url : '';
	let problem = url ? '' : "Meta's answer has no qr_image_url to download";
	if (url) {
		try {
			const result = await downloadToBinary.call(this, { url, fileName, mimeType: MIME_TYPES[format], authenticate: false, itemIndex });
			if (!result.expired) {
				result.binary.fileName = fileName;
				return { json, binary: { [binaryPropertyNameOf(this, itemIndex)]: result.binary } };
			}
			problem = 'the image link answered 404';
		} catch (error) {
			problem = (error as Error).message;
		}
	}
	const imageError = `The QR code image was not downloaded: ${problem}. Get the code again with Download Image on for a fresh link.`;
	this.logger.warn(`WhatsApp Business Management: QR code ${String(json.code)}: ${imageError}`);
	return { json: { ...json, image_error: imageError } };
}
