import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fixedCollectionEntries } from '../common/collections';
import type { ParameterProblem } from '../common/parameterProblem';
import type { MediaKind } from '../media/graph';
import { addressProblems, bodyTextField, readAddress, readSender, recipientFields, replyToField, RESOURCE, senderField } from './fields';
import { buildInteractive, interactiveProblems, type InteractiveHeader, type InteractiveInput, type InteractiveKind, type ListRow } from './interactive';
import { mediaSourceFields, mediaSourceNames, mediaSourceProblems, readMedia } from './mediaSource';
import { sendMessage } from './send';
import { sendingOptionsField, sendingOptionsProblems } from './sendingOptions';

const OPERATION = 'sendInteractive';
const show = { resource: [RESOURCE], operation: [OPERATION] };
const HEADER_SOURCE = mediaSourceNames('header', 'Header');
const MEDIA_HEADERS = ['image', 'video', 'document'];
/** The kinds whose header the user picks; catalog and product messages have Meta's own. */
const WITH_HEADER_TYPE: InteractiveKind[] = ['buttons', 'list', 'ctaUrl'];

export const option = {
	name: 'Send Interactive',
	value: OPERATION,
	description: 'Send reply buttons, a list, a call-to-action URL button, a location request, or products of your catalog',
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
			{ name: 'Catalog', value: 'catalog', description: 'A View catalog button that opens your whole catalog' },
			{ name: 'List', value: 'list', description: 'A button that opens a list of up to 10 rows in sections' },
			{ name: 'Location Request', value: 'locationRequest', description: 'A Send location button: the user\'s location arrives as a location message' },
			{ name: 'Product', value: 'product', description: 'One product of your catalog, to view and add to the cart' },
			{ name: 'Products', value: 'productList', description: 'Up to 30 products of your catalog in up to 10 sections' },
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
		displayOptions: { show: { ...show, interactiveType: WITH_HEADER_TYPE } },
	},
	{
		displayName: 'Header Text',
		name: 'headerText',
		type: 'string',
		required: true,
		default: '',
		description: 'Up to 60 characters',
		displayOptions: { show: { ...show, interactiveType: WITH_HEADER_TYPE, headerType: ['text'] } },
	},
	{
		displayName: 'Header Text',
		name: 'productsHeaderText',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Our helmets',
		description: 'Up to 60 characters',
		displayOptions: { show: { ...show, interactiveType: ['productList'] } },
	},
	...mediaSourceFields(HEADER_SOURCE, { ...show, interactiveType: WITH_HEADER_TYPE, headerType: MEDIA_HEADERS }),
	{ ...bodyTextField([OPERATION]), displayOptions: { show, hide: { interactiveType: ['product'] } } },
	// A single-product message's body is optional (Meta's share-products guide).
	{ ...bodyTextField([OPERATION]), required: false, description: 'Optional; up to 1,024 characters', displayOptions: { show: { ...show, interactiveType: ['product'] } } },
	{
		displayName: 'Footer Text',
		name: 'footerText',
		type: 'string',
		default: '',
		description: 'Up to 60 characters',
		displayOptions: { show, hide: { interactiveType: ['locationRequest'] } },
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
	{
		displayName: 'Thumbnail Product Retailer ID',
		name: 'thumbnailProductRetailerId',
		type: 'string',
		default: '',
		placeholder: 'e.g. helmet-01',
		description: "The product whose image heads the message (Commerce Manager's Content ID); empty: Meta's default",
		displayOptions: { show: { ...show, interactiveType: ['catalog'] } },
	},
	{
		displayName: 'Catalog ID',
		name: 'catalogId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 194836987003835',
		description: 'The numeric ID of the catalog connected to the WhatsApp Business Account (Commerce Manager > Catalog > Settings)',
		displayOptions: { show: { ...show, interactiveType: ['product', 'productList'] } },
	},
	{
		displayName: 'Product Retailer ID',
		name: 'productRetailerId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. helmet-01',
		description: "The product's Content ID in Commerce Manager",
		displayOptions: { show: { ...show, interactiveType: ['product'] } },
	},
	{
		displayName: 'Products',
		name: 'products',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Helmets: helmet-01, helmet-02 | Gloves: gloves-07',
		description: "Sections apart by | or line breaks, products (Content IDs) by commas; a lone section may leave out its title. Or Meta's sections array. At most 10 sections and 30 products.",
		displayOptions: { show: { ...show, interactiveType: ['productList'] } },
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

/** The message's fields as plain data; `media` is the header's media object once known. */
function readInput(context: IExecuteFunctions, itemIndex: number, media: IDataObject = {}): InteractiveInput {
	const kind = String(context.getNodeParameter('interactiveType', itemIndex, 'buttons')) as InteractiveKind;
	const headerType = headerTypeOf(context, kind, itemIndex);
	let header: InteractiveHeader | undefined;
	if (kind === 'productList') header = { type: 'text', text: text(context, 'productsHeaderText', itemIndex) };
	else if (headerType === 'text') header = { type: 'text', text: text(context, 'headerText', itemIndex) };
	else if (MEDIA_HEADERS.includes(headerType)) header = { type: headerType as 'image', media };
	const input: InteractiveInput = { kind, header, body: text(context, 'bodyText', itemIndex), footer: text(context, 'footerText', itemIndex) };
	if (kind === 'buttons') input.buttons = fixedCollectionEntries(context, 'replyButtons', 'button', itemIndex) as Array<{ id: string; title: string }>;
	if (kind === 'list') {
		input.listButton = text(context, 'listButton', itemIndex);
		input.rows = fixedCollectionEntries(context, 'listRows', 'row', itemIndex) as unknown as ListRow[];
	}
	if (kind === 'ctaUrl') input.cta = { displayText: text(context, 'ctaDisplayText', itemIndex), url: text(context, 'ctaUrl', itemIndex) };
	if (kind === 'catalog') input.thumbnailProductRetailerId = text(context, 'thumbnailProductRetailerId', itemIndex);
	if (kind === 'product' || kind === 'productList') input.catalogId = text(context, 'catalogId', itemIndex);
	if (kind === 'product') input.productRetailerId = text(context, 'productRetailerId', itemIndex);
	// Products may be Meta's sections array from an expression, so the value is kept as it is.
	if (kind === 'productList') input.products = context.getNodeParameter('products', itemIndex, '');
	return input;
}

/** The header the user picked, for the kinds that have a pick ('none' for the others). */
function headerTypeOf(context: IExecuteFunctions, kind: InteractiveKind, itemIndex: number): string {
	return WITH_HEADER_TYPE.includes(kind) ? String(context.getNodeParameter('headerType', itemIndex, 'none')) : 'none';
}

export async function validate(this: IExecuteFunctions, itemIndex: number): Promise<ParameterProblem[]> {
	const input = readInput(this, itemIndex);
	const headerType = input.header?.type;
	const media = headerType && headerType !== 'text' && input.kind !== 'list' ? await mediaSourceProblems(this, HEADER_SOURCE, headerType as MediaKind, itemIndex) : [];
	return [...addressProblems(this, itemIndex), ...interactiveProblems(input), ...media, ...sendingOptionsProblems(this, itemIndex)];
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const phoneNumberId = readSender(this, itemIndex);
	const kind = String(this.getNodeParameter('interactiveType', itemIndex, 'buttons')) as InteractiveKind;
	const headerType = headerTypeOf(this, kind, itemIndex);
	const media = MEDIA_HEADERS.includes(headerType) ? await readMedia(this, HEADER_SOURCE, phoneNumberId, itemIndex) : undefined;
	const interactive = buildInteractive(readInput(this, itemIndex, media));
	return await sendMessage.call(this, itemIndex, {
		phoneNumberId,
		path: 'messages',
		body: { ...readAddress(this, itemIndex), type: 'interactive', interactive },
	});
}
