/**
 * The fields QR Code operations share, read and checked. Meta's QR Codes and Short Links guide
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/qr-codes): a QR code
 * and its short link (wa.me/message/<code>) open a chat with the business number, with a pre-filled
 * message of up to 140 characters; a number holds at most 2,000 of them.
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ParameterProblem } from '../common/parameterProblem';
import { phoneNumberLocator, phoneNumberProblems } from '../common/phoneNumberLocator';
import { lengthProblem } from '../common/textLength';

export const PREFILLED_MESSAGE_MAX = 140;

export const showFor = (...operations: string[]) => ({ show: { resource: ['qrCode'], operation: operations } });

export function businessNumberField(operations: string[]): INodeProperties {
	return phoneNumberLocator('qrCode', operations, { displayName: 'Business Phone Number', description: 'The number the QR code opens a chat with' });
}

export function codeField(operation: string): INodeProperties {
	return {
		displayName: 'QR Code',
		name: 'code',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 4O4YGZEG3RIVE1 or https://wa.me/message/4O4YGZEG3RIVE1',
		description: "The QR code's ID (`code` in Create or Get Many), or its short link",
		displayOptions: showFor(operation),
	};
}

export function prefilledMessageField(operation: string, description: string): INodeProperties {
	return {
		displayName: 'Prefilled Message',
		name: 'prefilledMessage',
		type: 'string',
		typeOptions: { rows: 2 },
		required: true,
		default: '',
		placeholder: 'e.g. Show me the Cyber Monday deals!',
		description,
		displayOptions: showFor(operation),
	};
}

const imageLink = (format: 'PNG' | 'SVG') => ({
	name: format,
	value: format,
	description: `Output qr_image_url: a link to the QR code as ${format === 'PNG' ? 'a PNG' : 'an SVG'} image`,
});

/** `generate_qr_image` when creating or updating: the guide's "either SVG or PNG". */
export function imageFormatField(operation: string): INodeProperties {
	return {
		displayName: 'Image Format',
		name: 'imageFormat',
		type: 'options',
		options: [imageLink('PNG'), imageLink('SVG')],
		default: 'PNG',
		displayOptions: showFor(operation),
	};
}

/** `qr_image_url.format(...)` when reading, where the image link is optional. */
export function readImageFormatField(operation: string): INodeProperties {
	return {
		displayName: 'Image Format',
		name: 'imageFormat',
		type: 'options',
		options: [
			{ name: 'No Image', value: 'none', description: 'Only the code, the prefilled message and the short link' },
			imageLink('PNG'),
			imageLink('SVG'),
		],
		default: 'none',
		displayOptions: showFor(operation),
	};
}

/** Letters and digits: what Meta's codes are made of (the guide's `4O4YGZEG3RIVE1`). */
const CODE_PATTERN = /^[A-Za-z0-9]+$/;
/** A short link as Meta answers it in `deep_link_url`. */
const SHORT_LINK_PATTERN = /^(?:https?:\/\/)?wa\.me\/message\/([A-Za-z0-9]+)\/?$/i;

/** The code the field holds, taken out of a short link when one was pasted. */
export function codeOf(this: IExecuteFunctions, itemIndex: number): string {
	const value = String(this.getNodeParameter('code', itemIndex, '') ?? '').trim();
	return SHORT_LINK_PATTERN.exec(value)?.[1] ?? value;
}

export function codeProblems(this: IExecuteFunctions, itemIndex: number): ParameterProblem[] {
	const code = codeOf.call(this, itemIndex);
	if (!code) return [{ field: 'QR Code', rule: 'is empty' }];
	if (CODE_PATTERN.test(code)) return [];
	return [{ field: 'QR Code', rule: `must be a QR code ID (letters and digits) or its wa.me/message link, not "${code}"` }];
}

export function prefilledMessageOf(this: IExecuteFunctions, itemIndex: number): string {
	return String(this.getNodeParameter('prefilledMessage', itemIndex, '') ?? '');
}

export function prefilledMessageProblems(this: IExecuteFunctions, itemIndex: number): ParameterProblem[] {
	const problem = lengthProblem('Prefilled Message', prefilledMessageOf.call(this, itemIndex), PREFILLED_MESSAGE_MAX, true);
	return problem ? [problem] : [];
}

export function imageFormatOf(this: IExecuteFunctions, itemIndex: number): 'PNG' | 'SVG' | undefined {
	const format = this.getNodeParameter('imageFormat', itemIndex, 'none') as string;
	return format === 'PNG' || format === 'SVG' ? format : undefined;
}

export function businessNumberProblems(this: IExecuteFunctions, itemIndex: number): ParameterProblem[] {
	return phoneNumberProblems.call(this, itemIndex, { label: 'Business Phone Number' });
}

/**
 * The fields a read asks for: Meta's defaults, plus the image link in the format asked for (the
 * Graph reference: qr_image_url "must designate the image format", as `qr_image_url.format(SVG)`).
 */
export function readFields(format: 'PNG' | 'SVG' | undefined): string {
	return ['code', 'prefilled_message', 'deep_link_url', ...(format ? [`qr_image_url.format(${format})`] : [])].join(',');
}
