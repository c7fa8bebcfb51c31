import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	buildWelcomeMessage,
	formatProblem,
	parseWelcomeMessageJson,
	validateSequenceId,
	type ValidationProblem,
	type WelcomeMessage,
} from '../../helpers/sequence';

/** Throws the first problem as a NodeOperationError (before any request), listing the others. */
export function throwProblems(this: IExecuteFunctions, problems: ValidationProblem[], itemIndex: number): void {
	if (!problems.length) return;
	const [first, ...others] = problems;
	throw new NodeOperationError(this.getNode(), formatProblem(first), {
		itemIndex,
		description:
			(others.length ? `Also: ${others.map(formatProblem).join('; ')}. ` : '') + 'Nothing was sent to Meta.',
	});
}

/** Reads the welcome message from the "Fields" or "JSON" mode and checks it. */
export function readWelcomeMessage(this: IExecuteFunctions, itemIndex: number, defineUsing: string): WelcomeMessage {
	if (defineUsing === 'json') {
		const raw = this.getNodeParameter('welcomeMessageJson', itemIndex, '') as unknown;
		const { message, problems } = parseWelcomeMessageJson(raw);
		throwProblems.call(this, problems, itemIndex);
		return message!;
	}
	const iceBreakers = this.getNodeParameter('iceBreakers', itemIndex, {}) as { iceBreaker?: Array<{ title?: string }> };
	const { message, problems } = buildWelcomeMessage({
		text: this.getNodeParameter('text', itemIndex, '') as string,
		autofillMessage: this.getNodeParameter('autofillMessage', itemIndex, '') as string,
		iceBreakerTitles: (iceBreakers.iceBreaker ?? []).map((entry) => entry.title ?? ''),
	});
	throwProblems.call(this, problems, itemIndex);
	return message;
}

/** The sequence ID from the resource locator (list or ID mode), checked to be digits. */
export function readSequenceId(this: IExecuteFunctions, itemIndex: number): string {
	const raw = this.getNodeParameter('sequenceId', itemIndex, '', { extractValue: true }) as unknown;
	const value = raw && typeof raw === 'object' ? (raw as IDataObject).value : raw;
	const id = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
	throwProblems.call(this, id === '' ? [{ field: 'Sequence', rule: 'must not be empty: pick a sequence or enter its ID' }] : validateSequenceId(id), itemIndex);
	return id;
}
