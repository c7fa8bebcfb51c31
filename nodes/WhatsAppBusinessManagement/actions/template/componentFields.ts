import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import type { ButtonInput, HeaderType } from './build';

/**
 * Inside a button entry, a field shows only for the button types that use it. `type` and
 * `flowAction` are the entry's own fields (n8n reads a key without a leading `/` at the entry's level).
 */
const forTypes = (...types: ButtonInput['type'][]) => ({ show: { type: types } });

/** One button's fields: the type, then only what that type takes. */
const BUTTON_VALUES: INodeProperties[] = [
	{
		displayName: 'Type',
		name: 'type',
		type: 'options',
		options: [
			{ name: 'Copy Code', value: 'copyCode', description: 'Copies a code, such as a coupon, to the customer\'s clipboard' },
			{ name: 'Flow', value: 'flow', description: 'Opens a WhatsApp Flow' },
			{ name: 'Phone Number', value: 'phoneNumber', description: 'Calls a phone number' },
			{ name: 'Quick Reply', value: 'quickReply', description: 'Sends its text back as the customer\'s reply' },
			{ name: 'URL', value: 'url', description: 'Opens a web address' },
			{ name: 'View Product', value: 'spm', description: 'Opens the product of a Product header, to add it to the cart (the only button of a single-product template)' },
		],
		default: 'quickReply',
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		default: '',
		description: 'The button label, up to 25 characters',
		displayOptions: forTypes('quickReply', 'url', 'phoneNumber', 'flow', 'spm'),
	},
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://example.com/track/{{1}}',
		description: 'At most one variable, {{1}}, at the end',
		displayOptions: forTypes('url'),
	},
	{
		displayName: 'URL Example',
		name: 'urlExample',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://example.com/track/AB123',
		description: 'For a URL with a variable: the full address with a sample value, or only the sample value (e.g. AB123)',
		displayOptions: forTypes('url'),
	},
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		default: '',
		placeholder: 'e.g. +15550051234',
		description: 'The number to call, with the country code',
		displayOptions: forTypes('phoneNumber'),
	},
	{
		displayName: 'Code Example',
		name: 'code',
		type: 'string',
		default: '',
		placeholder: 'e.g. SUMMER25',
		description: 'A sample code, up to 15 characters',
		displayOptions: forTypes('copyCode'),
	},
	{ displayName: 'Flow ID', name: 'flowId', type: 'string', default: '', description: 'The flow the button opens', displayOptions: forTypes('flow') },
	{
		displayName: 'Flow Action',
		name: 'flowAction',
		type: 'options',
		options: [
			{ name: 'Data Exchange', value: 'data_exchange' },
			{ name: 'Navigate', value: 'navigate' },
		],
		default: 'navigate',
		description: 'Open a screen, or call the flow\'s endpoint',
		displayOptions: forTypes('flow'),
	},
	{
		displayName: 'Navigate Screen',
		name: 'navigateScreen',
		type: 'string',
		default: '',
		description: 'The ID of the screen the flow opens on',
		displayOptions: { show: { type: ['flow'], flowAction: ['navigate'] } },
	},
];

type Show = IDisplayOptions['show'];

/** How the variables are written, and whether the components come from the fields below or JSON. */
function sourceFields(show: Show): INodeProperties[] {
	return [
	{
		displayName: 'Parameter Format',
		name: 'parameterFormat',
		type: 'options',
		options: [
			{ name: 'Named', value: 'NAMED', description: 'Variables have lowercase names, like {{order_id}}' },
			{ name: 'Positional', value: 'POSITIONAL', description: 'Variables are numbered in order, like {{1}} and {{2}}' },
		],
		default: 'POSITIONAL',
		description: 'How the variables in the header and body are written',
		displayOptions: { show },
	},
	{
		displayName: 'Define Components',
		name: 'componentsSource',
		type: 'options',
		options: [
			{ name: 'Using Fields Below', value: 'builder' },
			{ name: 'Using JSON', value: 'json' },
		],
		default: 'builder',
		displayOptions: { show },
	},
	{
		displayName: 'Components (JSON)',
		name: 'componentsJson',
		type: 'json',
		default: '[\n  {\n    "type": "BODY",\n    "text": "Hello {{1}}, your order is ready.",\n    "example": { "body_text": [["Maria"]] }\n  }\n]',
		description: 'Meta\'s components array: HEADER, BODY, FOOTER, BUTTONS, and in marketing templates a CAROUSEL of 2 to 10 cards. Every rule is checked before sending.',
		displayOptions: { show: { ...show, componentsSource: ['json'] } },
	},
	];
}

function headerFields(show: Show): INodeProperties[] {
	const builder = { show: { ...show, componentsSource: ['builder'] } };
	const header = (types: HeaderType[]) => ({ show: { ...show, componentsSource: ['builder'], headerType: types } });
	const mediaHeader = header(['image', 'video', 'document']);
	return [
	{
		displayName: 'Header',
		name: 'headerType',
		type: 'options',
		options: [
			{ name: 'Document', value: 'document', description: 'A PDF; its sample is uploaded to Meta' },
			{ name: 'Image', value: 'image', description: 'A JPEG or PNG; its sample is uploaded to Meta' },
			{ name: 'Location', value: 'location', description: 'A map pin, set when sending (utility and marketing only)' },
			{ name: 'None', value: 'none' },
			{ name: 'Product', value: 'product', description: 'A product from your catalog, named when sending (marketing only; add a View Product button)' },
			{ name: 'Text', value: 'text', description: 'Up to 60 characters with at most one variable' },
			{ name: 'Video', value: 'video', description: 'An MP4; its sample is uploaded to Meta' },
		],
		default: 'none',
		displayOptions: builder,
	},
	{
		displayName: 'Header Text',
		name: 'headerText',
		type: 'string',
		default: '',
		placeholder: 'e.g. Your order {{1}}',
		description: 'Up to 60 characters; at most one variable',
		displayOptions: header(['text']),
	},
	{
		displayName: 'Header Variable Example',
		name: 'headerExample',
		type: 'string',
		default: '',
		placeholder: 'e.g. #10293',
		description: 'A sample value for the header variable, shown to Meta\'s reviewers. Required when the header has a variable.',
		displayOptions: header(['text']),
	},
	{
		displayName: 'Sample File From',
		name: 'headerSampleSource',
		type: 'options',
		options: [
			{ name: 'Binary Property', value: 'binary', description: 'A file in the input item' },
			{ name: 'URL', value: 'url', description: 'A public address the node downloads the file from' },
		],
		default: 'binary',
		description: 'Meta needs a sample of the header media; the node uploads it with the Resumable Upload API (needs the App ID in the credential)',
		displayOptions: mediaHeader,
	},
	{
		displayName: 'Input Binary Field',
		name: 'headerBinaryProperty',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field holding the sample file',
		displayOptions: { show: { ...mediaHeader.show, headerSampleSource: ['binary'] } },
	},
	{
		displayName: 'Sample File URL',
		name: 'headerSampleUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://example.com/banner.png',
		displayOptions: { show: { ...mediaHeader.show, headerSampleSource: ['url'] } },
	},
	];
}

function bodyFooterAndButtonFields(show: Show): INodeProperties[] {
	const builder = { show: { ...show, componentsSource: ['builder'] } };
	return [
	{
		displayName: 'Body Text',
		name: 'bodyText',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		placeholder: 'e.g. Hi {{1}}, your order {{2}} has shipped.',
		description: 'Up to 1,024 characters. A variable may not start or end the text.',
		displayOptions: builder,
	},
	{
		displayName: 'Body Variable Examples',
		name: 'bodyExamples',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Example',
		default: {},
		description: 'One sample value per body variable, shown to Meta\'s reviewers',
		displayOptions: builder,
		options: [
			{
				displayName: 'Example',
				name: 'example',
				values: [
					{
						displayName: 'Variable',
						name: 'variable',
						type: 'string',
						default: '',
						placeholder: 'e.g. 1 or order_id',
						description: 'The variable\'s number (positional) or name (named), without braces',
					},
					{ displayName: 'Value', name: 'value', type: 'string', default: '', placeholder: 'e.g. Maria' },
				],
			},
		],
	},
	{
		displayName: 'Footer Text',
		name: 'footerText',
		type: 'string',
		default: '',
		description: 'Optional. Up to 60 characters, no variables.',
		displayOptions: builder,
	},
	{
		displayName: 'Buttons',
		name: 'buttons',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Button',
		default: {},
		description: 'Up to 10 buttons: quick replies kept together, at most 2 URL, 1 phone number and 1 copy code button',
		displayOptions: builder,
		options: [
			{
				displayName: 'Button',
				name: 'button',
				values: BUTTON_VALUES,
			},
		],
	},
	];
}

/**
 * The component fields: a builder (header, body, footer, buttons) or raw JSON. `show` narrows them
 * to one operation (and, for Edit, to "Update Components").
 */
export function componentFields(show: Show): INodeProperties[] {
	return [...sourceFields(show), ...headerFields(show), ...bodyFooterAndButtonFields(show)];
}
