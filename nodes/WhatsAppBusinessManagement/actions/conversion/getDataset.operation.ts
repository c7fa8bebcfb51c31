import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getGraphCredentials } from '../../../shared/graph';
import { createDataset, findDataset } from './dataset';
import type { ParameterProblem } from '../common/parameterProblem';

const show = { resource: ['conversion'], operation: ['getDataset'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Create If Missing',
		name: 'createIfMissing',
		type: 'boolean',
		default: true,
		description: 'Whether to create the dataset when the WhatsApp Business Account has none yet (Meta allows one per account)',
		displayOptions: { show },
	},
	{
		displayName: 'Dataset Name',
		name: 'datasetName',
		type: 'string',
		default: '',
		placeholder: 'WhatsApp conversions',
		description: 'Name of a dataset this node creates; Meta picks one when empty',
		displayOptions: { show: { ...show, createIfMissing: [true] } },
	},
];

/** Pre-send checks of one item (the router runs them before execute). */
export function validate(this: IExecuteFunctions, itemIndex: number): ParameterProblem[] {
	const name = this.getNodeParameter('datasetName', itemIndex, '') as unknown;
	return typeof name === 'string' ? [] : [{ field: 'Dataset Name', rule: 'must be text' }];
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const createIfMissing = this.getNodeParameter('createIfMissing', itemIndex, true) as boolean;
	const { businessAccountId } = await getGraphCredentials.call(this);
	const existing = await findDataset.call(this, businessAccountId, itemIndex);
	if (existing) return { datasetId: String(existing.id), created: false, wabaId: businessAccountId, ...(existing.name ? { name: existing.name } : {}) };
	if (!createIfMissing) {
		throw new NodeOperationError(this.getNode(), `WhatsApp Business Account ${businessAccountId} has no dataset`, {
			itemIndex,
			description: 'Turn on "Create If Missing" to create it, or create it in Events Manager.',
		});
	}
	const name = (this.getNodeParameter('datasetName', itemIndex, '') as string).trim();
	const created = await createDataset.call(this, businessAccountId, name, itemIndex);
	if (!created.id) {
		throw new NodeOperationError(this.getNode(), 'Meta answered without a dataset id', {
			itemIndex,
			description: `Response: ${JSON.stringify(created).slice(0, 300)}`,
		});
	}
	return { datasetId: String(created.id), created: true, wabaId: businessAccountId, ...(name ? { name } : {}) };
}
