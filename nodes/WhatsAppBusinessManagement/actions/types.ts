import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

export type OperationResult = INodeExecutionData | INodeExecutionData[] | IDataObject | IDataObject[];

/** One operation: its fields and its execute(), side by side in `<op>.operation.ts`. */
export interface OperationModule {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult>;
}

export interface ResourceModule {
	/** The operation selector and every operation's fields, with displayOptions set. */
	description: INodeProperties[];
	operations: Record<string, OperationModule>;
}
