import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

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

/** Reads a phone-number locator as an ID, checking it is digits (Graph IDs) before anything is sent. */
export function getPhoneNumberId(
	this: IExecuteFunctions,
	itemIndex: number,
	options: { name?: string; label?: string; required?: boolean } = {},
): string | undefined {
	const name = options.name ?? 'phoneNumberId';
	const label = options.label ?? 'Phone Number';
	const value = String(this.getNodeParameter(name, itemIndex, '', { extractValue: true }) ?? '').trim();
	if (!value) {
		if (options.required === false) return undefined;
		throw new NodeOperationError(this.getNode(), `Field "${label}": a phone number ID is required`, { itemIndex });
	}
	if (!/^\d+$/.test(value)) {
		throw new NodeOperationError(this.getNode(), `Field "${label}": must be a phone number ID (digits only), not "${value}"`, {
			itemIndex,
			description: 'Use the phone number ID from WhatsApp Manager or Sender > Get Many, not the phone number itself.',
		});
	}
	return value;
}
