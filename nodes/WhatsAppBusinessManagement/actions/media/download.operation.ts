import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getGraphCredentials } from '../../../shared/graph';
import { downloadToBinary, type DownloadResult } from '../../../shared/graph/download';
import { binaryPropertyNameOf, outputBinaryField, outputBinaryFieldProblems } from '../common/binaryField';
import { optionsCollection } from '../common/collections';
import { mediaFileName } from '../common/fileTypes';
import type { ParameterProblem } from '../common/parameterProblem';
import { phoneNumberIdOf } from '../common/phoneNumberLocator';
import { fetchMediaInfo, sha256AsHex } from './graph';
import { mediaIdField, mediaIdOf, mediaIdProblems, optionalPhoneNumber } from './mediaId';
import { isMetaMediaHost } from './rules';

const show = { resource: ['media'], operation: ['download'] };

export const description: INodeProperties[] = [
	mediaIdField('download'),
	outputBinaryField('the file', { show }),
	optionalPhoneNumber('download'),
	optionsCollection({ show }, [
		{
			displayName: 'File Name',
			name: 'fileName',
			type: 'string',
			default: '',
			description: 'Name of the output file; defaults to the media ID with an extension from its MIME type',
		},
		{
			displayName: 'Media URL',
			name: 'mediaUrl',
			type: 'string',
			default: '',
			description:
				'A download URL already at hand (from Media > Get or a message webhook), to skip looking it up. It must be on a Meta host such as lookaside.fbsbx.com, since the access token is sent with it. If it has expired, a fresh one is fetched.',
		},
	]),
];

type DownloadOptions = { fileName?: string; mediaUrl?: string };

/** A given Media URL must be http(s), and on a host that may receive the access token. */
async function mediaUrlProblems(this: IExecuteFunctions, url: string): Promise<ParameterProblem[]> {
	if (!url) return [];
	if (!/^https?:\/\//i.test(url)) return [{ field: 'Media URL', rule: 'must start with http:// or https://' }];
	// Meta's media URLs need the access token, so it goes with the download: only to Meta's own
	// hosts (or the credential's Base URL host, a proxy or sandbox), never to any other address.
	const { baseUrl } = await getGraphCredentials.call(this);
	if (isMetaMediaHost(url, baseUrl)) return [];
	return [
		{
			field: 'Media URL',
			rule: `must be a media link on a Meta host such as lookaside.fbsbx.com, not "${new URL(url).host}"`,
			hint: 'The access token is sent with a media download, so only Meta\'s media hosts are accepted. Leave "Media URL" empty to look the link up from the Media ID.',
		},
	];
}

export async function validate(this: IExecuteFunctions, itemIndex: number): Promise<ParameterProblem[]> {
	const options = this.getNodeParameter('options', itemIndex, {}) as DownloadOptions;
	return [
		...mediaIdProblems.call(this, itemIndex),
		...outputBinaryFieldProblems(this, itemIndex),
		...(await mediaUrlProblems.call(this, options.mediaUrl?.trim() ?? '')),
	];
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData> {
	const mediaId = mediaIdOf.call(this, itemIndex);
	const phoneNumberId = phoneNumberIdOf.call(this, itemIndex) || undefined;
	const propertyName = binaryPropertyNameOf(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as DownloadOptions;
	const givenUrl = options.mediaUrl?.trim();

	let info: IDataObject | undefined;
	const lookUp = async () => {
		info = await fetchMediaInfo.call(this, mediaId, phoneNumberId, itemIndex);
		if (typeof info.url !== 'string' || !info.url) {
			throw new NodeOperationError(this.getNode(), `Meta returned no download URL for media ${mediaId}`, { itemIndex });
		}
		return info.url;
	};
	const attempt = async (url: string): Promise<DownloadResult> =>
		await downloadToBinary.call(this, {
			url,
			fileName: options.fileName?.trim() || mediaFileName(mediaId, info?.mime_type as string | undefined),
			mimeType: info?.mime_type as string | undefined,
			itemIndex,
		});

	let result = await attempt(givenUrl || (await lookUp()));
	// Meta's URLs live five minutes; a 404 means this one expired, so get a fresh one, once.
	if (result.expired) result = await attempt(await lookUp());
	if (result.expired) {
		throw new NodeOperationError(this.getNode(), `The download URL for media ${mediaId} answered 404 twice`, {
			itemIndex,
			description: 'Meta gave a URL that was already gone. The media may have been deleted or expired (uploaded media lives 30 days, received media 7 days).',
		});
	}

	const expected = sha256AsHex(info?.sha256);
	if (expected && expected !== result.sha256) {
		throw new NodeOperationError(this.getNode(), `The downloaded file for media ${mediaId} does not match Meta's sha256`, {
			itemIndex,
			description: `Meta: ${expected}, received: ${result.sha256}. The download was incomplete or altered; run again.`,
		});
	}
	const json: IDataObject = {
		id: mediaId,
		mime_type: (info?.mime_type as string | undefined) ?? result.contentType ?? null,
		file_size: result.size,
		sha256: result.sha256,
		sha256_verified: expected !== undefined,
		file_name: result.binary.fileName ?? null,
	};
	return { json, binary: { [propertyName]: result.binary } };
}
