import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { ParameterProblem } from './common/parameterProblem';

export type OperationResult = INodeExecutionData | INodeExecutionData[] | IDataObject | IDataObject[];

/** One operation: its fields, its checks and its execute(), side by side in `<op>.operation.ts`. */
export interface OperationModule {
	description: INodeProperties[];
	/**
	 * The operation's own checks of this item's fields, beyond what the description states (required
	 * values, JSON, formats, input files). The router runs them with the description's rules and
	 * refuses the item, before execute() and so before any request, when any problem is found.
	 * Returns the problems instead of throwing them, so every problem of the item is reported.
	 */
	validate?(this: IExecuteFunctions, itemIndex: number): ParameterProblem[] | Promise<ParameterProblem[]>;
	execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult>;
}

export interface ResourceModule {
	/** The operation selector and every operation's fields, with displayOptions set. */
	description: INodeProperties[];
	operations: Record<string, OperationModule>;
	/** Parallel items when Request Options set none (the router's DEFAULT_CONCURRENCY otherwise). */
	defaultConcurrency?: number;
}
