import type { IDataObject, IExecuteFunctions, INodeProperties, ResourceMapperValue } from 'n8n-workflow';

import type { ParameterProblem } from '../common/parameterProblem';
import { templateIdOf, templateIdProblems, templateLocator } from '../template/locator';
import { addressProblems, readAddress, readSender, recipientFields, replyToField, RESOURCE, senderField } from './fields';
import { sendMessage } from './send';
import { sendingOptionsField, sendingOptionsProblems } from './sendingOptions';
import { buildSendComponents, type SlotValues } from './template/components';
import { readTemplatePlan } from './template/definition';
import { mediaFileProblems, resolveMedia } from './template/media';
import { templateValueProblems } from './template/rules';

const OPERATION = 'sendTemplate';
const show = { resource: [RESOURCE], operation: [OPERATION] };

export const option = {
	name: 'Send Template',
	value: OPERATION,
	description: 'Send an approved message template, inside or outside the 24-hour customer service window',
	action: 'Send a template message',
};

export const description: INodeProperties[] = [
	senderField([OPERATION]),
	...recipientFields([OPERATION]),
	{
		...templateLocator(OPERATION, 'The approved template to send. Its variables appear below once it is picked.'),
		displayOptions: { show },
	},
	{
		displayName: 'Template Variables',
		name: 'templateVariables',
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		required: true,
		description: 'One field per variable of the template, named as in the template',
		typeOptions: {
			loadOptionsDependsOn: ['templateId.value'],
			resourceMapper: {
				resourceMapperMethod: 'getTemplateVariables',
				mode: 'add',
				valuesLabel: 'Template Variables',
				fieldWords: { singular: 'variable', plural: 'variables' },
				addAllFields: true,
				multiKeyMatch: false,
				supportAutoMap: false,
				noFieldsError: 'This template has no variables: it is sent as it is.',
			},
		},
		displayOptions: { show },
	},
	...replyToField([OPERATION]),
	{
		displayName: 'Options',
		name: 'templateOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Send Through Marketing Messages API',
				name: 'marketingMessages',
				type: 'boolean',
				default: false,
				description:
					'Whether to send through Meta\'s Marketing Messages API (/marketing_messages), which Meta recommends for MARKETING templates: delivery optimised for engagement. Other categories are refused.',
			},
		],
	},
	sendingOptionsField([OPERATION]),
];

/** The mapped values by variable field ID; empty before the template's variables are mapped. */
function valuesOf(context: IExecuteFunctions, itemIndex: number): SlotValues {
	const mapping = context.getNodeParameter('templateVariables', itemIndex, {}) as Partial<ResourceMapperValue>;
	return (mapping.value ?? {}) as SlotValues;
}

const usesMarketingMessages = (context: IExecuteFunctions, itemIndex: number) =>
	(context.getNodeParameter('templateOptions', itemIndex, {}) as IDataObject).marketingMessages === true;

export async function validate(this: IExecuteFunctions, itemIndex: number): Promise<ParameterProblem[]> {
	const problems = [...addressProblems(this, itemIndex), ...sendingOptionsProblems(this, itemIndex), ...templateIdProblems.call(this, itemIndex)];
	if (problems.some((problem) => problem.field === 'Template')) return problems;
	// Reading the template is a read: what the item would send is checked against it before the send.
	const plan = await readTemplatePlan(this, templateIdOf.call(this, itemIndex), itemIndex);
	const values = valuesOf(this, itemIndex);
	const binary = this.getInputData()[itemIndex]?.binary ?? {};
	problems.push(
		...templateValueProblems(plan, values, {
			marketingMessages: usesMarketingMessages(this, itemIndex),
			toUserId: this.getNodeParameter('recipientType', itemIndex, 'phone') === 'userId',
			hasBinary: (property) => property in binary,
		}),
		...(await mediaFileProblems.call(this, itemIndex, plan, values)),
	);
	return problems;
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const phoneNumberId = readSender(this, itemIndex);
	const plan = await readTemplatePlan(this, templateIdOf.call(this, itemIndex), itemIndex);
	const values = await resolveMedia.call(this, itemIndex, plan, valuesOf(this, itemIndex), phoneNumberId);
	const components = buildSendComponents(plan, values);
	const template: IDataObject = { name: plan.name, language: { code: plan.language } };
	if (components.length) template.components = components;
	const body: IDataObject = { ...readAddress(this, itemIndex), type: 'template', template };
	// https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/send-marketing-messages
	const path = usesMarketingMessages(this, itemIndex) ? 'marketing_messages' : 'messages';
	return await sendMessage.call(this, itemIndex, { phoneNumberId, path, body });
}
