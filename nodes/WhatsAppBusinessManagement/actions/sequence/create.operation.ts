import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getGraphCredentials, graphRequest } from '../../../shared/graph';
import type { ParameterProblem } from '../common/parameterProblem';
import { adCreativeFor, sequencesPath } from './graph';
import { validateSequenceName } from './rules';
import { readWelcomeMessage, welcomeMessageFields } from './welcomeMessage';

const show = { resource: ['sequence'], operation: ['create'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Driver sign-up',
		description: 'The sequence name shown when you pick it in Ads Manager',
		displayOptions: { show },
	},
	...welcomeMessageFields('create'),
];

export function validate(this: IExecuteFunctions, itemIndex: number): ParameterProblem[] {
	const defineUsing = this.getNodeParameter('defineUsing', itemIndex, 'fields') as string;
	return [
		...validateSequenceName(this.getNodeParameter('name', itemIndex, '') as string),
		...readWelcomeMessage.call(this, itemIndex, defineUsing).problems,
	];
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const name = this.getNodeParameter('name', itemIndex, '') as string;
	const defineUsing = this.getNodeParameter('defineUsing', itemIndex, 'fields') as string;
	const welcomeMessage = readWelcomeMessage.call(this, itemIndex, defineUsing).message!;
	const { businessAccountId } = await getGraphCredentials.call(this);

	// The guide sends form fields with the sequence as a JSON-encoded string; the form encoder
	// JSON-encodes object values. A create is not idempotent, so the transport never re-sends it
	// after an ambiguous failure.
	const response = (await graphRequest.call(this, {
		method: 'POST',
		path: sequencesPath(businessAccountId),
		body: { name: name.trim(), welcome_message_sequence: welcomeMessage },
		bodyType: 'form',
		itemIndex,
	})) as IDataObject;
	const id = response.sequence_id ?? response.id;
	if (id === undefined || id === null || id === '') {
		throw new NodeOperationError(this.getNode(), 'Meta answered without a sequence_id', {
			itemIndex,
			description: `Response: ${JSON.stringify(response).slice(0, 300)}`,
		});
	}
	const sequenceId = String(id);
	return {
		sequence_id: sequenceId,
		name: name.trim(),
		welcome_message_sequence: welcomeMessage as IDataObject,
		adCreative: adCreativeFor(sequenceId),
	};
}
