/**
 * How Meta names a WhatsApp user: a phone number with its country code, or a business-scoped user
 * ID. Message sends and Sender's blocklist both take one.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import type { ParameterProblem } from './parameterProblem';

type Problem = Omit<ParameterProblem, 'field'>;

/**
 * Meta accepts a phone number with its country calling code; "+", hyphens, parentheses and spaces
 * are allowed in send requests and are dropped here so the request carries digits only
 * (https://developers.facebook.com/docs/whatsapp/cloud-api/reference/phone-numbers#phone-number-formats).
 * E.164 numbers have at most 15 digits; the shortest in use have 7 with their country code.
 */
export function normalizeRecipientPhone(raw: string): { digits?: string; problem?: Problem } {
	const text = raw.trim();
	if (!text) return { problem: { rule: 'is empty', hint: 'Map the WhatsApp user\'s phone number (the trigger item\'s from), with country code.' } };
	if (!/^\+?[\d\s().-]+$/.test(text)) {
		return { problem: { rule: `must be a phone number with country code (digits, with an optional +, spaces, dashes or parentheses), not "${text}"` } };
	}
	const digits = text.replace(/\D/g, '');
	if (text.startsWith('00') || (!text.startsWith('+') && digits.startsWith('0'))) {
		return {
			problem: {
				rule: `must start with the country code, not "${text}"`,
				hint: 'Write the number as +<country code><number>, e.g. +44 7700 900123 instead of 07700 900123 or 0044 7700 900123.',
			},
		};
	}
	if (digits.length < 7 || digits.length > 15) {
		return { problem: { rule: `must have 7 to 15 digits with its country code (E.164), not ${digits.length} ("${text}")` } };
	}
	return { digits };
}

/**
 * A business-scoped user ID is an ISO 3166 country code, a period and alphanumeric characters
 * (US.13491208655302741918); a parent one adds ENT (US.ENT.11815799212886844830). Meta asks to send
 * it back exactly as received, so only the shape is checked
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/business-scoped-user-ids).
 */
export function userIdProblem(raw: string): Problem | undefined {
	const text = raw.trim();
	if (!text) return { rule: 'is empty', hint: 'Map the user ID from the trigger item (userId), or send to the phone number instead.' };
	if (/^[A-Z]{2}\.(?:ENT\.)?[A-Za-z0-9]{1,128}$/.test(text)) return undefined;
	return { rule: `must be a business-scoped user ID such as US.13491208655302741918, not "${text}"` };
}

/** An operation's fields that name a WhatsApp user: the type field, then the phone and user-ID fields and their labels. */
export interface WhatsAppUserFields {
	type: string;
	phone: { name: string; label: string };
	userId: { name: string; label: string };
}

/** The user an item's fields name (a phone number as digits, or a user ID) and what is wrong with it. */
export function whatsAppUserOf(
	context: IExecuteFunctions,
	itemIndex: number,
	fields: WhatsAppUserFields,
): { phone?: string; userId?: string; problems: ParameterProblem[] } {
	const text = (name: string) => String(context.getNodeParameter(name, itemIndex, '') ?? '').trim();
	if (String(context.getNodeParameter(fields.type, itemIndex, 'phone')) === 'userId') {
		const userId = text(fields.userId.name);
		const problem = userIdProblem(userId);
		return { userId, problems: problem ? [{ field: fields.userId.label, ...problem }] : [] };
	}
	const phone = normalizeRecipientPhone(text(fields.phone.name));
	return { phone: phone.digits ?? '', problems: phone.problem ? [{ field: fields.phone.label, ...phone.problem }] : [] };
}
