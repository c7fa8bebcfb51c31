import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getGraphCredentials, graphRequest } from '../../../shared/graph';
import type { ParameterProblem } from '../common/parameterProblem';
import { componentFields } from './componentFields';
import { messageTtlField } from './fields';
import { validateComponents } from './componentRules';
import { sampleProblems, uploadSample } from './headerSample';
import { templateIdOf, templateIdProblems, templateLocator } from './locator';
import { TEMPLATE_CATEGORY_OPTIONS } from './options';
import { readComponents } from './readComponents';
import { validateCategory, validateMessageTtl } from './rules';

const show = { resource: ['template'], operation: ['edit'] };

/** Meta's editing rules (template-management guide), added to a refused edit's explanation. */
export const EDIT_RULES =
	'Meta edits only APPROVED, REJECTED or PAUSED templates. An APPROVED template keeps its category and can be edited once per 24 hours and 10 times per 30 days; REJECTED and PAUSED templates have no edit limit.';

export const description: INodeProperties[] = [
	templateLocator('edit', 'The template to edit'),
	{
		displayName: 'Update Components',
		name: 'updateComponents',
		type: 'boolean',
		default: true,
		description: 'Whether to replace the template\'s components (Meta replaces the whole list)',
		displayOptions: { show },
	},
	...componentFields({ ...show, updateComponents: [true] }),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Category',
				name: 'category',
				type: 'options',
				options: TEMPLATE_CATEGORY_OPTIONS,
				default: 'UTILITY',
				description: 'The new category. An approved template\'s category cannot change.',
			},
			messageTtlField,
		],
	},
];

function hasOtpButton(components: Array<Record<string, unknown>>): boolean {
	if (!Array.isArray(components)) return false;
	return components.some(
		(component) =>
			component !== null &&
			typeof component === 'object' &&
			String(component.type ?? '').toUpperCase() === 'BUTTONS' &&
			Array.isArray(component.buttons) &&
			(component.buttons as unknown[]).some(
				(button) => button !== null && typeof button === 'object' && String((button as IDataObject).type ?? '').toUpperCase() === 'OTP',
			),
	);
}

/** The edit this item's fields make: Meta's body, the components read, and what is wrong with them. */
function readEdit(this: IExecuteFunctions, itemIndex: number) {
	const updateFields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const category = updateFields.category as string | undefined;
	const body: IDataObject = {};
	const problems: ParameterProblem[] = [];
	if (category !== undefined) {
		problems.push(...validateCategory(category));
		body.category = category;
	}
	if (updateFields.messageSendTtlSeconds !== undefined) {
		problems.push(...validateMessageTtl(updateFields.messageSendTtlSeconds, category));
		body.message_send_ttl_seconds = updateFields.messageSendTtlSeconds;
	}
	const read = this.getNodeParameter('updateComponents', itemIndex, true) ? readComponents.call(this, itemIndex) : undefined;
	if (read?.problems.length) problems.push(...read.problems);
	else if (read) {
		// An edit need not repeat the category. Only AUTHENTICATION templates may carry an OTP button
		// (and they carry no body text), so components with one are checked as authentication ones.
		const checkedCategory = category ?? (hasOtpButton(read.components) ? 'AUTHENTICATION' : undefined);
		problems.push(...validateComponents(read.components, { category: checkedCategory, parameterFormat: read.parameterFormat }));
	}
	if (!read && body.category === undefined && body.message_send_ttl_seconds === undefined) {
		problems.push({ component: 'Template', field: 'Update Fields', rule: 'is empty: choose components, a category or a message TTL to change' });
	}
	return { body, read, problems };
}

export async function validate(this: IExecuteFunctions, itemIndex: number): Promise<ParameterProblem[]> {
	const { read, problems } = readEdit.call(this, itemIndex);
	return [...templateIdProblems.call(this, itemIndex), ...problems, ...(await sampleProblems.call(this, read?.sample, itemIndex))];
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = templateIdOf.call(this, itemIndex);
	const { body, read } = readEdit.call(this, itemIndex);
	if (read) {
		// The sample goes to Meta's upload app: the App ID is checked before the sample is fetched.
		if (read.sample) await getGraphCredentials.call(this, ['appId']);
		body.components = await uploadSample.call(this, read.components, read.sample, itemIndex);
	}
	const response = (await graphRequest.call(this, {
		method: 'POST',
		path: `/${id}`,
		body,
		itemIndex,
		explain: { 100: { description: EDIT_RULES } },
	})) as IDataObject;
	return { id, ...response };
}
