/** The message an operation acts on (React, Mark as Read): by default the trigger item's incoming message. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ParameterProblem } from '../common/parameterProblem';
import { RESOURCE } from './fields';

export function messageIdField(operations: string[], description: string): INodeProperties {
	return {
		displayName: 'Message ID',
		name: 'messageId',
		type: 'string',
		required: true,
		// The trigger's message items carry the incoming message's wamid as messageId.
		default: '={{ $json.messageId }}',
		placeholder: 'e.g. wamid.HBgLMTY0NjcwNDM1OTUVAgASGBQzQTRCRDcwNzg3MzQ0OEVDQkNGQQA=',
		description,
		displayOptions: { show: { resource: [RESOURCE], operation: operations } },
	};
}

export const readMessageId = (context: IExecuteFunctions, itemIndex: number) => String(context.getNodeParameter('messageId', itemIndex, '') ?? '').trim();

export function messageIdProblems(context: IExecuteFunctions, itemIndex: number): ParameterProblem[] {
	if (readMessageId(context, itemIndex)) return [];
	return [{ field: 'Message ID', rule: 'is empty', hint: 'Map the incoming message\'s ID: the trigger\'s message items carry it as messageId.' }];
}
