import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ParameterProblem } from '../common/parameterProblem';
import { addressProblems, readAddress, readSender, recipientFields, replyToField, RESOURCE, senderField } from './fields';
import { lengthProblem } from '../common/textLength';
import { sendMessage } from './send';
import { sendingOptionsField, sendingOptionsProblems } from './sendingOptions';

const OPERATION = 'sendText';
const show = { resource: [RESOURCE], operation: [OPERATION] };

/** Text messages: body up to 4,096 characters (https://developers.facebook.com/docs/whatsapp/cloud-api/messages/text-messages). */
export const TEXT_MAX = 4096;

export const option = {
	name: 'Send Text',
	value: OPERATION,
	description: 'Send a text message inside the 24-hour customer service window',
	action: 'Send a text message',
};

export const description: INodeProperties[] = [
	senderField([OPERATION]),
	...recipientFields([OPERATION]),
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		description: 'Up to 4,096 characters; WhatsApp formatting such as *bold* and _italic_ works',
		displayOptions: { show },
	},
	{
		displayName: 'Link Preview',
		name: 'previewUrl',
		type: 'boolean',
		default: false,
		description: 'Whether WhatsApp shows a preview of the first link in the text',
		displayOptions: { show },
	},
	...replyToField([OPERATION]),
	sendingOptionsField([OPERATION]),
];

const textOf = (context: IExecuteFunctions, itemIndex: number) => String(context.getNodeParameter('text', itemIndex, '') ?? '');

export function validate(this: IExecuteFunctions, itemIndex: number): ParameterProblem[] {
	const text = lengthProblem('Text', textOf(this, itemIndex), TEXT_MAX, true);
	return [...addressProblems(this, itemIndex), ...(text ? [text] : []), ...sendingOptionsProblems(this, itemIndex)];
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const previewUrl = this.getNodeParameter('previewUrl', itemIndex, false) === true;
	return await sendMessage.call(this, itemIndex, {
		phoneNumberId: readSender(this, itemIndex),
		path: 'messages',
		body: { ...readAddress(this, itemIndex), type: 'text', text: { body: textOf(this, itemIndex), preview_url: previewUrl } },
	});
}
