/**
 * Where a message's media comes from: an uploaded media ID, a public link, or an input binary field
 * uploaded to the sender first. Send Media and the interactive header share it, each under its
 * own parameter names.
 */
import type { IDataObject, IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { uploadMedia } from '../../../shared/graph';
import { binaryInput, missingBinary } from '../common/binaryInput';
import { baseMimeType } from '../common/fileTypes';
import type { ParameterProblem } from '../common/parameterProblem';
import { MEDIA_TYPES, type MediaKind } from '../media/graph';
import { mediaUploadProblems } from '../media/rules';

export interface MediaSourceNames {
	/** Parameter names: the source choice, the ID, the link and the binary field. */
	source: string;
	id: string;
	link: string;
	binary: string;
	/** How the fields are labelled in problems (`Media`, `Header`). */
	label: string;
}

export const mediaSourceNames = (prefix: string, label: string): MediaSourceNames => ({
	source: `${prefix}Source`,
	id: `${prefix}Id`,
	link: `${prefix}Link`,
	binary: `${prefix}BinaryProperty`,
	label,
});

/** The three source fields, shown where `show` says. */
export function mediaSourceFields(names: MediaSourceNames, show: NonNullable<IDisplayOptions['show']>): INodeProperties[] {
	const when = (source: string) => ({ show: { ...show, [names.source]: [source] } });
	return [
		{
			displayName: `${names.label} Source`,
			name: names.source,
			type: 'options',
			options: [
				{ name: 'Media ID', value: 'id', description: 'A file uploaded before (Media > Upload) or received in a message' },
				{ name: 'Link', value: 'link', description: 'A public HTTPS URL WhatsApp downloads the file from' },
				{ name: 'Binary File', value: 'binary', description: 'A file in an input binary field, uploaded to the sender first' },
			],
			default: 'id',
			displayOptions: { show },
		},
		{
			displayName: `${names.label} ID`,
			name: names.id,
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 1037543291543636',
			displayOptions: when('id'),
		},
		{
			displayName: `${names.label} Link`,
			name: names.link,
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. https://example.com/brochure.pdf',
			displayOptions: when('link'),
		},
		{
			displayName: 'Input Binary Field',
			name: names.binary,
			type: 'string',
			required: true,
			default: 'data',
			hint: 'The name of the input binary field holding the file',
			displayOptions: when('binary'),
		},
	];
}

const textOf = (context: IExecuteFunctions, name: string, itemIndex: number) => String(context.getNodeParameter(name, itemIndex, '') ?? '').trim();
const sourceOf = (context: IExecuteFunctions, names: MediaSourceNames, itemIndex: number) => String(context.getNodeParameter(names.source, itemIndex, 'id'));

/** What is wrong with the chosen source: an ID that is not one, a link that is not http(s), a binary file WhatsApp would refuse for this kind. */
export async function mediaSourceProblems(
	context: IExecuteFunctions,
	names: MediaSourceNames,
	kind: MediaKind,
	itemIndex: number,
): Promise<ParameterProblem[]> {
	const source = sourceOf(context, names, itemIndex);
	if (source === 'id') {
		const id = textOf(context, names.id, itemIndex);
		return /^\d+$/.test(id) ? [] : [{ field: `${names.label} ID`, rule: id ? `must be a media ID (digits), not "${id}"` : 'is empty' }];
	}
	if (source === 'link') return linkProblems(`${names.label} Link`, textOf(context, names.link, itemIndex));
	const property = textOf(context, names.binary, itemIndex);
	const input = await binaryInput.call(context, itemIndex, property);
	if (!input) return [missingBinary('Input Binary Field', property)];
	const mimeType = baseMimeType(input.binary.mimeType ?? '');
	if (MEDIA_TYPES[mimeType] !== kind) {
		const allowed = Object.keys(MEDIA_TYPES).filter((type) => MEDIA_TYPES[type] === kind);
		return [{ field: 'Input Binary Field', rule: `holds a ${mimeType || 'file of unknown type'}; a ${kind} must be ${allowed.join(', ')}` }];
	}
	const data = kind === 'sticker' ? await context.helpers.getBinaryDataBuffer(itemIndex, property) : undefined;
	return mediaUploadProblems({ mimeType, size: input.size, data });
}

/** Meta downloads linked media over HTTP or HTTPS only (media messages reference: `link`). */
export function linkProblems(field: string, link: string): ParameterProblem[] {
	if (!link) return [{ field, rule: 'is empty' }];
	try {
		const url = new URL(link);
		if (url.protocol === 'https:' || url.protocol === 'http:') return [];
	} catch {
		// Not a URL: refused below.
	}
	return [{ field, rule: `must be an http(s) URL WhatsApp can download, not "${link}"` }];
}

/** The media object for the body: `{ id }`, `{ link }`, or the ID of the binary file just uploaded. */
export async function readMedia(context: IExecuteFunctions, names: MediaSourceNames, phoneNumberId: string, itemIndex: number): Promise<IDataObject> {
	const source = sourceOf(context, names, itemIndex);
	if (source === 'id') return { id: textOf(context, names.id, itemIndex) };
	if (source === 'link') return { link: textOf(context, names.link, itemIndex) };
	const property = textOf(context, names.binary, itemIndex);
	const binary = context.getInputData()[itemIndex].binary![property];
	const data = await context.helpers.getBinaryDataBuffer(itemIndex, property);
	const file = { data, fileName: binary.fileName || 'file', mimeType: baseMimeType(binary.mimeType) };
	return { id: await uploadMedia.call(context, phoneNumberId, file, itemIndex) };
}
