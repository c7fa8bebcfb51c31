import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { templatesPath, validateCreateTemplate } from '../../helpers/template';
import { getGraphCredentials, graphRequest } from '../../../shared/graph';
import { componentFields, precheckSample, readComponents, throwProblems, uploadSample } from './components';

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
];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const name = String(this.getNodeParameter('name', itemIndex, '')).trim();
	const language = String(this.getNodeParameter('language', itemIndex, '')).trim();
	const category = this.getNodeParameter('category', itemIndex) as string;
	const read = readComponents.call(this, itemIndex);
	const source = this.getNodeParameter('componentsSource', itemIndex, 'builder') as string;

	const problems = validateCreateTemplate({ name, language, category, parameterFormat: read.parameterFormat, components: read.components });
	if (source === 'builder' && category === 'AUTHENTICATION') {
		problems.unshift({
			component: 'Template',
			field: 'Define Components',
			rule: 'must be "Using JSON" for AUTHENTICATION templates: Meta supplies their text and they need a one-time-password button',
		});
	}
	throwProblems.call(this, problems, itemIndex);
	await precheckSample.call(this, read.sample, itemIndex);

	const { businessAccountId } = await getGraphCredentials.call(this);
	const components = await uploadSample.call(this, read.components, read.sample, itemIndex);
	return (await graphRequest.call(this, {
		method: 'POST',
		path: templatesPath(businessAccountId),
		body: { name, language, category, parameter_format: read.parameterFormat, components },
		itemIndex,
	})) as IDataObject;
}
