import { WebhookContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeType,
	IWebhookData,
	IWebhookDescription,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { TestCredentialsHelper } from './credentials';
import { nodeTypes, registerNodeType } from './nodeTypes';
import { registerSecret, scanForSecrets } from './secretScan';
import { testAdditionalData } from './additionalData';

/**
 * The execution part of test/helpers/webhook.ts (with its in-memory deduplication store), loaded
 * when an execution is first run: that module also loads and registers our trigger, which a
 * harness for n8n's built-in trigger alone does not need.
 */
function webhookHelpers(): typeof import('./webhook') {
	// eslint-disable-next-line @typescript-eslint/no-var-requires
	return require('./webhook') as typeof import('./webhook');
}

/**
 * Calls a trigger node's `webhook()` the way n8n's webhook server does: through n8n-core's real
 * WebhookContext, with the request body parsed by the rules of n8n's body parser (JSON for
 * application/json - a body that does not parse is refused with 422 before the node runs -, a string
 * for text/plain, nothing for other types) and `rawBody` kept for signature checks. Static data lives
 * as long as the harness, as it does for one active workflow.
 */
export interface WebhookHarnessOptions {
	/** The node type's full name, e.g. `n8n-nodes-whatsapp-business-management.whatsAppBusinessManagementTrigger`. */
	typeName: string;
	nodeType: INodeType;
	parameters: IDataObject;
	/** Credential data by credential type name. */
	credentials: Record<string, ICredentialDataDecryptedObject>;
	mode?: WorkflowExecuteMode;
	/**
	 * Also run the execution n8n starts with the webhook's items (WorkflowExecute with the trigger on
	 * the node execution stack), so a trigger's execute() - e.g. its deduplication - takes part.
	 */
	execute?: boolean;
}

export interface WebhookDeliveryInput {
	rawBody: Buffer | string;
	headers?: Record<string, string>;
	method?: 'GET' | 'POST';
	query?: Record<string, string>;
	/** Which of the node's webhooks is called; the first one with the method by default. */
	webhookName?: string;
	/** Receives how long the node's webhook() (and the execution, with `execute`) took, in milliseconds. */
	timing?: (milliseconds: number) => void;
}

export interface WebhookDeliveryResult {
	/** Whether n8n itself refused the request before the node ran (body that does not parse). */
	refusedByN8n: boolean;
	/** The node's own answer, when it ran. */
	response?: IWebhookResponseData;
	/** Items the node started the workflow with. */
	items: INodeExecutionData[];
	/** What the node wrote to the HTTP response itself (noWebhookResponse), if anything. */
	http: { status?: number; body?: unknown; headers: Record<string, string>; ended: boolean };
}

/** A small express-like response that records what a node writes to it. */
function fakeResponse() {
	const http: WebhookDeliveryResult['http'] = { headers: {}, ended: false };
	const res = {
		status(code: number) {
			http.status = code;
			return res;
		},
		sendStatus(code: number) {
			http.status = code;
			http.ended = true;
			return res;
		},
		type(value: string) {
			http.headers['content-type'] = value;
			return res;
		},
		set(name: string, value: string) {
			http.headers[name.toLowerCase()] = value;
			return res;
		},
		setHeader(name: string, value: string) {
			http.headers[name.toLowerCase()] = value;
			return res;
		},
		header(name: string, value: string) {
			http.headers[name.toLowerCase()] = value;
			return res;
		},
		send(body?: unknown) {
			http.body = body;
			http.ended = true;
			return res;
		},
		json(body?: unknown) {
			http.body = body;
			http.ended = true;
			return res;
		},
		end(body?: unknown) {
			if (body !== undefined) http.body = body;
			http.ended = true;
			return res;
		},
		get headersSent() {
			return http.ended;
		},
	};
	return { res, http };
}

/** n8n's body parser (packages/cli middlewares/body-parser) on the content types Meta could send. */
export function parseBodyAsN8n(rawBody: Buffer, contentType: string | undefined): { ok: true; body: unknown } | { ok: false } {
	if (!rawBody.length) return { ok: true, body: {} };
	const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
	if (type === 'application/json') {
		try {
			return { ok: true, body: JSON.parse(rawBody.toString('utf8')) };
		} catch {
			return { ok: false };
		}
	}
	if (type === 'text/plain') return { ok: true, body: rawBody.toString('utf8') };
	if (type === 'application/x-www-form-urlencoded') return { ok: true, body: Object.fromEntries(new URLSearchParams(rawBody.toString('utf8'))) };
	return { ok: true, body: {} };
}

export function createWebhookHarness(options: WebhookHarnessOptions) {
	registerNodeType(options.typeName, options.nodeType);
	for (const data of Object.values(options.credentials)) {
		for (const key of ['accessToken', 'appSecret', 'clientSecret']) registerSecret(data[key]);
	}
	const description = options.nodeType.description;
	const nodeCredentials: INode['credentials'] = {};
	for (const credential of description.credentials ?? []) {
		if (options.credentials[credential.name]) nodeCredentials[credential.name] = { id: credential.name, name: credential.name };
	}
	const node: INode = {
		id: 'a3f5c9d2-6b1e-4f7a-9c8d-0e1f2a3b4c5d',
		name: description.defaults.name ?? 'Trigger',
		type: options.typeName,
		typeVersion: Array.isArray(description.version) ? Math.max(...description.version) : description.version,
		position: [0, 0],
		parameters: options.parameters as INode['parameters'],
		credentials: nodeCredentials,
		webhookId: 'b7e2d4c6-1a3f-4e5b-8c9d-2f4a6b8c0d1e',
	};
	const workflow = new Workflow({
		id: 'webhook-harness',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes,
		staticData: {},
		settings: { executionOrder: 'v1' },
	});
	const mode = options.mode ?? 'webhook';
	const credentialsHelper = new TestCredentialsHelper(options.credentials);
	const webhooks = (description.webhooks ?? []) as IWebhookDescription[];

	async function runExecution(data: INodeExecutionData[][], base: IWorkflowExecuteAdditionalData): Promise<INodeExecutionData[]> {
		const additionalData = { ...base, executionId: 'harness-execution', currentNodeExecutionIndex: 0 } as IWorkflowExecuteAdditionalData;
		return (await webhookHelpers().runWebhookExecution(workflow, node, data, additionalData, mode)).items;
	}

	async function deliver(input: WebhookDeliveryInput): Promise<WebhookDeliveryResult> {
		const method = input.method ?? 'POST';
		const rawBody = Buffer.isBuffer(input.rawBody) ? input.rawBody : Buffer.from(input.rawBody, 'utf8');
		const headers: Record<string, string> = {};
		for (const [key, value] of Object.entries(input.headers ?? {})) headers[key.toLowerCase()] = value;
		const { res, http } = fakeResponse();
		const parsed = method === 'POST' ? parseBodyAsN8n(rawBody, headers['content-type']) : { ok: true as const, body: {} };
		if (!parsed.ok) {
			http.status = 422;
			return { refusedByN8n: true, items: [], http };
		}
		const webhookDescription =
			webhooks.find((w) => (input.webhookName ? w.name === input.webhookName : String(w.httpMethod).toUpperCase() === method)) ??
			webhooks[0];
		const request = {
			method,
			headers,
			body: parsed.body,
			rawBody,
			query: input.query ?? {},
			params: {},
			url: `/webhook/${node.webhookId}/${String(webhookDescription?.path ?? 'webhook')}`,
		};
		const additionalData = testAdditionalData(credentialsHelper, { httpRequest: request, httpResponse: res, executionId: undefined });
		const webhookData: IWebhookData = {
			httpMethod: method,
			node: node.name,
			path: String(webhookDescription?.path ?? 'webhook'),
			webhookDescription,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalData,
			webhookId: node.webhookId,
		};
		const context = new WebhookContext(workflow, node, additionalData, mode, webhookData, [], null);
		const started = performance.now();
		const response = await options.nodeType.webhook!.call(context);
		let items = (response.workflowData ?? []).flat();
		if (options.execute && response.workflowData) items = await runExecution(response.workflowData, additionalData);
		input.timing?.(performance.now() - started);
		// Nothing the trigger answers or emits may carry the App Secret or token (see secretScan.ts).
		if (items.length) scanForSecrets(items, 'trigger items');
		if (http.body !== undefined) scanForSecrets(http.body, 'trigger HTTP answer');
		return { refusedByN8n: false, response, items, http };
	}

	return { deliver, node, workflow, staticData: () => workflow.staticData };
}

export type WebhookHarness = ReturnType<typeof createWebhookHarness>;
