import { Container } from '@n8n/di';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BinaryDataService, ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	IRun,
	IWorkflowBase,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow, createDeferredPromise } from 'n8n-workflow';

import type { Sandbox } from '../sandbox/server';
import { TestCredentialsHelper } from './credentials';
import { nodeTypes } from './nodeTypes';
import { registerSecret, scanForSecrets } from './secretScan';
import { testAdditionalData } from './additionalData';

export const NODE_TYPE = 'n8n-nodes-whatsapp-business-management.whatsAppBusinessManagement';
export const CREDENTIAL_TYPE = 'whatsAppBusinessManagementApi';

/** The WhatsApp Business Management node as a workflow holds it, using the sandbox credential. */
export function actionNode(parameters: INode['parameters'], position: [number, number] = [0, 0]): INode {
	return {
		id: 'wabm',
		name: 'WhatsApp Business Management',
		type: NODE_TYPE,
		typeVersion: 1,
		position,
		parameters,
		credentials: { [CREDENTIAL_TYPE]: { id: '1', name: 'Sandbox WABA' } },
	};
}

let binaryDataReady: Promise<void> | undefined;

/** n8n's binary data service, in filesystem mode as production n8n runs it. */
export function initBinaryData(): Promise<void> {
	// BinaryDataConfig reads these when the container first builds it.
	process.env.N8N_DEFAULT_BINARY_DATA_MODE ??= 'filesystem';
	process.env.N8N_AVAILABLE_BINARY_DATA_MODES ??= 'filesystem';
	process.env.N8N_BINARY_DATA_STORAGE_PATH ??= mkdtempSync(join(tmpdir(), 'wabm-binary-'));
	binaryDataReady ??= Container.get(BinaryDataService).init();
	return binaryDataReady;
}

/** A credential pointing at the sandbox, with the sandbox's identity. */
export function sandboxCredential(sandbox: Sandbox, overrides: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject {
	return {
		accessToken: sandbox.state.token,
		businessAccountId: sandbox.state.wabaId,
		apiVersion: 'v25.0',
		baseUrl: sandbox.url,
		appId: sandbox.state.appId,
		appSecret: sandbox.state.appSecret,
		...overrides,
	};
}

export interface RunOptions {
	/** The WhatsApp Business Management node's parameters (resource, operation, fields). */
	parameters: IDataObject;
	credential: ICredentialDataDecryptedObject;
	/** Items the Manual Trigger emits into our node (default: one empty item). */
	items?: Array<IDataObject | INodeExecutionData>;
	continueOnFail?: boolean;
	mode?: WorkflowExecuteMode;
}

export interface RunResult {
	run: IRun;
	/** Our node's output items (first output), or [] when it failed. */
	items: INodeExecutionData[];
	/** The node's error, when the run failed. */
	error?: Error & { description?: string; context?: IDataObject; httpCode?: string | null };
}

/**
 * Runs Manual Trigger -> WhatsApp Business Management through n8n-core's real WorkflowExecute,
 * the way n8n runs a workflow, with the credential resolved by a credentials helper.
 */
export async function runNode(options: RunOptions): Promise<RunResult> {
	await initBinaryData();
	const mode = options.mode ?? 'manual';
	const trigger: INode = {
		id: 'trigger',
		name: 'Manual Trigger',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: { items: JSON.stringify(options.items ?? [{}]) },
	};
	const node: INode = {
		...actionNode(options.parameters as INode['parameters'], [200, 0]),
		onError: options.continueOnFail ? 'continueRegularOutput' : 'stopWorkflow',
	};
	const workflowData: IWorkflowBase = {
		id: 'test-workflow',
		name: 'test',
		active: false,
		isArchived: false,
		nodes: [trigger, node],
		connections: { 'Manual Trigger': { main: [[{ node: node.name, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		createdAt: new Date(),
		updatedAt: new Date(),
	} as unknown as IWorkflowBase;
	const workflow = new Workflow({
		id: workflowData.id,
		nodes: workflowData.nodes,
		connections: workflowData.connections,
		active: false,
		nodeTypes,
		settings: workflowData.settings,
	});

	const done = createDeferredPromise<IRun>();
	const hooks = new ExecutionLifecycleHooks(mode, 'test-execution', workflowData);
	hooks.addHandler('workflowExecuteAfter', (fullRunData) => done.resolve(fullRunData));
	const additionalData = testAdditionalData(new TestCredentialsHelper({ [CREDENTIAL_TYPE]: options.credential }), {
		hooks,
		executionId: 'test-execution',
	});

	const execute = new WorkflowExecute(additionalData, mode);
	await execute.run(workflow, trigger);
	const run = await done.promise;
	const taskData = run.data.resultData.runData[node.name]?.[0];
	const items = (taskData?.data?.main?.[0] ?? []) as INodeExecutionData[];
	const error = (taskData?.error ?? run.data.resultData.error) as RunResult['error'];
	// No output item, run data or error may carry the credential's secrets (see secretScan.ts).
	registerSecret(options.credential.accessToken);
	registerSecret(options.credential.appSecret);
	scanForSecrets(run, 'runNode run data');
	if (error) scanForSecrets(error, 'runNode error');
	return { run, items, error };
}

/** The JSON of every output item. */
export const jsonOf = (result: RunResult) => result.items.map((item) => item.json);
