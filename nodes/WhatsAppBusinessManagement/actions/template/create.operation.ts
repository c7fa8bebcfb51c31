import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getGraphCredentials, graphRequest } from '../../../shared/graph';
import { additionalFieldsCollection } from '../common/collections';
import type { ParameterProblem } from '../common/parameterProblem';
import { componentFields } from './componentFields';
import { messageTtlField } from './fields';
import { templatesPath } from './graph';
import { sampleProblems, uploadSample } from './headerSample';
import { readComponents } from './readComponents';
import { validateCategory, validateCreateTemplate, validateLanguage, validateMessageTtl, validateTemplateName } from './rules';

const show = { resource: ['template'], operation: ['create'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. order_shipped',
		description: 'Lowercase letters, digits and underscores, up to 512 characters',
		displayOptions: { show },
	},
	{
		displayName: 'Language',
		name: 'language',
		type: 'string',
		default: 'en_US',
		required: true,
		placeholder: 'e.g. en_US',
		description: 'The template\'s language code, such as en, en_US or pt_BR',
		displayOptions: { show },
	},
	{
		displayName: 'Category',
		name: 'category',
		type: 'options',
		options: [
			{ name: 'Authentication', value: 'AUTHENTICATION', description: 'One-time passwords (define components as JSON)' },
			{ name: 'Marketing', value: 'MARKETING', description: 'Promotions, offers, announcements' },
			{ name: 'Utility', value: 'UTILITY', description: 'Updates about an order or account the user asked for' },
		],
		default: 'UTILITY',
		displayOptions: { show },
	},
	...componentFields(show),
	additionalFieldsCollection({ show }, [messageTtlField]),
];

function templateOf(this: IExecuteFunctions, itemIndex: number) {
	const additionalFields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	return {
		name: String(this.getNodeParameter('name', itemIndex, '')).trim(),
		language: String(this.getNodeParameter('language', itemIndex, '')).trim(),
		category: this.getNodeParameter('category', itemIndex) as string,
		messageSendTtlSeconds: additionalFields.messageSendTtlSeconds,
		read: readComponents.call(this, itemIndex),
	};
}

const ttlOf = (seconds: unknown): IDataObject => (seconds === undefined ? {} : { message_send_ttl_seconds: seconds as number });

export async function validate(this: IExecuteFunctions, itemIndex: number): Promise<ParameterProblem[]> {
	const { name, language, category, messageSendTtlSeconds, read } = templateOf.call(this, itemIndex);
	const problems: ParameterProblem[] = [...read.problems];
	if (messageSendTtlSeconds !== undefined) problems.push(...validateMessageTtl(messageSendTtlSeconds, category));
	if (this.getNodeParameter('componentsSource', itemIndex, 'builder') === 'builder' && category === 'AUTHENTICATION') {
		problems.push({
			component: 'Template',
			field: 'Define Components',
			rule: 'must be "Using JSON" for AUTHENTICATION templates: Meta supplies their text and they need a one-time-password button',
		});
	}
	if (read.problems.length) problems.push(...validateTemplateName(name), ...validateLanguage(language), ...validateCategory(category));
	else problems.push(...validateCreateTemplate({ name, language, category, parameterFormat: read.parameterFormat, components: read.components }));
	return [...problems, ...(await sampleProblems.call(this, read.sample, itemIndex))];
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const { name, language, category, messageSendTtlSeconds, read } = templateOf.call(this, itemIndex);
	// The sample goes to Meta's upload app: the App ID is checked before the sample is fetched.
	const { businessAccountId } = await getGraphCredentials.call(this, read.sample ? ['appId'] : []);
	const components = await uploadSample.call(this, read.components, read.sample, itemIndex);
	return (await graphRequest.call(this, {
		method: 'POST',
		path: templatesPath(businessAccountId),
		body: { name, language, category, parameter_format: read.parameterFormat, components, ...ttlOf(messageSendTtlSeconds) },
		itemIndex,
	})) as IDataObject;
}
