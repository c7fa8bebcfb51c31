import type { INodeProperties } from 'n8n-workflow';

import { checkParameters, checkValue } from '../../nodes/WhatsAppBusinessManagement/actions/common/descriptionRules';

/** The rules a field's description states, checked by the router before any operation runs. */
describe('description rules', () => {
	const buttons: INodeProperties = {
		displayName: 'Buttons',
		name: 'buttons',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		options: [
			{
				displayName: 'Button',
				name: 'button',
				values: [
					{ displayName: 'Type', name: 'type', type: 'options', options: [{ name: 'Flow', value: 'flow' }, { name: 'URL', value: 'url' }], default: 'url' },
					{
						displayName: 'Flow Action',
						name: 'flowAction',
						type: 'options',
						options: [{ name: 'Navigate', value: 'navigate' }],
						default: 'navigate',
						displayOptions: { show: { type: ['flow'] } },
					},
				],
			},
		],
	};

	it('checks a field inside an entry only when the entry shows it', () => {
		const value = { button: [{ type: 'url', flowAction: 'jump' }, { type: 'flow', flowAction: 'jump' }] };
		expect(checkValue(buttons, value)).toEqual([{ field: 'Buttons > Button 2 > Flow Action', rule: 'must be one of "navigate", not "jump"' }]);
	});

	it('leaves a field the operation already refused to the operation', () => {
		const limit: INodeProperties = { displayName: 'Limit', name: 'limit', type: 'number', typeOptions: { minValue: 1 }, default: 50 };
		expect(checkValue(limit, 0)).toEqual([{ field: 'Limit', rule: 'must be at least 1, not 0' }]);
		expect(checkValue(limit, 0, 'Limit', new Set(['Limit']))).toEqual([]);
		expect(checkParameters([limit], () => 0, new Set(['Limit']))).toEqual([]);
	});
});
