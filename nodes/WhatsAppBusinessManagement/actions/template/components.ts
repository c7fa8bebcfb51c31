import type { IDataObject, IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	HEADER_SAMPLE_TYPES,
	PENDING_HANDLE,
	buildComponents,
	setHeaderHandle,
	validateHeaderSample,
	type BuilderInput,
	type ButtonInput,
	type HeaderType,
	type ParameterFormat,
} from '../../helpers/template';
import { resumableUpload } from '../../../shared/graph';
import { downloadPublicFile } from '../../../shared/graph/publicFile';
import { binaryInput, missingBinary } from '../common/binaryInput';
import { refusal, type ParameterProblem } from '../common/parameterProblem';

/** The template resource locator: a searchable list (name and language) or a template ID. */
export function templateLocator(operation: string, description = 'The message template'): INodeProperties {
	return {
		displayName: 'Template',
		name: 'templateId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchTemplates', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 1689556908129832',
				validation: [
					{ type: 'regex', properties: { regex: '^[0-9]+$', errorMessage: 'A template ID contains only digits' } },
				],
			},
		],
		displayOptions: { show: { resource: ['template'], operation: [operation] } },
	};
}

export function templateIdOf(this: IExecuteFunctions, itemIndex: number): string {
	return String(this.getNodeParameter('templateId', itemIndex, '', { extractValue: true }) ?? '').trim();
}

export function templateIdProblems(this: IExecuteFunctions, itemIndex: number): ParameterProblem[] {
	const id = templateIdOf.call(this, itemIndex);
	if (/^\d+$/.test(id)) return [];
	return [{ field: 'Template', rule: `the template ID must contain only digits, not "${id}"`, hint: 'Pick the template from the list or paste its numeric ID.' }];
}

/**
 * The component fields: a builder (header, body, footer, buttons) or raw JSON. `show` narrows them
 * to one operation (and, for Edit, to "Update Components").
 */
export function componentFields(show: IDisplayOptions['show']): INodeProperties[] {
	const builder = { show: { ...show, componentsSource: ['builder'] } };
	const header = (types: HeaderType[]) => ({ show: { ...show, componentsSource: ['builder'], headerType: types } });
	const mediaHeader = header(['image', 'video', 'document']);
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
			description: 'Meta\'s components array: HEADER, BODY, FOOTER, BUTTONS. Every rule is checked before sending.',
			displayOptions: { show: { ...show, componentsSource: ['json'] } },
		},
		{
			displayName: 'Header',
			name: 'headerType',
			type: 'options',
			options: [
				{ name: 'Document', value: 'document', description: 'A PDF; its sample is uploaded to Meta' },
				{ name: 'Image', value: 'image', description: 'A JPEG or PNG; its sample is uploaded to Meta' },
				{ name: 'Location', value: 'location', description: 'A map pin, set when sending (utility and marketing only)' },
				{ name: 'None', value: 'none' },
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
					values: [
						{
							displayName: 'Type',
							name: 'type',
							type: 'options',
							options: [
								{ name: 'Copy Code', value: 'copyCode' },
								{ name: 'Flow', value: 'flow' },
								{ name: 'Phone Number', value: 'phoneNumber' },
								{ name: 'Quick Reply', value: 'quickReply' },
								{ name: 'URL', value: 'url' },
							],
							default: 'quickReply',
						},
						{
							displayName: 'Text',
							name: 'text',
							type: 'string',
							default: '',
							description: 'The button label, up to 25 characters (not used by Copy Code)',
						},
						{
							displayName: 'URL',
							name: 'url',
							type: 'string',
							default: '',
							placeholder: 'e.g. https://example.com/track/{{1}}',
							description: 'For URL buttons. At most one variable, {{1}}, at the end.',
						},
						{
							displayName: 'URL Example',
							name: 'urlExample',
							type: 'string',
							default: '',
							placeholder: 'e.g. https://example.com/track/AB123',
							description: 'For a URL with a variable: the full address with a sample value',
						},
						{
							displayName: 'Phone Number',
							name: 'phoneNumber',
							type: 'string',
							default: '',
							placeholder: 'e.g. +15550051234',
							description: 'For Phone Number buttons, with the country code',
						},
						{
							displayName: 'Code Example',
							name: 'code',
							type: 'string',
							default: '',
							placeholder: 'e.g. SUMMER25',
							description: 'For Copy Code buttons: a sample code, up to 15 characters',
						},
						{ displayName: 'Flow ID', name: 'flowId', type: 'string', default: '', description: 'For Flow buttons' },
						{
							displayName: 'Flow Action',
							name: 'flowAction',
							type: 'options',
							options: [
								{ name: 'Data Exchange', value: 'data_exchange' },
								{ name: 'Navigate', value: 'navigate' },
							],
							default: 'navigate',
							description: 'For Flow buttons: open a screen, or call the flow\'s endpoint',
						},
						{
							displayName: 'Navigate Screen',
							name: 'navigateScreen',
							type: 'string',
							default: '',
							description: 'For Flow buttons with Navigate: the ID of the first screen',
						},
					],
				},
			],
		},
	];
}

export interface ReadComponents {
	components: Array<Record<string, unknown>>;
	parameterFormat: ParameterFormat;
	/** A media header's sample, still to be uploaded; components carry PENDING_HANDLE until then. */
	sample?: { format: string; source: 'binary' | 'url'; binaryProperty?: string; url?: string };
	/** Components (JSON) that does not parse; `components` is then unusable. */
	problems: ParameterProblem[];
}

function parseComponentsJson(this: IExecuteFunctions, itemIndex: number): { components: unknown; problems: ParameterProblem[] } {
	const raw = this.getNodeParameter('componentsJson', itemIndex) as unknown;
	let parsed: unknown = raw;
	if (typeof raw === 'string') {
		try {
			parsed = JSON.parse(raw);
		} catch (error) {
			return { components: undefined, problems: [{ field: 'Components (JSON)', rule: `must be valid JSON (${(error as Error).message})` }] };
		}
	}
	if (parsed && typeof parsed === 'object' && !Array.isArray(parsed) && Array.isArray((parsed as IDataObject).components)) {
		parsed = (parsed as IDataObject).components;
	}
	return { components: parsed, problems: [] };
}

/** The builder's fields of the item, as the builder takes them. */
function builderInputOf(this: IExecuteFunctions, itemIndex: number, parameterFormat: ParameterFormat): BuilderInput {
	const headerType = this.getNodeParameter('headerType', itemIndex, 'none') as HeaderType;
	const text = headerType === 'text';
	return {
		parameterFormat,
		headerType,
		headerText: text ? (this.getNodeParameter('headerText', itemIndex, '') as string) : undefined,
		headerExample: text ? (this.getNodeParameter('headerExample', itemIndex, '') as string) : undefined,
		headerHandle: MEDIA_HEADERS.includes(headerType) ? PENDING_HANDLE : undefined,
		bodyText: this.getNodeParameter('bodyText', itemIndex, '') as string,
		bodyExamples: (this.getNodeParameter('bodyExamples.example', itemIndex, []) as Array<{ variable: string; value: string }>) ?? [],
		footerText: this.getNodeParameter('footerText', itemIndex, '') as string,
		buttons: (this.getNodeParameter('buttons.button', itemIndex, []) as ButtonInput[]) ?? [],
	};
}

const MEDIA_HEADERS: HeaderType[] = ['image', 'video', 'document'];

/** Reads the component fields of the item into Meta's components (no request is made). */
export function readComponents(this: IExecuteFunctions, itemIndex: number): ReadComponents {
	const parameterFormat = this.getNodeParameter('parameterFormat', itemIndex, 'POSITIONAL') as ParameterFormat;
	const source = this.getNodeParameter('componentsSource', itemIndex, 'builder') as string;
	if (source === 'json') {
		const { components, problems } = parseComponentsJson.call(this, itemIndex);
		return { components: components as Array<Record<string, unknown>>, parameterFormat, problems };
	}
	const input = builderInputOf.call(this, itemIndex, parameterFormat);
	const result: ReadComponents = { components: buildComponents(input), parameterFormat, problems: [] };
	if (MEDIA_HEADERS.includes(input.headerType)) {
		const sampleSource = this.getNodeParameter('headerSampleSource', itemIndex, 'binary') as 'binary' | 'url';
		result.sample = {
			format: input.headerType.toUpperCase(),
			source: sampleSource,
			binaryProperty: sampleSource === 'binary' ? (this.getNodeParameter('headerBinaryProperty', itemIndex, 'data') as string) : undefined,
			url: sampleSource === 'url' ? (this.getNodeParameter('headerSampleUrl', itemIndex, '') as string).trim() : undefined,
		};
	}
	return result;
}

/**
 * What can be checked of a media header's sample before anything is sent: the binary field, its
 * type and size (a URL sample is checked after download, in uploadSample).
 */
export async function sampleProblems(this: IExecuteFunctions, sample: ReadComponents['sample'], itemIndex: number): Promise<ParameterProblem[]> {
	if (!sample) return [];
	if (sample.source === 'url') {
		if (/^https?:\/\/\S+$/i.test(sample.url ?? '')) return [];
		return [{ component: 'HEADER component', field: 'Sample File URL', rule: 'must be an http:// or https:// address' }];
	}
	const property = sample.binaryProperty ?? 'data';
	const input = await binaryInput.call(this, itemIndex, property);
	if (!input) return [{ component: 'HEADER component', ...missingBinary('Input Binary Field', property) }];
	return validateHeaderSample(sample.format, { mimeType: input.binary.mimeType, size: input.size });
}

/** The sample file: the input binary field's, or downloaded from its public URL and checked then. */
async function sampleFile(this: IExecuteFunctions, sample: NonNullable<ReadComponents['sample']>, itemIndex: number) {
	if (sample.source === 'url') {
		// Reading stops at the format's maximum (the largest, a document's, for a format without one).
		const maxBytes = HEADER_SAMPLE_TYPES[sample.format.toUpperCase()]?.maxBytes ?? HEADER_SAMPLE_TYPES.DOCUMENT.maxBytes;
		const downloaded = await downloadPublicFile.call(this, { url: sample.url!, field: 'Sample File URL', maxBytes, itemIndex });
		const problems = validateHeaderSample(sample.format, { mimeType: downloaded.mimeType, size: downloaded.data.length });
		if (problems.length) throw refusal(this.getNode(), problems, itemIndex);
		return downloaded;
	}
	const property = sample.binaryProperty ?? 'data';
	const binary = this.helpers.assertBinaryData(itemIndex, property);
	const extension = HEADER_SAMPLE_TYPES[sample.format]?.mimeTypes[0].split('/')[1] ?? 'bin';
	return {
		data: await this.helpers.getBinaryDataBuffer(itemIndex, property),
		fileName: binary.fileName ?? `sample.${extension}`,
		mimeType: binary.mimeType,
	};
}

/** Uploads the sample through Meta's Resumable Upload API and puts the handle in the header. */
export async function uploadSample(
	this: IExecuteFunctions,
	components: Array<Record<string, unknown>>,
	sample: ReadComponents['sample'],
	itemIndex: number,
): Promise<Array<Record<string, unknown>>> {
	if (!sample) return components;
	const file = await sampleFile.call(this, sample, itemIndex);
	file.mimeType = file.mimeType.split(';')[0].trim().toLowerCase();
	const handle = await resumableUpload.call(this, file, itemIndex);
	return setHeaderHandle(components, handle);
}
