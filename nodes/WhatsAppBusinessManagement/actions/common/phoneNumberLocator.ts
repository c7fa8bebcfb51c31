import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ParameterProblem } from './parameterProblem';

/** The phone-number resource locator: pick from the WABA's numbers, or give the ID. */
export function phoneNumberLocator(
	resource: string,
	operations: string[],
	options: { required?: boolean; name?: string; displayName?: string; description?: string } = {},
): INodeProperties {
	return {
		displayName: options.displayName ?? 'Phone Number',
		name: options.name ?? 'phoneNumberId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: options.required ?? true,
		description: options.description ?? 'The WhatsApp business phone number',
		displayOptions: { show: { resource: [resource], operation: operations } },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchPhoneNumbers', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 106540352242922',
				validation: [{ type: 'regex', properties: { regex: '^\\d+$', errorMessage: 'A phone number ID has digits only' } }],
			},
		],
	};
}

interface PhoneNumberField {
	/** The parameter's internal name (default `phoneNumberId`). */
	name?: string;
	/** Its label (default `Phone Number`). */
	label?: string;
	required?: boolean;
}

/** The phone-number ID a locator holds, trimmed ('' when empty). */
export function phoneNumberIdOf(this: IExecuteFunctions, itemIndex: number, field: PhoneNumberField = {}): string {
	return String(this.getNodeParameter(field.name ?? 'phoneNumberId', itemIndex, '', { extractValue: true }) ?? '').trim();
}

/** A phone-number locator must hold a Graph ID (digits), not the phone number itself. */
export function phoneNumberProblems(this: IExecuteFunctions, itemIndex: number, field: PhoneNumberField = {}): ParameterProblem[] {
	const label = field.label ?? 'Phone Number';
	const value = phoneNumberIdOf.call(this, itemIndex, field);
	if (!value) return field.required === false ? [] : [{ field: label, rule: 'a phone number ID is required' }];
	if (/^\d+$/.test(value)) return [];
	return [
		{
			field: label,
			rule: `must be a phone number ID (digits only), not "${value}"`,
			hint: 'Use the phone number ID from WhatsApp Manager or Sender > Get Many, not the phone number itself.',
		},
	];
}
