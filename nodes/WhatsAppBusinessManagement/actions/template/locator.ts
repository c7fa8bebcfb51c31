import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ParameterProblem } from '../common/parameterProblem';

/** The template resource locator: a searchable list (name and language) or a template ID. */
export function templateLocator(operation: string, description = 'The message template'): INodeProperties {
	return {
		displayName: 'Template',
		name: 'templateId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchTemplates', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 1689556908129832',
				validation: [
					{ type: 'regex', properties: { regex: '^[0-9]+$', errorMessage: 'A template ID contains only digits' } },
				],
			},
		],
		displayOptions: { show: { resource: ['template'], operation: [operation] } },
	};
}

export function templateIdOf(this: IExecuteFunctions, itemIndex: number): string {
	return String(this.getNodeParameter('templateId', itemIndex, '', { extractValue: true }) ?? '').trim();
}

export function templateIdProblems(this: IExecuteFunctions, itemIndex: number): ParameterProblem[] {
	const id = templateIdOf.call(this, itemIndex);
	if (/^\d+$/.test(id)) return [];
	return [{ field: 'Template', rule: `the template ID must contain only digits, not "${id}"`, hint: 'Pick the template from the list or paste its numeric ID.' }];
}
