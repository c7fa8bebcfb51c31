import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ParameterProblem } from '../common/parameterProblem';
import type { MediaKind } from '../media/graph';
import { addressProblems, readAddress, readSender, recipientFields, replyToField, RESOURCE, senderField } from './fields';
import { buildInteractive, interactiveProblems, type InteractiveHeader, type InteractiveInput, type InteractiveKind, type ListRow } from './interactive';
import { mediaSourceFields, mediaSourceNames, mediaSourceProblems, readMedia } from './mediaSource';
import { sendMessage } from './send';
import { sendingOptionsField, sendingOptionsProblems } from './sendingOptions';

const OPERATION = 'sendInteractive';
const show = { resource: [RESOURCE], operation: [OPERATION] };
const HEADER_SOURCE = mediaSourceNames('header', 'Header');
const MEDIA_HEADERS = ['image', 'video', 'document'];

export const option = {
	name: 'Send Interactive',
	value: OPERATION,
	description: 'Send reply buttons, a list, or a call-to-action URL button',
	action: 'Send an interactive message',
};

const contentFields: INodeProperties[] = [
	{
		displayName: 'Interactive Type',
		name: 'interactiveType',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Call-to-Action URL', value: 'ctaUrl', description: 'One button that opens a URL' },
			{ name: 'List', value: 'list', description: 'A button that opens a list of up to 10 rows in sections' },
			{ name: 'Reply Buttons', value: 'buttons', description: 'Up to 3 buttons the user taps to answer' },
		],
		default: 'buttons',
		displayOptions: { show },
	},
	{
		displayName: 'Header Type',
		name: 'headerType',
		type: 'options',
		options: [
			{ name: 'Document', value: 'document' },
			{ name: 'Image', value: 'image' },
			{ name: 'None', value: 'none' },
			{ name: 'Text', value: 'text' },
			{ name: 'Video', value: 'video' },
		],
		default: 'none',
		description: 'A list takes a text header only',
		displayOptions: { show },
	},
	{
		displayName: 'Header Text',
		name: 'headerText',
		type: 'string',
		required: true,
		default: '',
		description: 'Up to 60 characters',
		displayOptions: { show: { ...show, headerType: ['text'] } },
	},
	...mediaSourceFields(HEADER_SOURCE, { ...show, headerType: MEDIA_HEADERS }),
	{
		displayName: 'Body Text',
		name: 'bodyText',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '',
		description: 'Up to 1,024 characters',
		displayOptions: { show },
	},
	{
		displayName: 'Footer Text',
		name: 'footerText',
		type: 'string',
		default: '',
		description: 'Up to 60 characters',
		displayOptions: { show },
	},
];

const actionFields: INodeProperties[] = [
	{
		displayName: 'Buttons',
		name: 'replyButtons',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, maxAllowedFields: 3 },
		placeholder: 'Add button',
		default: {},
		displayOptions: { show: { ...show, interactiveType: ['buttons'] } },
		options: [
			{
				displayName: 'Button',
				name: 'button',
				values: [
					{ displayName: 'Title', name: 'title', type: 'string', default: '', description: 'Up to 20 characters, unique in the message' },
					{ displayName: 'ID', name: 'id', type: 'string', default: '', description: 'Returned in the reply webhook; up to 256 characters, unique in the message' },
				],
			},
		],
	},
	{
		displayName: 'List Button Text',
		name: 'listButton',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. See options',
		description: 'The button that opens the list, up to 20 characters',
		displayOptions: { show: { ...show, interactiveType: ['list'] } },
	},
	{
		displayName: 'Rows',
		name: 'listRows',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, maxAllowedFields: 10 },
		placeholder: 'Add row',
		default: {},
		description: 'Rows with the same Section are shown together under that title, in the order the sections first appear',
		displayOptions: { show: { ...show, interactiveType: ['list'] } },
		options: [
			{
				displayName: 'Row',
				name: 'row',
				values: [
					{ displayName: 'Section', name: 'section', type: 'string', default: '', description: 'Section title, up to 24 characters; needed when the list has several sections' },
					{ displayName: 'Title', name: 'title', type: 'string', default: '', description: 'Up to 24 characters' },
					{ displayName: 'ID', name: 'id', type: 'string', default: '', description: 'Returned in the reply webhook; up to 200 characters, unique in the message' },
					{ displayName: 'Description', name: 'description', type: 'string', default: '', description: 'Up to 72 characters' },
				],
			},
		],
	},
	{
		displayName: 'Button Text',
		name: 'ctaDisplayText',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. See dates',
		description: 'Up to 20 characters',
		displayOptions: { show: { ...show, interactiveType: ['ctaUrl'] } },
	},
	{
		displayName: 'Button URL',
		name: 'ctaUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://example.com/book',
		displayOptions: { show: { ...show, interactiveType: ['ctaUrl'] } },
	},
];

export const description: INodeProperties[] = [
	senderField([OPERATION]),
	...recipientFields([OPERATION]),
	...contentFields,
	...actionFields,
	...replyToField([OPERATION]),
	sendingOptionsField([OPERATION]),
];

const text = (context: IExecuteFunctions, name: string, itemIndex: number) => String(context.getNodeParameter(name, itemIndex, '') ?? '');
const entries = (context: IExecuteFunctions, name: string, key: string, itemIndex: number) =>
	(((context.getNodeParameter(name, itemIndex, {}) as IDataObject)[key] as IDataObject[] | undefined) ?? []).map((entry) =>
		Object.fromEntries(Object.entries(entry).map(([field, value]) => [field, String(value ?? '')])),
	);

/** The message's fields as plain data; `media` is the header's media object once known. */
function readInput(context: IExecuteFunctions, itemIndex: number, media: IDataObject = {}): InteractiveInput {
	const kind = String(context.getNodeParameter('interactiveType', itemIndex, 'buttons')) as InteractiveKind;
	const headerType = String(context.getNodeParameter('headerType', itemIndex, 'none'));
	let header: InteractiveHeader | undefined;
	if (headerType === 'text') header = { type: 'text', text: text(context, 'headerText', itemIndex) };
	else if (MEDIA_HEADERS.includes(headerType)) header = { type: headerType as 'image', media };
	const input: InteractiveInput = { kind, header, body: text(context, 'bodyText', itemIndex), footer: text(context, 'footerText', itemIndex) };
	if (kind === 'buttons') input.buttons = entries(context, 'replyButtons', 'button', itemIndex) as Array<{ id: string; title: string }>;
	if (kind === 'list') {
		input.listButton = text(context, 'listButton', itemIndex);
		input.rows = entries(context, 'listRows', 'row', itemIndex) as unknown as ListRow[];
	}
	if (kind === 'ctaUrl') input.cta = { displayText: text(context, 'ctaDisplayText', itemIndex), url: text(context, 'ctaUrl', itemIndex) };
	return input;
}

export async function validate(this: IExecuteFunctions, itemIndex: number): Promise<ParameterProblem[]> {
	const input = readInput(this, itemIndex);
	const headerType = input.header?.type;
	const media = headerType && headerType !== 'text' && input.kind !== 'list' ? await mediaSourceProblems(this, HEADER_SOURCE, headerType as MediaKind, itemIndex) : [];
	return [...addressProblems(this, itemIndex), ...interactiveProblems(input), ...media, ...sendingOptionsProblems(this, itemIndex)];
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const phoneNumberId = readSender(this, itemIndex);
	const headerType = String(this.getNodeParameter('headerType', itemIndex, 'none'));
	const media = MEDIA_HEADERS.includes(headerType) ? await readMedia(this, HEADER_SOURCE, phoneNumberId, itemIndex) : undefined;
	const interactive = buildInteractive(readInput(this, itemIndex, media));
	return await sendMessage.call(this, itemIndex, {
		phoneNumberId,
		path: 'messages',
		body: { ...readAddress(this, itemIndex), type: 'interactive', interactive },
	});
}
