/** The component fields of an item, read into Meta's components (no request is made). */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ParameterProblem } from '../common/parameterProblem';
import { PENDING_HANDLE, buildComponents, type BuilderInput, type ButtonInput, type HeaderType } from './build';
import type { ParameterFormat } from './graph';

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
