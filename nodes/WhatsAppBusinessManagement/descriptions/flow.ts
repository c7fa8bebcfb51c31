import type { INodeProperties } from 'n8n-workflow';

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
