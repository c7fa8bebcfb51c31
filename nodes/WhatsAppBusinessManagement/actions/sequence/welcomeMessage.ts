import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ParameterProblem } from '../common/parameterProblem';
import { buildWelcomeMessage, parseWelcomeMessageJson, type WelcomeMessage } from './rules';

/** The welcome message of the "Fields" or "JSON" mode, with what is wrong with it. */
export function readWelcomeMessage(
	this: IExecuteFunctions,
	itemIndex: number,
	defineUsing: string,
): { message?: WelcomeMessage; problems: ParameterProblem[] } {
	if (defineUsing === 'json') return parseWelcomeMessageJson(this.getNodeParameter('welcomeMessageJson', itemIndex, '') as unknown);
	const iceBreakers = this.getNodeParameter('iceBreakers', itemIndex, {}) as { iceBreaker?: Array<{ title?: string }> };
	return buildWelcomeMessage({
		text: this.getNodeParameter('text', itemIndex, '') as string,
		autofillMessage: this.getNodeParameter('autofillMessage', itemIndex, '') as string,
		iceBreakerTitles: (iceBreakers.iceBreaker ?? []).map((entry) => entry.title ?? ''),
	});
}

/** "Define Using": how the welcome message is entered; Update adds "Don't Change", its default. */
function defineUsingField(operation: 'create' | 'update'): INodeProperties {
	const field: INodeProperties = {
		displayName: 'Define Using',
		name: 'defineUsing',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Fields', value: 'fields', description: 'Text, prefilled message and ice breakers as separate fields' },
			{ name: 'JSON', value: 'json', description: 'Meta\'s welcome_message_sequence object as JSON' },
		],
		default: 'fields',
		description: 'How to enter the welcome message',
		displayOptions: { show: { resource: ['sequence'], operation: [operation] } },
	};
	if (operation === 'create') return field;
	return {
		...field,
		options: [
			{ name: 'Don\'t Change', value: 'keep', description: 'Keep the current welcome message' },
			{ name: 'Fields', value: 'fields', description: 'Replace it: text, prefilled message and ice breakers as fields' },
			{ name: 'JSON', value: 'json', description: 'Replace it with Meta\'s welcome_message_sequence object as JSON' },
		],
		default: 'keep',
		description: 'Whether and how to replace the welcome message',
	};
}

/**
 * The welcome message fields shared by Create and Update: how it is defined, then its text, the
 * prefilled ("autofill") message the customer sends with one tap, and ice breakers (FAQ buttons);
 * or the whole object as JSON.
 */
export function welcomeMessageFields(operation: 'create' | 'update'): INodeProperties[] {
	const show = (defineUsing: string) => ({
		show: { resource: ['sequence'], operation: [operation], defineUsing: [defineUsing] },
	});
	return [
		defineUsingField(operation),
		{
			displayName: 'Text',
			name: 'text',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			placeholder: 'Hi! Thanks for your interest. How can we help?',
			description: 'The welcome text the customer sees when the chat opens from the ad',
			displayOptions: show('fields'),
		},
		{
			displayName: 'Prefilled Message',
			name: 'autofillMessage',
			type: 'string',
			default: '',
			placeholder: 'Hello! Can I get more info on this?',
			description:
				'The message typed into the customer\'s input box, ready to send with one tap (Meta\'s autofill_message.content)',
			displayOptions: show('fields'),
		},
		{
			displayName: 'Ice Breakers',
			name: 'iceBreakers',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Ice Breaker',
			default: {},
			description: 'Quick-reply questions (FAQs) shown as buttons under the welcome message',
			displayOptions: show('fields'),
			options: [
				{
					displayName: 'Ice Breaker',
					name: 'iceBreaker',
					values: [
						{
							displayName: 'Title',
							name: 'title',
							type: 'string',
							default: '',
							placeholder: 'What does it cost?',
							description: 'The question on the button; tapping it sends this text',
						},
					],
				},
			],
		},
		{
			displayName: 'Welcome Message (JSON)',
			name: 'welcomeMessageJson',
			type: 'json',
			default: '{\n  "text": "Hi! How can we help?",\n  "autofill_message": { "content": "Hello! Can I get more info on this?" },\n  "ice_breakers": [{ "title": "Prices" }, { "title": "Opening hours" }]\n}',
			description:
				'Meta\'s welcome_message_sequence object, with keys such as text, autofill_message.content and ice_breakers[].title',
			displayOptions: show('json'),
		},
	];
}
