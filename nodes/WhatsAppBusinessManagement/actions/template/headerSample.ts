/** A media header's sample file: checked before anything is sent, then uploaded for its handle. */
import type { IExecuteFunctions } from 'n8n-workflow';

import { resumableUpload } from '../../../shared/graph';
import { downloadPublicFile } from '../../../shared/graph/publicFile';
import { binaryInput, missingBinary } from '../common/binaryInput';
import { refusal, type ParameterProblem } from '../common/parameterProblem';
import { setHeaderHandle } from './build';
import { HEADER_SAMPLE_TYPES } from './graph';
import type { ReadComponents } from './readComponents';
import { validateHeaderSample } from './rules';

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
