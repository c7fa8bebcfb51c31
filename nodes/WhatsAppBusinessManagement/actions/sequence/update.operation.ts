import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getGraphCredentials, graphRequest } from '../../../shared/graph';
import type { ParameterProblem } from '../common/parameterProblem';
import { confirmSequenceChange, sequencesPath } from './graph';
import { sequenceIdOf, sequenceIdProblems, sequenceLocator } from './locator';
import { readWelcomeMessage, welcomeMessageFields } from './welcomeMessage';

const show = { resource: ['sequence'], operation: ['update'] };

export const description: INodeProperties[] = [
	sequenceLocator(['update'], 'The sequence to change. A sequence linked to an active ad cannot be changed.'),
	{
		displayName: 'New Name',
		name: 'newName',
		type: 'string',
		default: '',
		description: 'A new name for the sequence. Leave empty to keep the current name.',
		displayOptions: { show },
	},
	...welcomeMessageFields('update'),
];

export function validate(this: IExecuteFunctions, itemIndex: number): ParameterProblem[] {
	const newName = (this.getNodeParameter('newName', itemIndex, '') as string).trim();
	const defineUsing = this.getNodeParameter('defineUsing', itemIndex, 'keep') as string;
	const problems = sequenceIdProblems.call(this, itemIndex);
	if (defineUsing !== 'keep') problems.push(...readWelcomeMessage.call(this, itemIndex, defineUsing).problems);
	if (!newName && defineUsing === 'keep') {
		problems.push({
			field: 'New Name',
			rule: 'is empty and "Define Using" is "Don\'t Change": there is nothing to update',
			hint: 'Fill in "New Name", or set "Define Using" to Fields or JSON to replace the welcome message.',
		});
	}
	return problems;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const sequenceId = sequenceIdOf.call(this, itemIndex);
	const newName = (this.getNodeParameter('newName', itemIndex, '') as string).trim();
	const defineUsing = this.getNodeParameter('defineUsing', itemIndex, 'keep') as string;
	const body: IDataObject = { sequence_id: sequenceId };
	if (newName) body.name = newName;
	if (defineUsing !== 'keep') body.welcome_message_sequence = readWelcomeMessage.call(this, itemIndex, defineUsing).message as IDataObject;
	const { businessAccountId } = await getGraphCredentials.call(this);
	const response = (await graphRequest.call(this, {
		method: 'POST',
		path: sequencesPath(businessAccountId),
		body,
		bodyType: 'form',
		// Setting the same name or message twice leaves the same sequence, so a retry is harmless.
		idempotent: true,
		itemIndex,
	})) as IDataObject;
	return confirmSequenceChange(this.getNode(), response, { sequenceId, verb: 'update', itemIndex });
}
