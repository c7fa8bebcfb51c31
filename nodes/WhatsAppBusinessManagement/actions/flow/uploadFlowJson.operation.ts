import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { graphRequest } from '../../../shared/graph';
import { binaryPropertyNameOf } from '../common/binaryField';
import { binaryInput, missingBinary } from '../common/binaryInput';
import { optionsCollection } from '../common/collections';
import type { ParameterProblem } from '../common/parameterProblem';
import { describeValidationErrors, MAX_FLOW_JSON_BYTES, normalizeValidationErrors } from './graph';
import { flowIdOf, flowIdProblems, flowLocator } from './locator';
import { checkFlowJson, problemsFor } from './rules';

const show = { resource: ['flow'], operation: ['uploadFlowJson'] };

export const description: INodeProperties[] = [
	flowLocator(['uploadFlowJson']),
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		options: [
			{ name: 'Binary File', value: 'binary', description: 'A Flow JSON file from an earlier node' },
			{ name: 'JSON', value: 'json', description: 'Type or map the Flow JSON text' },
		],
		default: 'json',
		displayOptions: { show },
	},
	{
		displayName: 'Flow JSON',
		name: 'flowJson',
		type: 'json',
		default: '{\n  "version": "7.0",\n  "screens": []\n}',
		required: true,
		description: 'The flow\'s screens and layout (Meta\'s Flow JSON), up to 10 MB',
		displayOptions: { show: { ...show, source: ['json'] } },
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field holding the flow.json file',
		displayOptions: { show: { ...show, source: ['binary'] } },
	},
	optionsCollection({ show }, [
		{
			displayName: 'Fail on Validation Errors',
			name: 'failOnValidationErrors',
			type: 'boolean',
			default: false,
			description:
				'Whether to fail the item when Meta reports validation errors. Meta stores the Flow JSON either way.',
		},
	]),
];

/** The Flow JSON text this item's Source gives (a binary file or the JSON field), checked. */
async function readFlowJson(this: IExecuteFunctions, itemIndex: number): Promise<{ text?: string; problems: ParameterProblem[] }> {
	const source = this.getNodeParameter('source', itemIndex, 'json') as string;
	if (source !== 'binary') {
		const { problems, flowJson } = checkFlowJson(this.getNodeParameter('flowJson', itemIndex, ''));
		return { text: flowJson?.text, problems: problemsFor('Flow JSON', problems) };
	}
	const label = 'Input Binary Field';
	const propertyName = binaryPropertyNameOf(this, itemIndex);
	const input = await binaryInput.call(this, itemIndex, propertyName);
	if (!input) return { problems: [missingBinary(label, propertyName)] };
	if (input.size > MAX_FLOW_JSON_BYTES) {
		return { problems: problemsFor(label, [`the file is ${input.size} bytes; Meta accepts at most 10 MB (${MAX_FLOW_JSON_BYTES} bytes)`]) };
	}
	const { problems, flowJson } = checkFlowJson(await this.helpers.getBinaryDataBuffer(itemIndex, propertyName));
	return { text: flowJson?.text, problems: problemsFor(label, problems) };
}

export async function validate(this: IExecuteFunctions, itemIndex: number): Promise<ParameterProblem[]> {
	return [...flowIdProblems.call(this, itemIndex), ...(await readFlowJson.call(this, itemIndex)).problems];
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const flowId = flowIdOf.call(this, itemIndex)!;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const { text } = await readFlowJson.call(this, itemIndex);

	// Meta's asset endpoint takes only multipart/form-data; Node's FormData and Blob build it.
	const form = new FormData();
	form.append('file', new Blob([text!], { type: 'application/json' }), 'flow.json');
	form.append('name', 'flow.json');
	form.append('asset_type', 'FLOW_JSON');

	const answer = (await graphRequest.call(this, {
		method: 'POST',
		path: `/${flowId}/assets`,
		body: form,
		bodyType: 'multipart',
		// Uploading the same flow.json again replaces it with itself.
		idempotent: true,
		itemIndex,
	})) as IDataObject;

	const validationErrors = normalizeValidationErrors(answer.validation_errors);
	if (options.failOnValidationErrors === true && validationErrors.length) {
		throw new NodeOperationError(
			this.getNode(),
			`Meta stored the Flow JSON of flow ${flowId} but found ${validationErrors.length} validation error(s): ${describeValidationErrors(validationErrors)}`,
			{ itemIndex, description: 'A flow with validation errors cannot be published. Fix the Flow JSON and upload it again.' },
		);
	}
	return {
		id: flowId,
		success: answer.success ?? true,
		valid: validationErrors.length === 0,
		validation_errors: validationErrors,
	};
}
