import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ParameterProblem } from '../common/parameterProblem';
import { readRecipient, readSender, recipientFields, recipientProblems, RESOURCE, senderField, senderProblems } from './fields';
import { messageIdField, messageIdProblems, readMessageId } from './messageId';
import { sendMessage } from './send';
import { sendingOptionsField, sendingOptionsProblems } from './sendingOptions';

const OPERATION = 'react';
const show = { resource: [RESOURCE], operation: [OPERATION] };

export const option = {
	name: 'React',
	value: OPERATION,
	description: 'React to a message with an emoji, or remove the reaction',
	action: 'React to a message',
};

export const description: INodeProperties[] = [
	senderField([OPERATION]),
	...recipientFields([OPERATION]),
	messageIdField([OPERATION], 'The message reacted to'),
	{
		displayName: 'Emoji',
		name: 'emoji',
		type: 'string',
		default: '👍',
		description: 'One emoji; leave empty to remove the reaction sent before',
		displayOptions: { show },
	},
	sendingOptionsField([OPERATION]),
];

/**
 * One emoji as WhatsApp shows it: a pictograph (or a flag's two regional indicators, or a keycap),
 * with its skin tone, variation selector and zero-width-joined parts.
 */
const SINGLE_EMOJI =
	/^(?:\p{Regional_Indicator}{2}|[#*0-9]\uFE0F?\u20E3|\p{Extended_Pictographic}\uFE0F?[\u{1F3FB}-\u{1F3FF}]?(?:\u200D\p{Extended_Pictographic}\uFE0F?[\u{1F3FB}-\u{1F3FF}]?)*)$/u;

/**
 * A reaction is one emoji, or empty to remove it
 * (https://developers.facebook.com/docs/whatsapp/cloud-api/messages/reaction-messages).
 */
export function emojiProblem(emoji: string): ParameterProblem | undefined {
	if (!emoji || SINGLE_EMOJI.test(emoji)) return undefined;
	return { field: 'Emoji', rule: `must be a single emoji (or empty to remove the reaction), not "${emoji}"` };
}

const emojiOf = (context: IExecuteFunctions, itemIndex: number) => String(context.getNodeParameter('emoji', itemIndex, '') ?? '').trim();

export function validate(this: IExecuteFunctions, itemIndex: number): ParameterProblem[] {
	const emoji = emojiProblem(emojiOf(this, itemIndex));
	return [
		...senderProblems(this, itemIndex),
		...recipientProblems(this, itemIndex),
		...messageIdProblems(this, itemIndex),
		...(emoji ? [emoji] : []),
		...sendingOptionsProblems(this, itemIndex),
	];
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return await sendMessage.call(this, itemIndex, {
		phoneNumberId: readSender(this, itemIndex),
		path: 'messages',
		body: { ...readRecipient(this, itemIndex), type: 'reaction', reaction: { message_id: readMessageId(this, itemIndex), emoji: emojiOf(this, itemIndex) } },
	});
}
