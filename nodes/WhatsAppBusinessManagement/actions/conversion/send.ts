import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { getGraphCredentials, graphRequest } from '../../../shared/graph';
import { batchEvents, buildEventsBody, buildServerEvent, eventsPath, sentEventItem, splitBatch, type EventBatch, type PreparedEvent } from './build';
import { findDataset } from './dataset';
import { refusal, type ParameterProblem } from '../common/parameterProblem';
import { conversionProblems, type ConversionInput } from './rules';

/** What one input item ends as: its output item, or the error that belongs to it. */
export type EventOutcome = { json: IDataObject } | { error: Error };

/**
 * Each item's parameters, read once per run: validate() and the run's send both need them, and
 * n8n resolves every expression again on each getNodeParameter call (most of the node's time on
 * 10,000 items).
 */
const readInputs = new WeakMap<IExecuteFunctions, Map<number, ConversionInput>>();

export function readConversionInput(this: IExecuteFunctions, itemIndex: number): ConversionInput {
	let inputs = readInputs.get(this);
	if (!inputs) readInputs.set(this, (inputs = new Map()));
	let input = inputs.get(itemIndex);
	if (!input) inputs.set(itemIndex, (input = readParameters.call(this, itemIndex)));
	return input;
}

function readParameters(this: IExecuteFunctions, itemIndex: number): ConversionInput {
	const read = (name: string, fallback: unknown = '') => this.getNodeParameter(name, itemIndex, fallback) as unknown;
	const asText = (value: unknown) => (typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '');
	return {
		datasetId: asText(read('datasetId')),
		eventName: asText(read('eventName', 'LeadSubmitted')),
		customEventName: asText(read('customEventName')),
		eventTime: read('eventTime'),
		ctwaClid: read('ctwaClid'),
		value: read('value'),
		currency: asText(read('currency')),
		eventId: asText(read('eventId')),
		testEventCode: asText(read('options.testEventCode')),
	};
}

export function problemError(this: IExecuteFunctions, problems: ParameterProblem[], itemIndex: number): NodeOperationError {
	return refusal(this.getNode(), problems, itemIndex);
}

/** Whether Meta refused the events' content (code 100 on the request), rather than the request itself. */
function refusesContent(error: unknown): boolean {
	if (!(error instanceof NodeApiError)) return false;
	// Subcode 33: the dataset itself cannot be loaded, whatever the events hold.
	return error.httpCode === '400' && error.context.metaCode === 100 && error.context.metaSubcode !== 33;
}

/** Conversion-specific advice, put before the Graph client's generic hint. */
export function conversionHint(error: NodeApiError): string | undefined {
	const code = error.context.metaCode as number | null;
	const subcode = error.context.metaSubcode as number | null;
	if (code === 10 || (typeof code === 'number' && code >= 200 && code <= 299)) {
		return 'The token may lack a Conversions API permission: give the System User whatsapp_business_manage_events (and business_management) on this WhatsApp Business Account.';
	}
	if (code === 100 && subcode === 33) {
		return 'Meta cannot load this dataset for the token: it may not be linked to this WhatsApp Business Account. Leave Dataset ID empty to use the account\'s own dataset, or run Conversion > Get Dataset.';
	}
	if (/ctwa_clid|click id/i.test(`${error.message} ${error.description ?? ''}`)) {
		return 'Meta does not accept this ctwa_clid: pass the click ID from this customer\'s ad-referral message unchanged, from an ad of this WhatsApp Business Account.';
	}
	return undefined;
}

function withAdvice(error: unknown, batch: EventBatch): Error {
	if (!(error instanceof NodeApiError)) return error as Error;
	const parts = [conversionHint(error), error.description].filter(Boolean);
	// The Graph client decides whether a failed write may have been carried out (retry.ts).
	if (error.context.mayHaveBeenCarriedOut === true) {
		parts.push(
			`This request held ${batch.entries.length} event(s). Meta may have recorded them, so it was not sent again; send them again with the same Event IDs and Meta de-duplicates them.`,
		);
	}
	error.description = parts.join('\n');
	return error;
}

interface SendState {
	outcomes: Map<number, EventOutcome>;
	/** Set after a failure when the node stops on errors: later requests are not sent. */
	stopped?: Error;
	continueOnFail: boolean;
}

/**
 * Sends one batch; when Meta refuses its content (which rejects the whole request and records none
 * of it, per the server-event reference), the halves are sent separately until each refused event
 * is alone, so its error lands on its own item and the others go through.
 */
async function sendBatch(this: IExecuteFunctions, batch: EventBatch, state: SendState): Promise<void> {
	if (state.stopped) {
		for (const entry of batch.entries) state.outcomes.set(entry.itemIndex, { error: state.stopped });
		return;
	}
	try {
		const response = (await graphRequest.call(this, {
			method: 'POST',
			path: eventsPath(batch.datasetId),
			body: buildEventsBody(batch.entries.map((entry) => entry.event), batch.testEventCode),
			itemIndex: batch.entries[0].itemIndex,
		})) as IDataObject;
		for (const entry of batch.entries) state.outcomes.set(entry.itemIndex, { json: sentEventItem(entry, response, batch.entries.length) });
	} catch (caught) {
		if (batch.entries.length > 1 && refusesContent(caught)) {
			for (const half of splitBatch(batch)) await sendBatch.call(this, half, state);
			return;
		}
		const error = withAdvice(caught, batch);
		for (const entry of batch.entries) state.outcomes.set(entry.itemIndex, { error });
		if (!state.continueOnFail) state.stopped = error;
	}
}

/** The dataset of items that name none: the account's own, looked up once per run. */
async function accountDataset(this: IExecuteFunctions, wabaId: string): Promise<string | Error> {
	try {
		const dataset = await findDataset.call(this, wabaId);
		if (dataset?.id) return String(dataset.id);
		return new NodeOperationError(this.getNode(), `WhatsApp Business Account ${wabaId} has no dataset`, {
			description: 'Run Conversion > Get Dataset once (it creates the dataset), or enter a Dataset ID. No event was sent.',
		});
	} catch (error) {
		return error as Error;
	}
}

/**
 * Every Send Event item of the run: checked first, then sent in as few requests as Meta allows.
 * When the node stops on errors and an item is invalid, nothing is sent and every item carries that
 * item's error, so the run fails on it before any event reaches Meta.
 */
export async function sendAllEvents(this: IExecuteFunctions): Promise<Map<number, EventOutcome>> {
	const count = this.getInputData().length;
	const nowSeconds = Math.floor(Date.now() / 1000);
	const state: SendState = { outcomes: new Map(), continueOnFail: this.continueOnFail() };
	const { businessAccountId } = await getGraphCredentials.call(this);
	const inputs: Array<{ itemIndex: number; input: ConversionInput }> = [];
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		const input = readConversionInput.call(this, itemIndex);
		const problems = conversionProblems(input, nowSeconds);
		if (!problems.length) inputs.push({ itemIndex, input });
		else if (state.continueOnFail) state.outcomes.set(itemIndex, { error: problemError.call(this, problems, itemIndex) });
		else {
			const error = problemError.call(this, problems, itemIndex);
			for (let index = 0; index < count; index++) state.outcomes.set(index, { error });
			return state.outcomes;
		}
	}
	const needsLookup = inputs.some(({ input }) => !input.datasetId);
	const fallback = needsLookup ? await accountDataset.call(this, businessAccountId) : '';
	const prepared: PreparedEvent[] = [];
	for (const { itemIndex, input } of inputs) {
		const datasetId = input.datasetId || fallback;
		if (datasetId instanceof Error) {
			state.outcomes.set(itemIndex, { error: datasetId });
			continue;
		}
		prepared.push({ itemIndex, datasetId, testEventCode: input.testEventCode, event: buildServerEvent(input, businessAccountId, nowSeconds) });
	}
	if (fallback instanceof Error && !state.continueOnFail) state.stopped = fallback;
	for (const batch of batchEvents(prepared)) await sendBatch.call(this, batch, state);
	return state.outcomes;
}
