/** Message > Send Template's working examples for the resilience suites (see scenarios.ts). */
import type { IDataObject } from 'n8n-workflow';

import { SENDER, TEMPLATES, byId } from '../fixtures/messageTemplates';
import type { Sandbox } from '../sandbox/server';
import type { Scenario } from './scenarios';

const mapped = (value: IDataObject) => ({ mappingMode: 'defineBelow', value, matchingColumns: [], schema: [] });

const base = {
	resource: 'message',
	operation: 'sendTemplate',
	phoneNumberId: byId(SENDER),
	recipientPhone: '={{ $json.phone }}',
	templateId: byId(TEMPLATES.positional.id),
	templateVariables: mapped({ 'header.image': 'https://cdn.example.com/bike.jpg', 'body.1': '={{ $json.name }}', 'body.2': '20%' }),
	// A send that may have been carried out fails instead of giving a doubtful item, as the chaos suite expects of a create.
	sendingOptions: { uncertainDelivery: 'fail' },
};

export const sendTemplateScenarios: Record<string, Scenario> = {
	'message.sendTemplate': {
		prepare: (sandbox: Sandbox) => {
			sandbox.seed({ phoneNumbers: [{ id: SENDER }], templates: Object.values(TEMPLATES) });
			return { parameters: base, items: [{ phone: '+16505550101', name: 'Ana' }] };
		},
		call: { method: 'POST', path: '/messages' },
		createsSomething: true,
		parameterBaselines: [
			base,
			{
				...base,
				recipientType: 'userId',
				recipientUserId: 'US.13491208655302741918',
				replyInContext: true,
				replyToMessageId: 'wamid.HBgLMTY0NjcwNDM1OTUVAgASGBQzQTRCRDcwNzg3MzQ0OEVDQkNGQQA=',
				templateOptions: { marketingMessages: true },
				sendingOptions: { throughput: 40, uncertainDelivery: 'item', callbackData: 'lead-1' },
			},
		],
		normalize: (json: IDataObject) => {
			const { wamid: _wamid, ...rest } = json;
			return rest;
		},
	},
};
