import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IVersionedNodeType,
} from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { WhatsAppBusinessManagement } from '../../nodes/WhatsAppBusinessManagement/WhatsAppBusinessManagement.node';

/**
 * n8n's Manual Trigger, reduced to what an engine run needs: it starts the workflow and emits
 * the items given in its `items` parameter (one empty item by default), so a test can feed a list of
 * inputs as a real workflow would.
 */
class ManualTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Manual Trigger',
		name: 'manualTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Starts the workflow in tests',
		defaults: { name: 'Manual Trigger' },
		inputs: [],
		outputs: ['main'],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[{}]' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0, '[{}]') as string | object[];
		const list = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Array<Record<string, unknown>>;
		return [list.map((entry) => ('json' in entry && typeof entry.json === 'object' ? (entry as unknown as INodeExecutionData) : { json: entry as never }))];
	}
}

const registry: Record<string, INodeType | IVersionedNodeType> = {
	'n8n-nodes-base.manualTrigger': new ManualTrigger(),
	'CUSTOM.whatsAppBusinessManagement': new WhatsAppBusinessManagement(),
	'n8n-nodes-whatsapp-business-management.whatsAppBusinessManagement': new WhatsAppBusinessManagement(),
};

export function registerNodeType(name: string, type: INodeType | IVersionedNodeType): void {
	registry[name] = type;
}

export const nodeTypes: INodeTypes = {
	getByName: (name) => registry[name],
	getByNameAndVersion: (name, version) => NodeHelpers.getVersionedNodeType(registry[name], version),
	getKnownTypes: () => ({}),
};
