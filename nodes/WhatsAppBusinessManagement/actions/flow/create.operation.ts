import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getGraphCredentials, graphRequest } from '../../../shared/graph';
import { additionalFieldsCollection } from '../common/collections';
import type { ParameterProblem } from '../common/parameterProblem';
import { describeValidationErrors, flowsPath, normalizeValidationErrors } from './graph';
import { flowIdFromLocator, flowLocator } from './locator';
import { FLOW_CATEGORY_OPTIONS } from './options';
import { checkEndpointUri, checkFlowCategories, checkFlowJson, checkFlowName, problemsFor, toCategoryList } from './rules';

const show = { resource: ['flow'], operation: ['create'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Test drive booking',
		description: 'Unique within the WhatsApp Business Account, up to 200 characters',
		displayOptions: { show },
	},
	{
		displayName: 'Categories',
		name: 'categories',
		type: 'multiOptions',
		required: true,
		options: FLOW_CATEGORY_OPTIONS,
		default: [],
		description: 'What the flow is for; at least one',
		displayOptions: { show },
	},
	additionalFieldsCollection({ show }, [
		flowLocator([], {
			displayName: 'Clone From Flow',
			name: 'cloneFlowId',
			required: false,
			description: 'Start from a copy of this flow\'s Flow JSON',
			displayOptions: undefined,
		}),
		{
			displayName: 'Endpoint URI',
			name: 'endpointUri',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://example.com/whatsapp-flow',
			description: 'The HTTPS endpoint that exchanges data with the flow (Flow JSON 3.0 or later)',
		},
		{
			displayName: 'Fail on Validation Errors',
			name: 'failOnValidationErrors',
			type: 'boolean',
			default: false,
			description:
				'Whether to fail the item when Meta reports validation errors in the Flow JSON. The flow is created either way.',
		},
		{
			displayName: 'Flow JSON',
			name: 'flowJson',
			type: 'json',
			default: '',
			description: 'The flow\'s screens and layout (Meta\'s Flow JSON), up to 10 MB',
		},
		{
			displayName: 'Publish',
			name: 'publish',
			type: 'boolean',
			default: false,
			description: 'Whether to publish the flow at once. Needs a Flow JSON without validation errors.',
		},
	]),
];

/** The create request this item's fields make, with what is wrong with them. */
function readCreate(this: IExecuteFunctions, itemIndex: number) {
	const name = this.getNodeParameter('name', itemIndex, '') as string;
	const categories = this.getNodeParameter('categories', itemIndex, []) as string[];
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const problems = [...problemsFor('Name', checkFlowName(name)), ...problemsFor('Categories', checkFlowCategories(categories))];
	const body: IDataObject = { name: String(name ?? '').trim(), categories: toCategoryList(categories) };

	const clone = additional.cloneFlowId as IDataObject | string | undefined;
	const shownClone = clone && typeof clone === 'object' ? clone.value : clone;
	if (shownClone !== undefined && shownClone !== null && String(shownClone).trim() !== '') {
		body.clone_flow_id = flowIdFromLocator(clone);
		if (!body.clone_flow_id) problems.push({ field: 'Clone From Flow', rule: `must be a numeric flow ID or a flow link, not "${String(shownClone)}"` });
	}
	const endpointUri = typeof additional.endpointUri === 'string' ? additional.endpointUri.trim() : '';
	problems.push(...problemsFor('Endpoint URI', checkEndpointUri(endpointUri)));
	if (endpointUri) body.endpoint_uri = endpointUri;

	const hasFlowJson = additional.flowJson !== undefined && additional.flowJson !== '';
	if (hasFlowJson) {
		const { problems: jsonProblems, flowJson } = checkFlowJson(additional.flowJson);
		problems.push(...problemsFor('Flow JSON', jsonProblems));
		// Meta takes the Flow JSON as a string, not as a nested object.
		body.flow_json = flowJson?.text;
	}
	const publish = additional.publish === true;
	if (publish) {
		if (!hasFlowJson) problems.push({ field: 'Publish', rule: 'needs "Flow JSON": Meta only publishes on create together with a valid Flow JSON' });
		body.publish = true;
	}
	return { body, hasFlowJson, publish, failOnValidationErrors: additional.failOnValidationErrors === true, problems };
}

export function validate(this: IExecuteFunctions, itemIndex: number): ParameterProblem[] {
	return readCreate.call(this, itemIndex).problems;
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const { body, hasFlowJson, publish, failOnValidationErrors } = readCreate.call(this, itemIndex);
	const { businessAccountId } = await getGraphCredentials.call(this);
	const created = (await graphRequest.call(this, {
		method: 'POST',
		path: flowsPath(businessAccountId),
		body,
		itemIndex,
	})) as IDataObject;

	const result: IDataObject = { ...created, id: String(created.id) };
	const validationErrors = normalizeValidationErrors(created.validation_errors);
	if (created.validation_errors !== undefined || hasFlowJson) result.validation_errors = validationErrors;
	if (publish) {
		// Meta answers the same way whether or not it published, so ask for the status.
		const flow = (await graphRequest.call(this, {
			method: 'GET',
			path: `/${result.id as string}`,
			qs: { fields: 'id,status' },
			itemIndex,
		})) as IDataObject;
		result.status = flow.status;
	}
	if (failOnValidationErrors && validationErrors.length) {
		throw new NodeOperationError(
			this.getNode(),
			`The flow ${result.id as string} was created, but its Flow JSON has ${validationErrors.length} validation error(s): ${describeValidationErrors(validationErrors)}`,
			{ itemIndex, description: 'Fix the Flow JSON and send it with "Upload Flow JSON".' },
		);
	}
	return result;
}
