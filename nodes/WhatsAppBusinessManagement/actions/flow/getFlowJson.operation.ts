import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { listFromResponse, graphRequest, graphRequestFull } from '../../../shared/graph';
import { binaryPropertyNameOf, outputBinaryField, outputBinaryFieldProblems } from '../common/binaryField';
import type { ParameterProblem } from '../common/parameterProblem';
import { flowIdOf, flowIdProblems, flowLocator } from './locator';

export const description: INodeProperties[] = [
	flowLocator(['getFlowJson']),
	outputBinaryField('flow.json', { show: { resource: ['flow'], operation: ['getFlowJson'] } }),
];

export function validate(this: IExecuteFunctions, itemIndex: number): ParameterProblem[] {
	return [...flowIdProblems.call(this, itemIndex), ...outputBinaryFieldProblems(this, itemIndex, 'Name the output binary field, e.g. data.')];
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData> {
	const flowId = flowIdOf.call(this, itemIndex)!;
	const binaryPropertyName = binaryPropertyNameOf(this, itemIndex);

	const assets = listFromResponse(
		await graphRequest.call(this, {
			method: 'GET',
			path: `/${flowId}/assets`,
			qs: { fields: 'name,asset_type,download_url' },
			itemIndex,
		}),
	);
	const asset = assets.find((entry) => entry.asset_type === 'FLOW_JSON');
	if (!asset || typeof asset.download_url !== 'string') {
		throw new NodeOperationError(this.getNode(), `Flow ${flowId} has no Flow JSON yet`, {
			itemIndex,
			description: 'Send one with the "Upload Flow JSON" operation (or create the flow with a Flow JSON).',
		});
	}

	// The download link is a signed, short-lived CDN address Meta hands out for this asset. The
	// signature is the authorization, so the access token is not sent to the CDN host.
	const download = await graphRequestFull.call(this, {
		method: 'GET',
		path: '',
		absoluteUrl: asset.download_url,
		download: 'buffer',
		authenticate: false,
		itemIndex,
	});
	const data = Buffer.from(download.body as ArrayBuffer);
	const text = data.toString('utf8');

	const json: IDataObject = {
		id: flowId,
		name: asset.name ?? 'flow.json',
		asset_type: asset.asset_type,
		size: data.length,
	};
	try {
		json.flow_json = JSON.parse(text) as IDataObject;
	} catch (error) {
		json.flow_json = null;
		json.parse_error = `Meta's flow.json is not valid JSON: ${(error as Error).message}`;
	}
	const binary = await this.helpers.prepareBinaryData(data, 'flow.json', 'application/json');
	return { json, binary: { [binaryPropertyName]: binary } };
}
