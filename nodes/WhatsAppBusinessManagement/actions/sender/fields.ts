/** Fields several sender operations show (PIN, code method), read and checked. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ParameterProblem } from '../common/parameterProblem';
import { pinProblems } from './rules';

export const showFor = (...operations: string[]) => ({ show: { resource: ['sender'], operation: operations } });

export function pinField(operation: string, description: string): INodeProperties {
	return {
		displayName: 'PIN',
		name: 'pin',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		placeholder: 'e.g. 520164',
		description,
		displayOptions: showFor(operation),
	};
}

export function codeMethodFields(operation: string): INodeProperties[] {
	return [
		{
			displayName: 'Code Method',
			name: 'codeMethod',
			type: 'options',
			options: [
				{ name: 'SMS', value: 'SMS' },
				{ name: 'Voice Call', value: 'VOICE' },
			],
			default: 'SMS',
			description: 'How Meta sends the verification code to the number',
			displayOptions: showFor(operation),
		},
		{
			displayName: 'Language',
			name: 'language',
			type: 'string',
			default: 'en_US',
			placeholder: 'e.g. en_US',
			description: 'Language of the SMS or call, as a locale code',
			displayOptions: showFor(operation),
		},
	];
}

export function codeMethodOf(this: IExecuteFunctions, itemIndex: number): { codeMethod: string; language: string } {
	return {
		codeMethod: String(this.getNodeParameter('codeMethod', itemIndex, 'SMS')),
		language: String(this.getNodeParameter('language', itemIndex, 'en_US')).trim(),
	};
}

export function codeMethodProblems(this: IExecuteFunctions, itemIndex: number): ParameterProblem[] {
	const { codeMethod, language } = codeMethodOf.call(this, itemIndex);
	const problems: ParameterProblem[] = [];
	if (codeMethod !== 'SMS' && codeMethod !== 'VOICE') problems.push({ field: 'Code Method', rule: 'must be SMS or VOICE' });
	if (!/^[a-z]{2,3}(_[A-Z]{2})?$/.test(language)) problems.push({ field: 'Language', rule: `must be a locale code such as en_US, not "${language}"` });
	return problems;
}

/** The PIN field's value (trimmed) and what is wrong with it. */
export function pinOf(this: IExecuteFunctions, itemIndex: number): { pin: string; problems: ParameterProblem[] } {
	const pin = String(this.getNodeParameter('pin', itemIndex, '')).trim();
	return { pin, problems: pinProblems(pin) };
}
