import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ParameterProblem } from '../common/parameterProblem';

/**
 * The flow resource locator: pick from the WABA's flows, paste an ID, or paste a WhatsApp Manager
 * link to the flow.
 */
export function flowLocator(operations: string[], overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Flow',
		name: 'flowId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The WhatsApp Flow to use',
		displayOptions: { show: { resource: ['flow'], operation: operations } },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchFlows', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 1234567890123456',
				validation: [{ type: 'regex', properties: { regex: '^\\s*\\d+\\s*$', errorMessage: 'A flow ID contains only digits' } }],
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: 'e.g. https://business.facebook.com/wa/manage/flows/1234567890123456/',
				validation: [
					{ type: 'regex', properties: { regex: '.*/flows/\\d+.*', errorMessage: 'Paste a WhatsApp Manager link to a flow' } },
				],
			},
		],
		...overrides,
	};
}

/**
 * A flow chosen in a resource locator: a bare ID, a `{mode, value}` locator, or a WhatsApp Manager
 * link (`.../wa/manage/flows/<id>/...`). Returns the ID or undefined when none can be read.
 */
export function flowIdFromLocator(value: unknown): string | undefined {
	let raw: unknown = value;
	if (raw && typeof raw === 'object' && 'value' in (raw as IDataObject)) raw = (raw as IDataObject).value;
	if (raw === undefined || raw === null) return undefined;
	const text = String(raw).trim();
	if (/^\d+$/.test(text)) return text;
	const fromLink = /\/flows\/(\d+)(?:[/?#]|$)/.exec(text);
	if (fromLink) return fromLink[1];
	const fromQuery = /[?&]flow_id=(\d+)/.exec(text);
	return fromQuery?.[1];
}

/** The flow ID a flow resource locator holds, or undefined when none can be read from it. */
export function flowIdOf(this: IExecuteFunctions, itemIndex: number, parameterName = 'flowId'): string | undefined {
	return flowIdFromLocator(this.getNodeParameter(parameterName, itemIndex, '') as unknown);
}

/** The Flow locator must hold a numeric flow ID or a WhatsApp Manager link to a flow. */
export function flowIdProblems(this: IExecuteFunctions, itemIndex: number): ParameterProblem[] {
	const value = this.getNodeParameter('flowId', itemIndex, '') as unknown;
	if (flowIdFromLocator(value)) return [];
	const shown = value && typeof value === 'object' ? (value as IDataObject).value : value;
	return [{ field: 'Flow', rule: `must be a numeric flow ID or a WhatsApp Manager link to a flow${shown ? `, not "${String(shown)}"` : ' (it is empty)'}` }];
}
