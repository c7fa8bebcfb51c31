import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getGraphCredentials, graphRequest } from '../../../shared/graph';
import type { ParameterProblem } from '../common/parameterProblem';
import { templatesPath } from './graph';
import { templateIdOf, templateIdProblems, templateLocator } from './locator';
import { validateTemplateName } from './rules';

const show = { resource: ['template'], operation: ['delete'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Delete',
		name: 'deleteBy',
		type: 'options',
		options: [
			{ name: 'All Languages (By Name)', value: 'name', description: 'Every language of the template with this name' },
			{ name: 'One Language (By ID and Name)', value: 'id', description: 'Only the template with this ID' },
		],
		default: 'name',
		displayOptions: { show },
	},
	{ ...templateLocator('delete', 'The template (one language) to delete'), displayOptions: { show: { ...show, deleteBy: ['id'] } } },
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. order_shipped',
		description: 'The template\'s name. Every language with this name is deleted.',
		displayOptions: { show: { ...show, deleteBy: ['name'] } },
	},
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		placeholder: 'e.g. order_shipped',
		description:
			'The template\'s name, which Meta requires with the ID. Leave empty to look it up from the ID first (one extra request).',
		displayOptions: { show: { ...show, deleteBy: ['id'] } },
	},
];

const byId = (context: IExecuteFunctions, itemIndex: number) => context.getNodeParameter('deleteBy', itemIndex, 'name') === 'id';
const nameOf = (context: IExecuteFunctions, itemIndex: number) => String(context.getNodeParameter('name', itemIndex, '')).trim();

/** By ID, the ID must be one and a given name well formed; by name, the name is required. */
export function validate(this: IExecuteFunctions, itemIndex: number): ParameterProblem[] {
	const name = nameOf(this, itemIndex);
	if (!byId(this, itemIndex)) return validateTemplateName(name);
	return [...templateIdProblems.call(this, itemIndex), ...(name ? validateTemplateName(name) : [])];
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	let name = nameOf(this, itemIndex);
	const id = byId(this, itemIndex) ? templateIdOf.call(this, itemIndex) : undefined;

	const { businessAccountId } = await getGraphCredentials.call(this);
	if (!name && id) {
		// Meta's one-language delete needs hsm_id AND name; the template itself knows its name.
		const template = (await graphRequest.call(this, { method: 'GET', path: `/${id}`, qs: { fields: 'name,language' }, itemIndex })) as IDataObject;
		name = String(template.name ?? '');
	}
	const qs = id ? { hsm_id: id, name } : { name };
	const response = (await graphRequest.call(this, { method: 'DELETE', path: templatesPath(businessAccountId), qs, itemIndex })) as IDataObject;
	return { ...response, name, ...(id ? { id } : {}) };
}
