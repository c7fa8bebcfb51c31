import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { templatesPath, validateTemplateName } from '../../helpers/template';
import { getGraphCredentials, graphRequest } from '../../transport';
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
		description: 'The template\'s name. Meta requires it with an ID too.',
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const deleteBy = this.getNodeParameter('deleteBy', itemIndex, 'name') as string;
	const name = String(this.getNodeParameter('name', itemIndex, '')).trim();
	const id = deleteBy === 'id' ? readTemplateId.call(this, itemIndex) : undefined;
	throwProblems.call(this, validateTemplateName(name), itemIndex);

	const { businessAccountId } = await getGraphCredentials.call(this);
	const qs = id ? { hsm_id: id, name } : { name };
	const response = (await graphRequest.call(this, { method: 'DELETE', path: templatesPath(businessAccountId), qs, itemIndex })) as IDataObject;
	return { ...response, name, ...(id ? { id } : {}) };
}
