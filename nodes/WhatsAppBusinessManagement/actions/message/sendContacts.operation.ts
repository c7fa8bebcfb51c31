import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fixedCollectionEntries } from '../common/collections';
import type { ParameterProblem } from '../common/parameterProblem';
import { addressProblems, readAddress, readSender, recipientFields, replyToField, RESOURCE, senderField } from './fields';
import { sendMessage } from './send';
import { sendingOptionsField, sendingOptionsProblems } from './sendingOptions';

const OPERATION = 'sendContacts';
const show = { resource: [RESOURCE], operation: [OPERATION] };

/**
 * Contacts messages: up to 257 contact cards, each with a formatted name; phone types CELL, MAIN,
 * IPHONE, HOME, WORK; birthday as YYYY-MM-DD
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/contacts-messages).
 */
export const CONTACTS_MAX = 257;
const PHONE_TYPES = ['CELL', 'MAIN', 'IPHONE', 'HOME', 'WORK'];

export const option = {
	name: 'Send Contacts',
	value: OPERATION,
	description: 'Send contact cards the user can save or message, e.g. your sales rep',
	action: 'Send contact cards',
};

const text = (name: string, displayName: string, description: string, placeholder = ''): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	placeholder,
	description,
});

export const description: INodeProperties[] = [
	senderField([OPERATION]),
	...recipientFields([OPERATION]),
	{
		displayName: 'Contacts',
		name: 'contacts',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add contact',
		required: true,
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Contact',
				name: 'contact',
				values: [
					{ ...text('formattedName', 'Formatted Name', 'Required: the name the card shows', 'e.g. Barbara J. Johnson'), required: true },
					text('firstName', 'First Name', 'Optional'),
					text('lastName', 'Last Name', 'Optional'),
					text('phone', 'Phone', 'Optional; as it should be shown, e.g. +1 (940) 555-1234'),
					{
						displayName: 'Phone Type',
						name: 'phoneType',
						type: 'options',
						options: PHONE_TYPES.map((type) => ({ name: type === 'IPHONE' ? 'iPhone' : type.charAt(0) + type.slice(1).toLowerCase(), value: type })),
						default: 'CELL',
					},
					text('waId', 'WhatsApp ID', "Optional; the phone's WhatsApp ID (digits). With it the card offers a Message button", 'e.g. 19175559999'),
					text('email', 'Email', 'Optional', 'e.g. name@example.com'),
					text('company', 'Company', 'Optional'),
					text('title', 'Job Title', 'Optional'),
					text('url', 'Website', 'Optional', 'e.g. https://www.example.com'),
					text('birthday', 'Birthday', 'Optional; YYYY-MM-DD', 'e.g. 1999-01-23'),
				],
			},
		],
	},
	...replyToField([OPERATION]),
	sendingOptionsField([OPERATION]),
];

export type ContactEntry = Partial<Record<'formattedName' | 'firstName' | 'lastName' | 'phone' | 'phoneType' | 'waId' | 'email' | 'company' | 'title' | 'url' | 'birthday', string>>;

const trimmed = (value: string | undefined) => (value ?? '').trim();

/** Each card needs its formatted name; a birthday is a real YYYY-MM-DD date; at most 257 cards. */
export function contactsProblems(entries: ContactEntry[]): ParameterProblem[] {
	if (entries.length === 0) return [{ field: 'Contacts', rule: 'has no contact; add 1 to 257' }];
	if (entries.length > CONTACTS_MAX) return [{ field: 'Contacts', rule: `has ${entries.length} contacts; Meta allows at most ${CONTACTS_MAX}` }];
	return entries.flatMap((entry, index) => {
		const where = `Contacts > Contact ${index + 1}`;
		const problems: ParameterProblem[] = [];
		if (!trimmed(entry.formattedName)) problems.push({ field: `${where} > Formatted Name`, rule: 'is required' });
		const birthday = trimmed(entry.birthday);
		if (birthday && !(/^\d{4}-\d{2}-\d{2}$/.test(birthday) && new Date(`${birthday}T00:00:00Z`).toISOString().startsWith(birthday))) {
			problems.push({ field: `${where} > Birthday`, rule: `must be a date as YYYY-MM-DD, not "${birthday}"` });
		}
		if (trimmed(entry.waId) && !/^\d{7,15}$/.test(trimmed(entry.waId))) problems.push({ field: `${where} > WhatsApp ID`, rule: 'must be 7 to 15 digits' });
		return problems;
	});
}

/** One of Meta's contact objects: only the parts the entry fills in. */
export function contactOf(entry: ContactEntry): IDataObject {
	const name: IDataObject = { formatted_name: trimmed(entry.formattedName) };
	if (trimmed(entry.firstName)) name.first_name = trimmed(entry.firstName);
	if (trimmed(entry.lastName)) name.last_name = trimmed(entry.lastName);
	const contact: IDataObject = { name };
	if (trimmed(entry.phone) || trimmed(entry.waId)) {
		const phone = trimmed(entry.phone) || trimmed(entry.waId);
		contact.phones = [{ phone, type: entry.phoneType || 'CELL', ...(trimmed(entry.waId) ? { wa_id: trimmed(entry.waId) } : {}) }];
	}
	if (trimmed(entry.email)) contact.emails = [{ email: trimmed(entry.email) }];
	if (trimmed(entry.company) || trimmed(entry.title)) {
		contact.org = { ...(trimmed(entry.company) ? { company: trimmed(entry.company) } : {}), ...(trimmed(entry.title) ? { title: trimmed(entry.title) } : {}) };
	}
	if (trimmed(entry.url)) contact.urls = [{ url: trimmed(entry.url) }];
	if (trimmed(entry.birthday)) contact.birthday = trimmed(entry.birthday);
	return contact;
}

const entriesOf = (context: IExecuteFunctions, itemIndex: number): ContactEntry[] => fixedCollectionEntries(context, 'contacts', 'contact', itemIndex);

export function validate(this: IExecuteFunctions, itemIndex: number): ParameterProblem[] {
	return [...addressProblems(this, itemIndex), ...contactsProblems(entriesOf(this, itemIndex)), ...sendingOptionsProblems(this, itemIndex)];
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return await sendMessage.call(this, itemIndex, {
		phoneNumberId: readSender(this, itemIndex),
		path: 'messages',
		body: { ...readAddress(this, itemIndex), type: 'contacts', contacts: entriesOf(this, itemIndex).map(contactOf) },
	});
}
