import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	INode,
	INodeType,
} from 'n8n-workflow';
import { NodeHelpers, Workflow, createRunExecutionData } from 'n8n-workflow';
import { ExecuteContext, RoutingNode } from 'n8n-core';

import { WhatsAppBusinessManagementApi } from '../../credentials/WhatsAppBusinessManagementApi.credentials';
import { TestCredentialsHelper } from './credentials';
import { initBinaryData } from './workflow';
import { testAdditionalData } from './additionalData';

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

/**
 * Tests the credential as n8n's CredentialsTester does for a `test.request`: a throw-away declarative
 * node whose only property routes that request, run by n8n-core's RoutingNode (so `={{...}}` in
 * baseURL/url/qs go through n8n-workflow's expression engine and `authenticate` adds the header),
 * then the credential's `rules` decide: `responseCode` rules map the status of a failed request
 * (n8n 1.123 only reaches them when the error carries `cause.response`), `responseSuccessBody`
 * rules match a key of the answered body (how this credential reads Graph's error, see its file).
 */
export async function testCredential(data: ICredentialDataDecryptedObject): Promise<CredentialTestResult> {
	await initBinaryData();
	const credentialType = new WhatsAppBusinessManagementApi();
	const test = credentialType.test as ICredentialTestRequest;
	// n8n fills defaults for fields a user never touched.
	const filled: ICredentialDataDecryptedObject = {};
	for (const property of credentialType.properties) filled[property.name] = property.default as string;
	Object.assign(filled, data);

	const nodeType: INodeType = {
		description: {
			displayName: 'Temp',
			name: 'credentialTestNode',
			group: ['transform'],
			version: 1,
			description: 'Credential test',
			defaults: { name: 'Temp-Node' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: credentialType.name, required: true }],
			properties: [{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: test.request }, default: '' }],
		},
	};
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'credentialTestNode',
		typeVersion: 1,
		position: [0, 0],
		parameters: { temp: '' },
		credentials: { [credentialType.name]: { id: 'temp', name: 'Temp' } },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: {
			getByName: () => nodeType,
			getByNameAndVersion: () => NodeHelpers.getVersionedNodeType(nodeType, 1),
			getKnownTypes: () => ({}),
		},
	});
	const additionalData = testAdditionalData(new TestCredentialsHelper({ [credentialType.name]: filled }));
	const inputData = { main: [[{ json: {} }]] };
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		createRunExecutionData(),
		0,
		inputData.main[0],
		inputData,
		{ node, data: {}, source: null },
		[],
	);
	const routingNode = new RoutingNode(context, nodeType, { id: 'temp', name: 'Temp', type: credentialType.name, data: filled });
	let response: Awaited<ReturnType<RoutingNode['runNode']>>;
	try {
		response = await routingNode.runNode();
	} catch (caught) {
		// As n8n 1.123's CredentialsTester: only an error whose cause carries the response is matched
		// against the `responseCode` rules.
		const error = caught as Error & { cause?: { response?: { status?: number; statusText?: string } } };
		const status = error.cause?.response?.status;
		if (status !== undefined) {
			for (const rule of test.rules ?? []) {
				if (rule.type === 'responseCode' && rule.properties.value === status) return { status: 'Error', message: rule.properties.message };
			}
			return { status: 'Error', message: error.cause?.response?.statusText || `Received HTTP status code: ${status}` };
		}
		return { status: 'Error', message: error.message };
	}
	const body = (response?.[0]?.[0]?.json ?? {}) as Record<string, unknown>;
	const valueAt = (key: string) => key.split('.').reduce<unknown>((value, part) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined), body);
	for (const rule of test.rules ?? []) {
		if (rule.type === 'responseSuccessBody' && valueAt(rule.properties.key) === rule.properties.value) return { status: 'Error', message: rule.properties.message };
	}
	return { status: 'OK', message: 'Connection successful!' };
}
