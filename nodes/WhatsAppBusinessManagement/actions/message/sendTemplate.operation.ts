import type { IDataObject, IExecuteFunctions, INodeProperties, ResourceMapperField, ResourceMapperValue } from 'n8n-workflow';

import { checkParameters } from '../common/descriptionRules';
import type { ParameterProblem } from '../common/parameterProblem';
import { templateIdOf, templateIdProblems, templateLocator } from '../template/locator';
import { addressProblems, readAddress, readSender, recipientFields, replyToField, RESOURCE, senderField } from './fields';
import { sendMessage } from './send';
import { sendingOptionsField, sendingOptionsProblems } from './sendingOptions';
import { buildSendComponents, type SlotValues } from './template/components';
import { readTemplatePlan } from './template/definition';
import { mediaFileProblems, resolveMedia } from './template/media';
import { schemaProblems, templateValueProblems } from './template/rules';

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

/** The mapped values by variable field ID, and the field list the editor loaded (empty when none was). */
function mappingOf(context: IExecuteFunctions, itemIndex: number): { values: SlotValues; schema: ResourceMapperField[] } {
	const mapping = context.getNodeParameter('templateVariables', itemIndex, {}) as Partial<ResourceMapperValue>;
	return { values: (mapping.value ?? {}) as SlotValues, schema: Array.isArray(mapping.schema) ? mapping.schema : [] };
}

const usesMarketingMessages = (context: IExecuteFunctions, itemIndex: number) =>
	(context.getNodeParameter('templateOptions', itemIndex, {}) as IDataObject).marketingMessages === true;

/** Whether the description's own rules refuse a field of this item (the router reports those). */
function refusedByDescription(context: IExecuteFunctions, itemIndex: number): boolean {
	const read = (name: string) => {
		try {
			return context.getNodeParameter(name, itemIndex) as object;
		} catch {
			return undefined;
		}
	};
	return checkParameters(description, read).length > 0;
}

/**
 * Checks needing no request first; the template is read (a GET, never a send) only for an item
 * whose other fields are clean, and its values are checked against the live definition.
 */
export async function validate(this: IExecuteFunctions, itemIndex: number): Promise<ParameterProblem[]> {
	const problems = [...addressProblems(this, itemIndex), ...sendingOptionsProblems(this, itemIndex), ...templateIdProblems.call(this, itemIndex)];
	if (problems.length || refusedByDescription(this, itemIndex)) return problems;
	const { values, schema } = mappingOf(this, itemIndex);
	const stored = schema.length ? schemaProblems(schema, values) : [];
	if (stored.length) return stored;
	const plan = await readTemplatePlan(this, templateIdOf.call(this, itemIndex), itemIndex);
	const binary = this.getInputData()[itemIndex]?.binary ?? {};
	return [
		...templateValueProblems(plan, values, {
			marketingMessages: usesMarketingMessages(this, itemIndex),
			toUserId: this.getNodeParameter('recipientType', itemIndex, 'phone') === 'userId',
			hasBinary: (property) => property in binary,
		}),
		...(await mediaFileProblems.call(this, itemIndex, plan, values)),
	];
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const phoneNumberId = readSender(this, itemIndex);
	const plan = await readTemplatePlan(this, templateIdOf.call(this, itemIndex), itemIndex);
	const values = await resolveMedia.call(this, itemIndex, plan, mappingOf(this, itemIndex).values, phoneNumberId);
	const components = buildSendComponents(plan, values);
	const template: IDataObject = { name: plan.name, language: { code: plan.language } };
	if (components.length) template.components = components;
	const body: IDataObject = { ...readAddress(this, itemIndex), type: 'template', template };
	// https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/send-marketing-messages
	const path = usesMarketingMessages(this, itemIndex) ? 'marketing_messages' : 'messages';
	return await sendMessage.call(this, itemIndex, { phoneNumberId, path, body });
}
