import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { buildWelcomeMessage, parseWelcomeMessageJson, validateSequenceId, type WelcomeMessage } from '../../helpers/sequence';
import type { ParameterProblem } from '../common/parameterProblem';

/** The welcome message of the "Fields" or "JSON" mode, with what is wrong with it. */
export function readWelcomeMessage(
	this: IExecuteFunctions,
	itemIndex: number,
	defineUsing: string,
): { message?: WelcomeMessage; problems: ParameterProblem[] } {
	if (defineUsing === 'json') return parseWelcomeMessageJson(this.getNodeParameter('welcomeMessageJson', itemIndex, '') as unknown);
	const iceBreakers = this.getNodeParameter('iceBreakers', itemIndex, {}) as { iceBreaker?: Array<{ title?: string }> };
	return buildWelcomeMessage({
		text: this.getNodeParameter('text', itemIndex, '') as string,
		autofillMessage: this.getNodeParameter('autofillMessage', itemIndex, '') as string,
		iceBreakerTitles: (iceBreakers.iceBreaker ?? []).map((entry) => entry.title ?? ''),
	});
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
