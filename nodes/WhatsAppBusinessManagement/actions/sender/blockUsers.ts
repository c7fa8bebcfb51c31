/**
 * Meta's Block Users API (https://developers.facebook.com/documentation/business-messaging/whatsapp/block-users):
 * POST, DELETE and GET /{phone-number-id}/block_users. A blocked user cannot reach the number and
 * the number cannot message them. Only users who messaged the number in the last 24 hours can be
 * blocked; unblocking has no such rule. A user is named by phone number (`user`) or business-scoped
 * user ID (`user_id`). Each item here is one user and one request, so a refusal is that item's.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { graphRequest, type GraphErrorBody, type GraphErrorExplanation } from '../../../shared/graph';
import type { ParameterProblem } from '../common/parameterProblem';
import { phoneNumberIdOf, phoneNumberLocator, phoneNumberProblems } from '../common/phoneNumberLocator';
import { whatsAppUserOf, type WhatsAppUserFields } from '../common/whatsAppUsers';

const show = (operation: string, extra: IDataObject = {}) => ({ show: { resource: ['sender'], operation: [operation], ...extra } });

/** The business number, and the user to block or unblock (the trigger item's sender by default). */
export function blockFields(operation: string): INodeProperties[] {
	return [
		phoneNumberLocator('sender', [operation], { displayName: 'Business Phone Number', description: 'The number whose blocklist changes' }),
		{
			displayName: 'User Type',
			name: 'blockUserType',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Phone Number', value: 'phone' },
				{ name: 'Business-Scoped User ID', value: 'userId', description: 'For users Meta knows only by username' },
			],
			default: 'phone',
			displayOptions: show(operation),
		},
		{
			displayName: 'User Phone Number',
			name: 'blockUserPhone',
			type: 'string',
			required: true,
			default: '={{ $json.from }}',
			placeholder: 'e.g. +1 (555) 010-2030',
			description: 'With the country code. A leading +, spaces, dashes and parentheses are removed before sending.',
			displayOptions: show(operation, { blockUserType: ['phone'] }),
		},
		{
			displayName: 'User ID',
			name: 'blockUserId',
			type: 'string',
			required: true,
			default: '={{ $json.userId }}',
			placeholder: 'e.g. US.13491208655302741918',
			description: 'The business-scoped user ID exactly as Meta sent it in a webhook',
			displayOptions: show(operation, { blockUserType: ['userId'] }),
		},
	];
}

const BLOCKED_USER: WhatsAppUserFields = {
	type: 'blockUserType',
	phone: { name: 'blockUserPhone', label: 'User Phone Number' },
	userId: { name: 'blockUserId', label: 'User ID' },
};

export function blockProblems(this: IExecuteFunctions, itemIndex: number): ParameterProblem[] {
	return [...phoneNumberProblems.call(this, itemIndex, { label: 'Business Phone Number' }), ...whatsAppUserOf(this, itemIndex, BLOCKED_USER).problems];
}

/** One entry of `block_users`: `{user: digits}` or `{user_id}`. */
function userEntry(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const user = whatsAppUserOf(context, itemIndex, BLOCKED_USER);
	return user.userId !== undefined ? { user_id: user.userId } : { user: user.phone };
}

/**
 * A mixed answer (139100) carries each user's own error; with one user a request, that is the
 * reason. Meta's sample writes the code as text ("<CODE>"), its table as an integer: both are read.
 */
export function failedUserError(body: IDataObject): GraphErrorBody | undefined {
	const failed = (body.block_users as IDataObject | undefined)?.failed_users;
	const first = Array.isArray(failed) ? (failed[0] as IDataObject | undefined) : undefined;
	const error = Array.isArray(first?.errors) ? (first.errors[0] as GraphErrorBody | undefined) : undefined;
	if (!error || typeof error !== 'object') return undefined;
	const code = Number(error.code);
	return Number.isInteger(code) ? { ...error, code } : error;
}

/** 131047 means something else here than on a send (the shared hint says to send a template). */
const BLOCK_EXPLAINED: Record<number, GraphErrorExplanation> = {
	131047: {
		message: 'Meta error 131047: this user has not messaged the number in the last 24 hours, or is not a WhatsApp user',
		description: 'Meta blocks only users who wrote to this business number in the last 24 hours. Block the user the next time they write (for example from the trigger).',
	},
};

/** Blocks (POST) or unblocks (DELETE) the item's user; the answer's entry for that user. */
export async function changeBlocklist(this: IExecuteFunctions, itemIndex: number, method: 'POST' | 'DELETE'): Promise<IDataObject> {
	const phoneNumberId = phoneNumberIdOf.call(this, itemIndex);
	const response = (await graphRequest.call(this, {
		method,
		path: `/${phoneNumberId}/block_users`,
		body: { messaging_product: 'whatsapp', block_users: [userEntry(this, itemIndex)] },
		// Blocking or unblocking twice leaves the same list.
		idempotent: true,
		errorOf: failedUserError,
		explain: method === 'POST' ? BLOCK_EXPLAINED : undefined,
		itemIndex,
	})) as IDataObject;
	const lists = (response.block_users as IDataObject | undefined) ?? {};
	const done = (method === 'POST' ? lists.added_users : lists.removed_users) as IDataObject[] | undefined;
	const user = done?.[0] ?? {};
	return { ...(method === 'POST' ? { blocked: true } : { unblocked: true }), ...user, phone_number_id: phoneNumberId };
}
