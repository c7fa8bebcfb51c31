import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getGraphCredentials, graphRequest } from '../../../shared/graph';
import { enableInsightsCall } from './build';
import { show } from './fields';
import { checkEnableInsights, type ParameterProblem } from './rules';

export const description: INodeProperties[] = [
	{
		// Meta: once template insights are confirmed on a WABA they cannot be turned off again
		// (https://developers.facebook.com/docs/whatsapp/business-management-api/analytics, "Confirm template analytics").
		displayName:
			'Turns on template insights (template analytics) for the WhatsApp Business Account in the credential. This is a one-time switch: Meta offers no way to turn it off again.',
		name: 'insightsNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: show('enableTemplateInsights') },
	},
	{
		displayName: 'I Understand This Cannot Be Undone',
		name: 'confirmIrreversible',
		type: 'boolean',
		default: false,
		description: 'Whether you confirm turning on template insights for good. Nothing is sent unless this is on.',
		displayOptions: { show: show('enableTemplateInsights') },
	},
];

export function validate(this: IExecuteFunctions, itemIndex: number): ParameterProblem[] {
	return checkEnableInsights({ confirmed: this.getNodeParameter('confirmIrreversible', itemIndex, false) === true });
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { businessAccountId } = await getGraphCredentials.call(this);
	const call = enableInsightsCall(businessAccountId);
	// Turning on what is already on changes nothing, so a retry after an unclear failure is safe.
	const response = (await graphRequest.call(this, { method: 'POST', path: call.path, qs: call.qs, idempotent: true, itemIndex })) as IDataObject;
	return { id: String(response.id ?? businessAccountId), is_enabled_for_insights: true };
}
