import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ParameterProblem } from '../common/parameterProblem';
import { readSender, RESOURCE, senderField, senderProblems } from './fields';
import { messageIdField, messageIdProblems, readMessageId } from './messageId';
import { sendMessage } from './send';
import { sendingOptionsField } from './sendingOptions';

const OPERATION = 'markAsRead';

export const option = {
	name: 'Mark as Read',
	value: OPERATION,
	description: 'Mark an incoming message as read (blue ticks), optionally showing the typing indicator',
	action: 'Mark a message as read',
};

export const description: INodeProperties[] = [
	senderField([OPERATION]),
	messageIdField([OPERATION], 'The incoming message to mark as read; earlier messages in the chat are marked too'),
	{
		displayName: 'Show Typing Indicator',
		name: 'typingIndicator',
		type: 'boolean',
		default: false,
		description: 'Whether the user sees "typing…" until your reply is sent, or for up to 25 seconds',
		displayOptions: { show: { resource: [RESOURCE], operation: [OPERATION] } },
	},
	sendingOptionsField([OPERATION], { callbackData: false }),
];

export function validate(this: IExecuteFunctions, itemIndex: number): ParameterProblem[] {
	return [...senderProblems(this, itemIndex), ...messageIdProblems(this, itemIndex)];
}

/**
 * `status: read` on the message, with `typing_indicator` when asked
 * (https://developers.facebook.com/docs/whatsapp/cloud-api/typing-indicators).
 */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const typing = this.getNodeParameter('typingIndicator', itemIndex, false) === true;
	return await sendMessage.call(this, itemIndex, {
		phoneNumberId: readSender(this, itemIndex),
		path: 'messages',
		idempotent: true,
		body: { status: 'read', message_id: readMessageId(this, itemIndex), ...(typing ? { typing_indicator: { type: 'text' } } : {}) },
	});
}
