import type { IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ParameterProblem } from './parameterProblem';

const OUTPUT_FIELD_LABEL = 'Put Output File in Field';

/** The binary field an operation reads its file from or writes it to (`binaryPropertyName`), trimmed. */
export function binaryPropertyNameOf(context: IExecuteFunctions, itemIndex: number): string {
	return String(context.getNodeParameter('binaryPropertyName', itemIndex, 'data') ?? '').trim();
}

/** "Put Output File in Field" of a download; `what` names the file in the hint ("the file", "flow.json"). */
export function outputBinaryField(what: string, displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: OUTPUT_FIELD_LABEL,
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: `The name of the output binary field to put ${what} in`,
		displayOptions,
	};
}

/** A download needs a field name to put its file in. */
export function outputBinaryFieldProblems(context: IExecuteFunctions, itemIndex: number, hint?: string): ParameterProblem[] {
	if (binaryPropertyNameOf(context, itemIndex)) return [];
	return [{ field: OUTPUT_FIELD_LABEL, rule: 'must not be empty', ...(hint ? { hint } : {}) }];
}
