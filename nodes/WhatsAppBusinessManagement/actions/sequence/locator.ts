import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ParameterProblem } from '../common/parameterProblem';
import { validateSequenceId } from './rules';

/** The sequence to act on: picked from a searchable list, or typed as an ID. */
export function sequenceLocator(operations: string[], description: string): INodeProperties {
	return {
		displayName: 'Sequence',
		name: 'sequenceId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		displayOptions: { show: { resource: ['sequence'], operation: operations } },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a sequence...',
				typeOptions: { searchListMethod: 'searchSequences', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: '186473890',
				validation: [
					{
						type: 'regex',
						properties: { regex: '^\\d+$', errorMessage: 'A sequence ID contains only digits' },
					},
				],
			},
		],
	};
}

/** The sequence ID from the resource locator (list or ID mode), trimmed; '' when there is none. */
export function sequenceIdOf(this: IExecuteFunctions, itemIndex: number): string {
	const raw = this.getNodeParameter('sequenceId', itemIndex, '', { extractValue: true }) as unknown;
	const value = raw && typeof raw === 'object' ? (raw as IDataObject).value : raw;
	return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
}

/** The sequence locator's value must be a sequence ID (digits). */
export function sequenceIdProblems(this: IExecuteFunctions, itemIndex: number): ParameterProblem[] {
	const id = sequenceIdOf.call(this, itemIndex);
	return id === '' ? [{ field: 'Sequence', rule: 'must not be empty: pick a sequence or enter its ID' }] : validateSequenceId(id);
}
