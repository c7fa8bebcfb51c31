/**
 * Runs the trigger the way n8n's webhook server does, with n8n-core's real classes:
 * - a node:http server receives Meta's request; the raw bytes become `req.rawBody` and the JSON
 *   `req.body`, as n8n's body readers do; the response object is Node's own ServerResponse;
 * - each request builds a fresh Workflow from the persisted static data (n8n's LiveWebhooks loads
 *   the workflow row per request) and runs webhook() in n8n-core's WebhookContext;
 * - returned workflowData starts an execution through n8n-core's WorkflowExecute with the trigger
 *   on the node execution stack (what n8n enqueues), so the trigger's execute() runs in the real
 *   ExecuteContext with n8n's deduplication helpers;
 * - static data changed by the webhook or the hooks is saved back, as n8n's WorkflowStaticDataService does.
 * One difference: the HTTP answer waits for the execution so tests can assert on it right away.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync, inflateSync } from 'node:zlib';
import {
	DataDeduplicationService,
	ExecutionLifecycleHooks,
	HookContext,
	WebhookContext,
	WorkflowExecute,
} from 'n8n-core';
import type {
	DeduplicationItemTypes,
	DeduplicationScope,
	ICheckProcessedContextData,
	ICheckProcessedOptions,
	ICredentialDataDecryptedObject,
	IDataDeduplicator,
	IDataObject,
	IDeduplicationOutput,
	INode,
	INodeExecutionData,
	IRun,
	IWebhookData,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow, createDeferredPromise, createRunExecutionData } from 'n8n-workflow';

import { WhatsAppBusinessManagementTrigger, clearProcessMemory } from '../../nodes/WhatsAppBusinessManagementTrigger/WhatsAppBusinessManagementTrigger.node';
import type { Sandbox } from '../sandbox/server';
import { TestCredentialsHelper } from './credentials';
import { registerNodeType, nodeTypes } from './nodeTypes';
import { CREDENTIAL_TYPE, sandboxCredential } from './workflow';
import { testAdditionalData } from './additionalData';
import { closeAfterFile } from './teardown';

export const TRIGGER_TYPE = 'n8n-nodes-whatsapp-business-management.whatsAppBusinessManagementTrigger';
const triggerType = new WhatsAppBusinessManagementTrigger();
registerNodeType(TRIGGER_TYPE, triggerType);

/** What another process does to the store while one call is between its read and its write. */
export type StoreInterleave = (moment: 'afterRead' | 'afterWrite', key: string, store: Map<string, string[]>) => Promise<void> | void;

/**
 * An in-memory stand-in for n8n's database deduplicator (cli DeduplicationHelper, mode
 * "entries"): md5 hashes per workflow and node, newest `maxEntries` kept. It checks and records the
 * way that helper does, with the same races: it reads the node's row, and then inserts a new row
 * (which fails with SQLite's unique-constraint error when another call inserted one meanwhile) or
 * writes back the whole list it read (losing what another call wrote meanwhile). `interleave`
 * lets a test act as another process at those two moments.
 */
export class MemoryDeduplicator implements IDataDeduplicator {
	readonly store = new Map<string, string[]>();
	/** The options of the last checkProcessedAndRecord call (what the node asked n8n's store to keep). */
	lastOptions: ICheckProcessedOptions | undefined;
	interleave: StoreInterleave | undefined;

	private contextKey(scope: DeduplicationScope, data: ICheckProcessedContextData): string {
		return `${data.workflow.id}|${scope === 'node' ? `n:${data.node?.id}` : ''}`;
	}

	async checkProcessedAndRecord(
		items: DeduplicationItemTypes[],
		scope: DeduplicationScope,
		data: ICheckProcessedContextData,
		options: ICheckProcessedOptions,
	): Promise<IDeduplicationOutput> {
		this.lastOptions = options;
		const key = this.contextKey(scope, data);
		const row = this.store.get(key);
		const hashes = row ? [...row] : [];
		await this.interleave?.('afterRead', key, this.store);
		const result: IDeduplicationOutput = { new: [], processed: [] };
		for (const item of items) {
			const hash = createHash('md5').update(String(item)).digest('base64');
			if (hashes.includes(hash)) result.processed.push(item);
			else {
				result.new.push(item);
				hashes.push(hash);
			}
		}
		if (options.maxEntries) hashes.splice(0, Math.max(0, hashes.length - options.maxEntries));
		if (!row && this.store.has(key)) throw new Error('SQLITE_CONSTRAINT: UNIQUE constraint failed: processed_data.workflowId, processed_data.context');
		this.store.set(key, hashes);
		await this.interleave?.('afterWrite', key, this.store);
		return result;
	}

	/** Whether the store holds `item` for the node (what n8n's checkProcessed tells, for assertions). */
	holds(workflowId: string, node: INode, item: string): boolean {
		const hash = createHash('md5').update(item).digest('base64');
		return this.store.get(`${workflowId}|n:${node.id}`)?.includes(hash) ?? false;
	}

	async removeProcessed(): Promise<void> {}

	async clearAllProcessedItems(scope: DeduplicationScope, data: ICheckProcessedContextData): Promise<void> {
		this.store.delete(this.contextKey(scope, data));
	}

	async getProcessedDataCount(scope: DeduplicationScope, data: ICheckProcessedContextData): Promise<number> {
		return this.store.get(this.contextKey(scope, data))?.length ?? 0;
	}
}

export const deduplicator = new MemoryDeduplicator();
let deduplicationReady: Promise<void> | undefined;
/** n8n's deduplication store for this process (n8n allows one): `deduplicator`, set up once. */
export function initDeduplication(): Promise<void> {
	deduplicationReady ??= DataDeduplicationService.init(deduplicator);
	return deduplicationReady;
}

/**
 * The execution n8n starts with the items a trigger's webhook() returned: WorkflowExecute with the
 * trigger on the node execution stack (what n8n enqueues), so the trigger's execute() runs in the
 * real ExecuteContext with n8n's deduplication helpers. Returns the run and the trigger's output;
 * an error of the trigger is thrown.
 */
export async function runWebhookExecution(
	workflow: Workflow,
	node: INode,
	data: INodeExecutionData[][],
	additionalData: IWorkflowExecuteAdditionalData,
	mode: WorkflowExecuteMode = 'webhook',
): Promise<{ run: IRun; items: INodeExecutionData[] }> {
	await initDeduplication();
	const workflowData = { id: workflow.id, name: workflow.name, nodes: [node], connections: {}, active: true } as unknown as IWorkflowBase;
	const done = createDeferredPromise<IRun>();
	const hooks = new ExecutionLifecycleHooks(mode, String(additionalData.executionId ?? 'webhook-execution'), workflowData);
	hooks.addHandler('workflowExecuteAfter', (run) => done.resolve(run));
	const runExecutionData = createRunExecutionData({
		executionData: { nodeExecutionStack: [{ node, data: { main: data }, source: null }] },
	});
	const execute = new WorkflowExecute({ ...additionalData, hooks }, mode, runExecutionData);
	await execute.processRunExecutionData(workflow);
	const run = await done.promise;
	const taskData = run.data.resultData.runData[node.name]?.[0];
	if (taskData?.error) throw taskData.error;
	return { run, items: (taskData?.data?.main?.[0] ?? []) as INodeExecutionData[] };
}

export interface TriggerServerOptions {
	parameters: IDataObject;
	credential: ICredentialDataDecryptedObject;
	nodeId?: string;
	webhookId?: string;
	workflowId?: string;
	typeVersion?: number;
}

export interface Execution {
	items: INodeExecutionData[];
	run: IRun;
}

export interface TriggerServer {
	/** The production webhook URL (both GET and POST). */
	url: string;
	node: INode;
	workflowId: string;
	/** Workflow static data as n8n would have saved it. */
	staticData: IDataObject;
	/** Executions started by webhooks, with the trigger's output after its execute(). */
	executions: Execution[];
	/** Items of every execution, flattened. */
	emitted(): IDataObject[];
	/** Runs one of the lifecycle hooks in n8n-core's HookContext. */
	hook(name: 'checkExists' | 'create' | 'delete'): Promise<boolean>;
	setParameters(parameters: IDataObject): void;
	close(): Promise<void>;
}

function baseAdditionalData(credential: ICredentialDataDecryptedObject, webhookBaseUrl: string): IWorkflowExecuteAdditionalData {
	return testAdditionalData(new TestCredentialsHelper({ [CREDENTIAL_TYPE]: credential }), {
		executionId: 'webhook-execution',
		webhookBaseUrl,
	});
}

export async function startTriggerServer(options: TriggerServerOptions): Promise<TriggerServer> {
	await initDeduplication();
	const node: INode = {
		id: options.nodeId ?? 'trigger-node-1',
		name: 'WhatsApp Business Management Trigger',
		type: TRIGGER_TYPE,
		typeVersion: options.typeVersion ?? 1,
		position: [0, 0],
		webhookId: options.webhookId ?? 'a1b2c3d4-0000-4000-8000-000000000001',
		parameters: options.parameters as INode['parameters'],
		credentials: { [CREDENTIAL_TYPE]: { id: '1', name: 'Sandbox WABA' } },
	};
	const workflowId = options.workflowId ?? 'trigger-workflow';
	let persistedStaticData: IDataObject = {};
	const executions: Execution[] = [];

	const loadWorkflow = () =>
		new Workflow({
			id: workflowId,
			name: 'trigger test',
			nodes: [node],
			connections: {},
			active: true,
			nodeTypes,
			staticData: JSON.parse(JSON.stringify(persistedStaticData)) as IDataObject,
			settings: { executionOrder: 'v1' },
		});
	const saveStaticData = (workflow: Workflow) => {
		if (workflow.staticData.__dataChanged === true) {
			const copy = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
			delete copy.__dataChanged;
			persistedStaticData = copy;
		}
	};
	const webhookDataFor = (workflow: Workflow, method: 'GET' | 'POST'): IWebhookData => {
		const description = triggerType.description.webhooks!.find((w) => w.httpMethod === method)!;
		return {
			httpMethod: method,
			node: node.name,
			path: `${node.webhookId}/${String(description.path)}`,
			webhookDescription: description,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: {} as IWorkflowExecuteAdditionalData,
		} as IWebhookData;
	};

	let webhookBaseUrl = '';

	const runExecution = (workflow: Workflow, data: INodeExecutionData[][]): Promise<Execution> =>
		runWebhookExecution(workflow, node, data, baseAdditionalData(options.credential, webhookBaseUrl));

	const handle = async (req: http.IncomingMessage, res: http.ServerResponse, rawBody: Buffer) => {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const method = req.method === 'GET' ? 'GET' : req.method === 'POST' ? 'POST' : undefined;
		if (!method || url.pathname !== `/webhook/${node.webhookId}/webhook`) {
			res.statusCode = 404;
			res.end('The requested webhook is not registered.');
			return;
		}
		// What n8n's body readers leave on the request.
		const request = req as http.IncomingMessage & { rawBody: Buffer; body: unknown; query: Record<string, string>; params: object };
		request.rawBody = rawBody;
		request.query = Object.fromEntries(url.searchParams.entries());
		request.params = {};
		// As n8n's body parser: JSON decoded with the content type's charset (utf-8 by default); one
		// it cannot decode with is refused with 422 before the node runs (cli webhook-helpers).
		const [type, ...parameters] = String(req.headers['content-type'] ?? '').split(';');
		const charset = /charset\s*=\s*"?([^";]+)/i.exec(parameters.join(';'))?.[1].trim().toLowerCase() ?? 'utf-8';
		const json = type.trim().toLowerCase() === 'application/json' && rawBody.length > 0;
		if (json && !Buffer.isEncoding(charset)) {
			res.statusCode = 422;
			res.end(JSON.stringify({ message: 'Failed to parse request body' }));
			return;
		}
		try {
			request.body = json ? JSON.parse(rawBody.toString(charset as BufferEncoding)) : {};
		} catch {
			// n8n answers a body its JSON parser rejects itself; webhook() must cope via rawBody anyway.
			request.body = {};
		}
		const workflow = loadWorkflow();
		const additionalData = {
			...baseAdditionalData(options.credential, webhookBaseUrl),
			httpRequest: request,
			httpResponse: res,
		} as unknown as IWorkflowExecuteAdditionalData;
		const context = new WebhookContext(workflow, node, additionalData, 'webhook', webhookDataFor(workflow, method), [], null);
		const result = await triggerType.webhook.call(context);
		saveStaticData(workflow);
		if (result.noWebhookResponse) return;
		if (!result.workflowData) {
			res.statusCode = 200;
			res.setHeader('Content-Type', 'application/json');
			res.end(JSON.stringify({ message: 'Webhook call received' }));
			return;
		}
		const execution = await runExecution(workflow, result.workflowData);
		executions.push(execution);
		res.statusCode = 200;
		res.setHeader('Content-Type', 'application/json');
		res.end(JSON.stringify({ message: 'Workflow was started' }));
	};

	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			// n8n's raw body reader inflates gzip and deflate bodies before anything reads them.
			const received = Buffer.concat(chunks);
			const encoding = req.headers['content-encoding'];
			const rawBody = encoding === 'gzip' ? gunzipSync(received) : encoding === 'deflate' ? inflateSync(received) : received;
			handle(req, res, rawBody).catch((error: Error) => {
				// n8n answers 500 when a webhook function throws; the test sees the message.
				if (!res.headersSent) {
					res.statusCode = 500;
					res.end(JSON.stringify({ message: error.message }));
				}
			});
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	webhookBaseUrl = `http://127.0.0.1:${port}/webhook`;
	const closeServer = () =>
		new Promise<void>((resolve) => {
			server.close(() => resolve());
			server.closeAllConnections();
		});
	const forget = closeAfterFile(closeServer);

	return {
		url: `${webhookBaseUrl}/${node.webhookId}/webhook`,
		node,
		workflowId,
		get staticData() {
			return persistedStaticData;
		},
		executions,
		emitted: () => executions.flatMap((execution) => execution.items.map((item) => item.json)),
		hook: async (name) => {
			const workflow = loadWorkflow();
			const additionalData = baseAdditionalData(options.credential, webhookBaseUrl);
			const context = new HookContext(workflow, node, additionalData, 'trigger', name === 'delete' ? 'manual' : 'activate', webhookDataFor(workflow, 'POST'));
			const result = await triggerType.webhookMethods.default[name].call(context);
			saveStaticData(workflow);
			return result;
		},
		setParameters: (parameters) => {
			node.parameters = parameters as INode['parameters'];
		},
		close: async () => {
			forget();
			await closeServer();
		},
	};
}

/** Trigger parameters for tests that set Meta's subscription up by hand, with a fixed verify token. */
export const MANUAL_SUBSCRIPTION = { subscribeAutomatically: false, verifyToken: 'my-verify-token' };

export interface TestTriggerOptions extends Partial<Omit<TriggerServerOptions, 'credential'>> {
	parameters: IDataObject;
	/** Changes to the sandbox credential. */
	credentialOverrides?: ICredentialDataDecryptedObject;
}

/**
 * Trigger servers for one test file, one per test, on the sandbox credential: each start gets its
 * own node, workflow and webhook ID (so no test meets another's static data, seen events or
 * subscription); after each test the server is closed and the trigger's process memory cleared.
 */
export function useTriggerServers(sandbox: Sandbox, prefix: string): (options: TestTriggerOptions) => Promise<TriggerServer> {
	let counter = 0;
	let current: TriggerServer | undefined;
	afterEach(async () => {
		await current?.close();
		current = undefined;
		clearProcessMemory();
	});
	return async ({ credentialOverrides, ...options }) => {
		counter += 1;
		current = await startTriggerServer({
			nodeId: `${prefix}-node-${counter}`,
			workflowId: `${prefix}-workflow-${counter}`,
			webhookId: `a1b2c3d4-0000-4000-8000-${String(counter).padStart(12, '0')}`,
			credential: sandboxCredential(sandbox, credentialOverrides),
			...options,
		});
		return current;
	};
}
