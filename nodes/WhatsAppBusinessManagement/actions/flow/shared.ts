import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { flowIdFromLocator } from '../../helpers/flow';

/** Reads a flow resource locator and refuses, before any request, what is not a flow ID. */
export function readFlowId(this: IExecuteFunctions, itemIndex: number, parameterName = 'flowId', label = 'Flow'): string {
	const value = this.getNodeParameter(parameterName, itemIndex, '') as unknown;
	const id = flowIdFromLocator(value);
	if (!id) {
		const shown = value && typeof value === 'object' ? (value as IDataObject).value : value;
		throw new NodeOperationError(
			this.getNode(),
			`Field "${label}": must be a numeric flow ID or a WhatsApp Manager link to a flow${shown ? `, not "${String(shown)}"` : ' (it is empty)'}`,
			{ itemIndex, description: 'No request was sent.' },
		);
	}
	return id;
}

/** Throws a NodeOperationError naming the field when a pure check found problems. */
export function refuse(this: IExecuteFunctions, itemIndex: number, label: string, problems: string[]): void {
	if (problems.length) {
		throw new NodeOperationError(this.getNode(), `Field "${label}": ${problems.join('; ')}`, {
			itemIndex,
			description: 'No request was sent.',
		});
	}
}
