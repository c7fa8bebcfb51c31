import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { templatesPath, validateTemplateName } from '../../helpers/template';
import { getGraphCredentials, graphRequest } from '../../../shared/graph';
import { readTemplateId, templateLocator, throwProblems } from './components';

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

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const deleteBy = this.getNodeParameter('deleteBy', itemIndex, 'name') as string;
	let name = String(this.getNodeParameter('name', itemIndex, '')).trim();
	const id = deleteBy === 'id' ? readTemplateId.call(this, itemIndex) : undefined;
	if (name || !id) throwProblems.call(this, validateTemplateName(name), itemIndex);

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
