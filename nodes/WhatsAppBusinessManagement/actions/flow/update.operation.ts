import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { graphRequest } from '../../../shared/graph';
import type { ParameterProblem } from '../common/parameterProblem';
import { flowIdOf, flowIdProblems, flowLocator } from './locator';
import { FLOW_CATEGORY_OPTIONS } from './options';
import { checkApplicationId, checkEndpointUri, checkFlowCategories, checkFlowName, problemsFor, toCategoryList } from './rules';

export const description: INodeProperties[] = [
	flowLocator(['update']),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { resource: ['flow'], operation: ['update'] } },
		options: [
			{
				// Meta's Flows API ("Update a Flow's metadata"): "All the flows with endpoints need to have an
				// Application connected to them." https://developers.facebook.com/documentation/business-messaging/whatsapp/flows/guides/flowsapi
				displayName: 'Application ID',
				name: 'applicationId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 1234567890123456',
				description: 'The Meta app to connect to the flow. A flow with an endpoint can be published only once an app is connected.',
			},
			{
				displayName: 'Categories',
				name: 'categories',
				type: 'multiOptions',
				options: FLOW_CATEGORY_OPTIONS,
				default: [],
				description: 'Replaces the flow\'s categories; at least one',
			},
			{
				displayName: 'Endpoint URI',
				name: 'endpointUri',
				type: 'string',
				default: '',
				placeholder: 'e.g. https://example.com/whatsapp-flow',
				description: 'The HTTPS endpoint that exchanges data with the flow',
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'Unique within the WhatsApp Business Account, up to 200 characters',
			},
		],
	},
];

/** The metadata this item's Update Fields set, with what is wrong with them. */
function readUpdate(this: IExecuteFunctions, itemIndex: number): { body: IDataObject; problems: ParameterProblem[] } {
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	const problems: ParameterProblem[] = [];
	if (fields.name !== undefined) {
		problems.push(...problemsFor('Name', checkFlowName(fields.name)));
		body.name = String(fields.name).trim();
	}
	if (fields.categories !== undefined) {
		problems.push(...problemsFor('Categories', checkFlowCategories(fields.categories)));
		body.categories = toCategoryList(fields.categories);
	}
	if (fields.endpointUri !== undefined) {
		const uri = String(fields.endpointUri).trim();
		problems.push(...problemsFor('Endpoint URI', uri ? checkEndpointUri(uri) : ['is empty; remove the field to keep the current endpoint']));
		body.endpoint_uri = uri;
	}
	if (fields.applicationId !== undefined) {
		problems.push(...problemsFor('Application ID', checkApplicationId(fields.applicationId)));
		body.application_id = String(fields.applicationId).trim();
	}
	if (!Object.keys(body).length) problems.push({ field: 'Update Fields', rule: 'add at least one of Name, Categories, Endpoint URI, Application ID' });
	return { body, problems };
}

export function validate(this: IExecuteFunctions, itemIndex: number): ParameterProblem[] {
	return [...flowIdProblems.call(this, itemIndex), ...readUpdate.call(this, itemIndex).problems];
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const flowId = flowIdOf.call(this, itemIndex)!;
	const { body } = readUpdate.call(this, itemIndex);
	const answer = (await graphRequest.call(this, {
		method: 'POST',
		path: `/${flowId}`,
		body,
		// Setting the same metadata twice leaves the flow as it was.
		idempotent: true,
		itemIndex,
	})) as IDataObject;
	return { id: flowId, ...answer, ...body };
}
