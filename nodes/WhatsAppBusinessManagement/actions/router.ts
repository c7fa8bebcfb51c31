import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { checkParameters } from './common/descriptionRules';
import { configureGraphClient } from '../../shared/graph';
import { refusal, type ParameterProblem } from './common/parameterProblem';
import type { OperationModule, OperationResult, ResourceModule } from './types';
import * as analytics from './analytics';
import * as conversion from './conversion';
import * as flow from './flow';
import * as media from './media';
import * as message from './message';
import * as qrCode from './qrCode';
import * as sender from './sender';
import * as sequence from './sequence';
import * as template from './template';

export const resources: Record<string, ResourceModule> = { sequence, template, flow, media, message, sender, qrCode, conversion, analytics };

/** Default parallel requests: fast on large inputs, far below Graph's per-app limits. */
export const DEFAULT_CONCURRENCY = 8;
export const MAX_CONCURRENCY = 50;

/** The node's Request Options collection. */
interface RequestOptions {
	concurrency?: number;
	/** Milliseconds, as n8n's HTTP Request node counts its timeout. */
	timeout?: number;
	/** Seconds. */
	retryWaitBudget?: number;
}

/** Request Options as the Graph client's settings; unset or non-positive values keep the client's defaults. */
function graphSettingsOf(options: RequestOptions) {
	const positive = (value: unknown) => (typeof value === 'number' && value > 0 ? value : undefined);
	const budgetSeconds = positive(options.retryWaitBudget);
	return { timeoutMs: positive(options.timeout), retryWaitBudgetMs: budgetSeconds === undefined ? undefined : budgetSeconds * 1000 };
}

function isExecutionData(value: unknown): value is INodeExecutionData {
	return typeof value === 'object' && value !== null && 'json' in value && typeof (value as INodeExecutionData).json === 'object';
}

export function toExecutionData(result: OperationResult, itemIndex: number): INodeExecutionData[] {
	const list = Array.isArray(result) ? result : [result];
	return list.map((entry) => {
		const data: INodeExecutionData = isExecutionData(entry) ? { ...entry } : { json: entry as IDataObject };
		data.pairedItem = { item: itemIndex };
		return data;
	});
}

function errorItem(error: Error, itemIndex: number): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	const description = (error as NodeApiError).description;
	if (description) json.description = description;
	const context = (error as NodeApiError).context ?? {};
	if (context.metaCode !== undefined && context.metaCode !== null) json.metaCode = context.metaCode as number;
	if (context.metaSubcode !== undefined && context.metaSubcode !== null) json.metaSubcode = context.metaSubcode as number;
	if (context.fbtraceId) json.fbtraceId = context.fbtraceId as string;
	// A message send that failed without a clear answer says so on its error item too.
	if (context.mayHaveBeenDelivered === true) json.may_have_been_delivered = true;
	const httpCode = (error as NodeApiError).httpCode;
	if (httpCode) json.httpCode = httpCode;
	return { json, pairedItem: { item: itemIndex } };
}

/**
 * Everything wrong with this item's fields: the operation's own checks first (they name the field in
 * the operation's terms), then the rules its description states (ranges, option lists, booleans)
 * for the fields the operation did not already refuse.
 */
async function problemsOf(this: IExecuteFunctions, resource: ResourceModule, module: OperationModule, itemIndex: number): Promise<ParameterProblem[]> {
	let own: ParameterProblem[] = [];
	let ownFailure: unknown;
	try {
		own = (await module.validate?.call(this, itemIndex)) ?? [];
	} catch (error) {
		// A field refused by the description's rules (an unknown option) can hide the fields the
		// operation reads; that refusal then names the real cause.
		ownFailure = error;
	}
	const judged = new Set(own.map((problem) => problem.field));
	const stated = checkParameters(resource.description, (name) => {
		try {
			return this.getNodeParameter(name, itemIndex) as object;
		} catch (error) {
			if (/could not get parameter/i.test((error as Error).message)) return undefined;
			throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
		}
	}, judged);
	if (ownFailure && !stated.length) throw ownFailure;
	return [...own, ...stated];
}

/** One item: its operation's fields are checked, and only a clean item is executed. */
async function runItem(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const resource = this.getNodeParameter('resource', itemIndex) as string;
	const operation = this.getNodeParameter('operation', itemIndex) as string;
	const module = resources[resource]?.operations[operation];
	if (!module) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not known for resource "${resource}"`, { itemIndex });
	}
	const problems = await problemsOf.call(this, resources[resource], module, itemIndex);
	if (problems.length) throw refusal(this.getNode(), problems, itemIndex);
	return toExecutionData(await module.execute.call(this, itemIndex), itemIndex);
}

/**
 * Runs each input item's operation with bounded concurrency, keeps the output in input order with
 * pairedItem set, and honours "Continue On Fail" with one error item per failed input item.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const results: INodeExecutionData[][] = new Array(items.length);
	const failures: Array<{ index: number; error: Error }> = [];
	let stop = false;

	const requestOptions = this.getNodeParameter('requestOptions', 0, {}) as RequestOptions;
	const resourceDefault = resources[this.getNodeParameter('resource', 0) as string]?.defaultConcurrency ?? DEFAULT_CONCURRENCY;
	const concurrency = Math.max(1, Math.min(MAX_CONCURRENCY, Math.floor(Number(requestOptions.concurrency ?? resourceDefault) || 1)));
	configureGraphClient(this, graphSettingsOf(requestOptions));

	let next = 0;
	const worker = async () => {
		while (!stop) {
			const itemIndex = next++;
			if (itemIndex >= items.length) return;
			try {
				results[itemIndex] = await runItem.call(this, itemIndex);
			} catch (caught) {
				const error = caught as Error;
				if (this.continueOnFail()) {
					results[itemIndex] = [errorItem(error, itemIndex)];
				} else {
					failures.push({ index: itemIndex, error });
					stop = true;
				}
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));

	if (failures.length) {
		failures.sort((a, b) => a.index - b.index);
		const { error, index } = failures[0];
		if (error instanceof NodeApiError || error instanceof NodeOperationError) {
			if (error.context.itemIndex === undefined) error.context.itemIndex = index;
			throw error;
		}
		throw new NodeOperationError(this.getNode(), error, { itemIndex: index });
	}
	return [results.flat()];
}
