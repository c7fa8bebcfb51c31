import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ParameterProblem } from '../common/parameterProblem';
import type { MediaKind } from '../media/graph';
import { addressProblems, readAddress, readSender, recipientFields, replyToField, RESOURCE, senderField } from './fields';
import { mediaSourceFields, mediaSourceNames, mediaSourceProblems, readMedia } from './mediaSource';
import { lengthProblem } from '../common/textLength';
import { sendMessage } from './send';
import { sendingOptionsField, sendingOptionsProblems } from './sendingOptions';

const OPERATION = 'sendMedia';
const show = { resource: [RESOURCE], operation: [OPERATION] };

/**
 * Media messages: a caption of up to 1,024 characters on images, videos and documents (not audio or
 * stickers), a file name on documents
 * (https://developers.facebook.com/docs/whatsapp/cloud-api/messages/image-messages and its siblings).
 */
export const CAPTION_MAX = 1024;
const CAPTIONED: MediaKind[] = ['image', 'video', 'document'];

const SOURCE = mediaSourceNames('media', 'Media');

export const option = {
	name: 'Send Media',
	value: OPERATION,
	description: 'Send an image, video, audio, document or sticker, by media ID, link or binary file',
	action: 'Send a media message',
};

export const description: INodeProperties[] = [
	senderField([OPERATION]),
	...recipientFields([OPERATION]),
	{
		displayName: 'Media Type',
		name: 'mediaType',
		type: 'options',
		options: [
			{ name: 'Audio', value: 'audio' },
			{ name: 'Document', value: 'document' },
			{ name: 'Image', value: 'image' },
			{ name: 'Sticker', value: 'sticker' },
			{ name: 'Video', value: 'video' },
		],
		default: 'image',
		displayOptions: { show },
	},
	...mediaSourceFields(SOURCE, show),
	{
		displayName: 'Caption',
		name: 'caption',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		description: 'Up to 1,024 characters',
		displayOptions: { show: { ...show, mediaType: CAPTIONED } },
	},
	{
		displayName: 'File Name',
		name: 'fileName',
		type: 'string',
		default: '',
		placeholder: 'e.g. price-list.pdf',
		description: 'The name WhatsApp shows for the document; its extension tells WhatsApp how to open it',
		displayOptions: { show: { ...show, mediaType: ['document'] } },
	},
	...replyToField([OPERATION]),
	sendingOptionsField([OPERATION]),
];

const kindOf = (context: IExecuteFunctions, itemIndex: number) => String(context.getNodeParameter('mediaType', itemIndex, 'image')) as MediaKind;
const textOf = (context: IExecuteFunctions, name: string, itemIndex: number) => String(context.getNodeParameter(name, itemIndex, '') ?? '');

export async function validate(this: IExecuteFunctions, itemIndex: number): Promise<ParameterProblem[]> {
	const kind = kindOf(this, itemIndex);
	const caption = CAPTIONED.includes(kind) ? lengthProblem('Caption', textOf(this, 'caption', itemIndex), CAPTION_MAX) : undefined;
	return [
		...addressProblems(this, itemIndex),
		...(await mediaSourceProblems(this, SOURCE, kind, itemIndex)),
		...(caption ? [caption] : []),
		...sendingOptionsProblems(this, itemIndex),
	];
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const kind = kindOf(this, itemIndex);
	const phoneNumberId = readSender(this, itemIndex);
	const media: IDataObject = await readMedia(this, SOURCE, phoneNumberId, itemIndex);
	const caption = textOf(this, 'caption', itemIndex);
	if (CAPTIONED.includes(kind) && caption.trim()) media.caption = caption;
	const fileName = textOf(this, 'fileName', itemIndex).trim();
	if (kind === 'document' && fileName) media.filename = fileName;
	return await sendMessage.call(this, itemIndex, {
		phoneNumberId,
		path: 'messages',
		body: { ...readAddress(this, itemIndex), type: kind, [kind]: media },
	});
}
