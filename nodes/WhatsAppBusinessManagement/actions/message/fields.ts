/**
 * The fields every Message operation shares: who sends (the business number), who receives (a phone
 * number or a business-scoped user ID), the message replied to, and how sends are paced. Each comes
 * with its reader and its checks, so an operation only adds its own content fields.
 */
import type { IDataObject, IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ParameterProblem } from '../common/parameterProblem';
import { phoneNumberIdOf, phoneNumberLocator, phoneNumberProblems } from '../common/phoneNumberLocator';
import { whatsAppUserOf, type WhatsAppUserFields } from '../common/whatsAppUsers';

export const RESOURCE = 'message';

const showFor = (operations: string[], extra: NonNullable<IDisplayOptions['show']> = {}): IDisplayOptions => ({ show: { resource: [RESOURCE], operation: operations, ...extra } });

/** The business phone number that sends: list, or phone number ID. */
export function senderField(operations: string[]): INodeProperties {
	return phoneNumberLocator(RESOURCE, operations, { displayName: 'Sender', description: 'The business phone number the message is sent from' });
}

export function readSender(context: IExecuteFunctions, itemIndex: number): string {
	return phoneNumberIdOf.call(context, itemIndex);
}

export function senderProblems(context: IExecuteFunctions, itemIndex: number): ParameterProblem[] {
	return phoneNumberProblems.call(context, itemIndex, { label: 'Sender' });
}

/**
 * Phone number or business-scoped user ID. The defaults read the trigger's message items (`from`,
 * and `userId` once the trigger carries business-scoped user IDs), so a reply needs no mapping.
 */
export function recipientFields(operations: string[]): INodeProperties[] {
	return [
		{
			displayName: 'Recipient Type',
			name: 'recipientType',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Phone Number', value: 'phone', description: 'The WhatsApp user\'s phone number with country code' },
				{
					name: 'Business-Scoped User ID',
					value: 'userId',
					description: 'The ID Meta gives a user of your business (e.g. US.13491208655302741918), for users known only by username',
				},
			],
			default: 'phone',
			displayOptions: showFor(operations),
		},
		{
			displayName: 'Recipient Phone Number',
			name: 'recipientPhone',
			type: 'string',
			required: true,
			default: '={{ $json.from }}',
			placeholder: 'e.g. +1 (555) 010-2030',
			description: 'With the country code. A leading +, spaces, dashes and parentheses are removed before sending.',
			displayOptions: showFor(operations, { recipientType: ['phone'] }),
		},
		{
			displayName: 'Recipient User ID',
			name: 'recipientUserId',
			type: 'string',
			required: true,
			default: '={{ $json.userId }}',
			placeholder: 'e.g. US.13491208655302741918',
			description: 'The business-scoped user ID exactly as Meta sent it in a webhook',
			displayOptions: showFor(operations, { recipientType: ['userId'] }),
		},
	];
}

const RECIPIENT: WhatsAppUserFields = {
	type: 'recipientType',
	phone: { name: 'recipientPhone', label: 'Recipient Phone Number' },
	userId: { name: 'recipientUserId', label: 'Recipient User ID' },
};

const textParameter = (context: IExecuteFunctions, name: string, itemIndex: number) =>
	String(context.getNodeParameter(name, itemIndex, '') ?? '').trim();

/**
 * The recipient part of a send body: `to` for a phone number, `recipient` for a business-scoped
 * user ID (https://developers.facebook.com/documentation/business-messaging/whatsapp/business-scoped-user-ids).
 */
export function readRecipient(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const user = whatsAppUserOf(context, itemIndex, RECIPIENT);
	return user.userId !== undefined ? { recipient_type: 'individual', recipient: user.userId } : { recipient_type: 'individual', to: user.phone };
}

export function recipientProblems(context: IExecuteFunctions, itemIndex: number): ParameterProblem[] {
	return whatsAppUserOf(context, itemIndex, RECIPIENT).problems;
}

/**
 * Reply in context: off by default, and when on the message ID defaults to the trigger item's
 * `messageId` (the incoming message's wamid).
 */
export function replyToField(operations: string[]): INodeProperties[] {
	return [
		{
			displayName: 'Reply in Context',
			name: 'replyInContext',
			type: 'boolean',
			default: false,
			description: 'Whether the message quotes the message it answers, as a reply bubble in the chat',
			displayOptions: showFor(operations),
		},
		{
			displayName: 'Reply To Message ID',
			name: 'replyToMessageId',
			type: 'string',
			required: true,
			default: '={{ $json.messageId }}',
			placeholder: 'e.g. wamid.HBgLMTY0NjcwNDM1OTUVAgASGBQzQTRCRDcwNzg3MzQ0OEVDQkNGQQA=',
			description: 'The WhatsApp message ID (wamid) of the message answered; the trigger\'s message items carry it as messageId',
			displayOptions: showFor(operations, { replyInContext: [true] }),
		},
	];
}

export function readReplyTo(context: IExecuteFunctions, itemIndex: number): IDataObject | undefined {
	if (context.getNodeParameter('replyInContext', itemIndex, false) !== true) return undefined;
	const messageId = textParameter(context, 'replyToMessageId', itemIndex);
	return messageId ? { message_id: messageId } : undefined;
}

export function replyToProblems(context: IExecuteFunctions, itemIndex: number): ParameterProblem[] {
	if (context.getNodeParameter('replyInContext', itemIndex, false) !== true) return [];
	if (textParameter(context, 'replyToMessageId', itemIndex)) return [];
	return [{ field: 'Reply To Message ID', rule: 'is empty while Reply in Context is on', hint: 'Map the incoming message\'s ID (the trigger item\'s messageId), or turn Reply in Context off.' }];
}

/** Sender, recipient and reply-to problems: what every send checks before its own content. */
export function addressProblems(context: IExecuteFunctions, itemIndex: number): ParameterProblem[] {
	return [...senderProblems(context, itemIndex), ...recipientProblems(context, itemIndex), ...replyToProblems(context, itemIndex)];
}

/** The body's recipient and reply context, which every message send starts from. */
export function readAddress(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const replyTo = readReplyTo(context, itemIndex);
	return { ...readRecipient(context, itemIndex), ...(replyTo ? { context: replyTo } : {}) };
}

/** The body text of interactive and Flow messages: up to 1,024 characters (interactive.ts LIMITS). */
export function bodyTextField(operations: string[]): INodeProperties {
	return {
		displayName: 'Body Text',
		name: 'bodyText',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '',
		description: 'Up to 1,024 characters',
		displayOptions: showFor(operations),
	};
}
