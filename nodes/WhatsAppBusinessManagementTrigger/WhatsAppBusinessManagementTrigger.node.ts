import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../shared/graph';
import {
	SeenEvents,
	WABA_OBJECT,
	appendToWindow,
	checkVerification,
	collectEvents,
	bigEndianBytes,
	deliveryIdOf,
	fingerprintsHex,
	parseIdList,
	verifySignature,
	type TriggerEvent,
} from './events';
import { asObject } from './events/values';
import { triggerParameter } from './parameters';
import { createSubscription, deleteSubscription, subscriptionExists, verifyTokenOf } from './subscription';

/**
 * Per-process memory of recent event fingerprints, one per workflow node (see README, "Duplicates"):
 * the last 4,000 to 8,000, at least twice the static-data window. Deeper memory cost speed: with
 * 10,000 its hash table (128 KB) no longer stayed in the CPU's cache between webhook calls, which
 * cost about 0.1 ms per 1,000-message POST.
 */
const PROCESS_MEMORY_CAPACITY = 4_000;
/** How many event fingerprints the node keeps in workflow static data (16 characters each). */
export const STATIC_WINDOW_CAPACITY = 2_000;
/** The key in the node's static data that holds the window of fingerprints. */
export const STATIC_WINDOW_KEY = 'recentEvents';
/** Meta's webhook payload limit (graph-api.md section 6): a larger body is not a Meta delivery. */
export const MAX_PAYLOAD_BYTES = 3 * 1024 * 1024;
export const DEFAULT_REMEMBERED_DELIVERIES = 10_000;

const processMemory = new Map<string, SeenEvents>();

/** Forgets what this process has seen, as a restart or another webhook process would. For tests. */
export function clearProcessMemory(): void {
	processMemory.clear();
}

/** The subset of Node's http.ServerResponse (which Express's response extends) the trigger uses. */
interface PlainResponse {
	statusCode: number;
	setHeader(name: string, value: string): unknown;
	end(body?: string): unknown;
}

function reply(context: IWebhookFunctions, status: number, text: string): IWebhookResponseData {
	const res = context.getResponseObject() as unknown as PlainResponse;
	res.statusCode = status;
	res.setHeader('Content-Type', 'text/plain; charset=utf-8');
	res.end(text);
	return { noWebhookResponse: true };
}

export class WhatsAppBusinessManagementTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatsApp Business Management Trigger',
		name: 'whatsAppBusinessManagementTrigger',
		icon: { light: 'file:whatsAppBusinessManagement.svg', dark: 'file:whatsAppBusinessManagement.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{($parameter["events"] || []).join(", ")}}',
		description:
			'Starts a workflow when Meta sends a WhatsApp Business Account webhook, by default one item per Click-to-WhatsApp ad click',
		defaults: { name: 'WhatsApp Business Management Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'whatsAppBusinessManagementApi', required: true }],
		webhooks: [
			{ name: 'setup', httpMethod: 'GET', responseMode: 'onReceived', path: 'webhook' },
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: [
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['adReferral'],
				description: 'Which webhook events start the workflow',
				options: [
					{ name: 'Account Updates', value: 'accountUpdate', description: 'Account_update: bans, violations, partner and eligibility changes; one item per change' },
					{ name: 'Ad Referral', value: 'adReferral', description: 'A message that a Click-to-WhatsApp ad click started, with the ad\'s referral fields; one item per message' },
					{ name: 'All Incoming Messages', value: 'allMessages', description: 'Every incoming message, with referral fields when it has them; one item per message' },
					{ name: 'Flow Events', value: 'flowEvent', description: 'Flows: status changes and endpoint alerts; one item per change' },
					{ name: 'Message Statuses', value: 'messageStatus', description: 'Sent, delivered, read and failed updates; one item per status' },
					{ name: 'Phone Number Name Updates', value: 'phoneNumberNameUpdate', description: 'Display name review outcomes; one item per change' },
					{ name: 'Phone Number Quality Updates', value: 'phoneNumberQualityUpdate', description: 'Messaging limit and quality changes; one item per change' },
					{ name: 'Template Category Updates', value: 'templateCategoryUpdate', description: 'Upcoming and completed template category changes; one item per change' },
					{ name: 'Template Quality Updates', value: 'templateQualityUpdate', description: 'Template quality score changes; one item per change' },
					{ name: 'Template Status Updates', value: 'templateStatusUpdate', description: 'Template approvals, rejections, pauses; one item per change' },
				],
			},
			{
				displayName: 'Subscribe Automatically',
				name: 'subscribeAutomatically',
				type: 'boolean',
				default: true,
				description:
					"Whether activating the workflow points the WhatsApp Business Account's message webhooks at this node (Meta's callback override) and deactivating removes it again",
			},
			{
				displayName:
					"On activation this node becomes the WhatsApp Business Account's callback for messages (ad referrals, incoming messages, statuses), with its own verify token; several workflows can each own a different account of one Meta app. Meta sends template, flow, phone number and account updates only to the app's callback set in App Dashboard > WhatsApp > Configuration.",
				name: 'automaticNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { subscribeAutomatically: [true] } },
			},
			{
				displayName:
					"Manual setup: in App Dashboard > WhatsApp > Configuration set Callback URL to this node's Production URL (Webhook URLs, above) and Verify Token to the value below, then subscribe to the fields of the events you selected.",
				name: 'manualNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { subscribeAutomatically: [false] } },
			},
			// The user must read this value to paste it into Meta's dashboard; it only proves to Meta
			// that the endpoint is ours (webhooks themselves are authenticated by the signature).
			{
				displayName: 'Verify Token',
				name: 'verifyToken',
				// eslint-disable-next-line n8n-nodes-base/node-param-type-options-password-missing
				type: 'string',
				default: '',
				placeholder: 'Empty: a random token derived from this node',
				description:
					"The token Meta sends when it verifies the callback URL. With Subscribe Automatically, leave it empty to use a random token derived from this node's ID. For manual setup, set any value and paste the same value into Meta's dashboard.",
			},
			{
				displayName: 'Verify Signature',
				name: 'verifySignature',
				type: 'boolean',
				default: true,
				description:
					"Whether to accept only webhooks whose X-Hub-Signature-256 matches the credential's App Secret (others get HTTP 401 and start nothing)",
			},
			{
				displayName:
					'Warning: without signature verification anyone who learns this URL can start the workflow with made-up leads. Turn it off only for debugging.',
				name: 'signatureWarning',
				type: 'notice',
				default: '',
				displayOptions: { show: { verifySignature: [false] } },
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Phone Number IDs',
						name: 'phoneNumberIds',
						type: 'string',
						default: '',
						placeholder: '106540352242922, 107655329012345',
						description:
							'Only events of these business phone number IDs (comma-separated). Events that name no phone number (template, flow and account updates) always pass.',
					},
					{
						displayName: 'Remembered Deliveries',
						name: 'rememberedDeliveries',
						type: 'number',
						typeOptions: { minValue: 100, maxValue: 100000 },
						default: DEFAULT_REMEMBERED_DELIVERIES,
						description:
							"How many recent webhook deliveries n8n's deduplication store keeps for this node (one entry per POST from Meta, whatever it carries)",
					},
				],
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await subscriptionExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await createSubscription.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteSubscription.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		if (this.getWebhookName() === 'setup') {
			const challenge = checkVerification(this.getQueryData() as Record<string, unknown>, verifyTokenOf(this));
			if (challenge === undefined) return reply(this, 403, 'Forbidden');
			return reply(this, 200, challenge);
		}

		const request = this.getRequestObject() as unknown as { rawBody?: Buffer | string };
		const rawBody = request.rawBody;
		if (rawBody !== undefined && Buffer.byteLength(rawBody) > MAX_PAYLOAD_BYTES) {
			this.logger.warn('WhatsApp Business Management Trigger: rejected a webhook body over Meta\'s 3 MB limit');
			return reply(this, 413, 'Payload too large');
		}
		// Parameters are read through triggerParameter (see parameters.ts): n8n's getNodeParameter
		// only for a value that holds an expression.
		const node = this.getNode();
		if (triggerParameter(node, 'verifySignature', true, () => this.getNodeParameter('verifySignature', true))) {
			const credentials = (await this.getCredentials(CREDENTIAL_TYPE)) as IDataObject;
			const appSecret = typeof credentials.appSecret === 'string' ? credentials.appSecret.trim() : '';
			if (!appSecret) {
				this.logger.warn('WhatsApp Business Management Trigger: rejected a webhook because the credential has no App Secret');
				return reply(this, 401, 'Signature cannot be verified');
			}
			if (rawBody === undefined || !verifySignature(rawBody, this.getHeaderData()['x-hub-signature-256'], appSecret)) {
				this.logger.warn('WhatsApp Business Management Trigger: rejected a webhook with a missing or wrong X-Hub-Signature-256');
				return reply(this, 401, 'Invalid signature');
			}
		}

		// n8n's body parser built getBodyData() from these same bytes (the ones the signature
		// covers), so a parsed Meta envelope is used as it is; anything else - a body n8n did not
		// parse as JSON, another content type - is parsed from the raw bytes here.
		let payload: unknown = this.getBodyData();
		if (asObject(payload)?.object !== WABA_OBJECT && rawBody !== undefined && rawBody.length > 0) {
			try {
				payload = JSON.parse(rawBody.toString());
			} catch {
				return reply(this, 400, 'The body is not JSON');
			}
		}
		if (asObject(payload)?.object !== WABA_OBJECT) return reply(this, 200, 'Ignored: not a whatsapp_business_account event');

		const options = triggerParameter<IDataObject>(node, 'options', {}, () => this.getNodeParameter('options', {}));
		const { events } = collectEvents(payload, {
			events: triggerParameter<TriggerEvent[]>(node, 'events', ['adReferral'], () => this.getNodeParameter('events', ['adReferral'])),
			phoneNumberIds: parseIdList(options.phoneNumberIds as string | undefined),
		});
		if (events.length === 0) return reply(this, 200, 'No selected events');

		// First line of deduplication, before an execution exists: this process's memory, which
		// takes in the window of fingerprints kept in workflow static data (n8n saves static data
		// after the webhook call and loads it for the next, in whichever process).
		const scope = `${this.getWorkflow().id ?? ''}:${node.id}`;
		let memory = processMemory.get(scope);
		if (!memory) processMemory.set(scope, (memory = new SeenEvents(PROCESS_MEMORY_CAPACITY)));
		const staticData = this.getWorkflowStaticData('node');
		const stored = staticData[STATIC_WINDOW_KEY];
		memory.absorbWindow(typeof stored === 'string' ? stored : '');

		// Which events are new is decided by key; only those are emitted, with their IDs.
		const prints = new Uint32Array(events.length * 2);
		const fresh: number[] = [];
		for (let index = 0; index < events.length; index++) {
			events[index].fingerprintInto(prints, 2 * index);
			if (memory.add(prints[2 * index], prints[2 * index + 1])) fresh.push(index);
		}
		if (fresh.length === 0) return reply(this, 200, 'Already received');
		const printBytes = bigEndianBytes(prints);
		const window = appendToWindow(memory.syncedWindow, fingerprintsHex(printBytes, fresh), STATIC_WINDOW_CAPACITY);
		staticData[STATIC_WINDOW_KEY] = window;
		memory.syncedWindow = window;

		const deliveryId = deliveryIdOf(printBytes);
		const output: INodeExecutionData[] = new Array(fresh.length);
		for (let position = 0; position < fresh.length; position++) {
			const event = events[fresh[position]];
			// Paired with the execution's input item of the same position. n8n sets its own pairing on a
			// copy of each item when the execution starts, yet without the key here a 1,000-item POST
			// measured about 0.8 ms slower (why was not pinned down).
			output[position] = { json: event.item(event.key, deliveryId), pairedItem: { item: position } };
		}
		return { workflowData: [output] };
	}

	/**
	 * n8n runs a webhook node's execute() with the items webhook() returned, inside the execution
	 * (on a worker in queue mode). There n8n's database-backed deduplication store is available:
	 * it is the shared line against the same delivery reaching two processes at once, and against
	 * a retry of a delivery older than the static-data window. It remembers one entry per delivery
	 * (`deliveryId`), not per event: n8n hashes every value it is given, which for a 1,000-message
	 * batch cost more than everything else the trigger does.
	 */
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const deliveries = new Set<string>();
		// The items of one webhook call share one deliveryId: the Set is only asked when it changes.
		let previous: unknown;
		for (const item of items) {
			const deliveryId = item.json.deliveryId;
			if (deliveryId !== previous && typeof deliveryId === 'string') deliveries.add(deliveryId);
			previous = deliveryId;
		}
		if (deliveries.size === 0) return [items];
		const options = triggerParameter<IDataObject>(this.getNode(), 'options', {}, () => this.getNodeParameter('options', 0, {}));
		const maxEntries = Number(options.rememberedDeliveries) || DEFAULT_REMEMBERED_DELIVERIES;
		let fresh: Set<string>;
		try {
			const checked = await this.helpers.checkProcessedAndRecord([...deliveries], 'node', { mode: 'entries', maxEntries });
			fresh = new Set(checked.new.map(String));
		} catch (error) {
			// Losing a lead is worse than seeing it twice: without the store, items pass.
			this.logger.warn(
				`WhatsApp Business Management Trigger: n8n's deduplication store is unavailable, events pass unchecked: ${(error as Error).message}`,
			);
			return [items];
		}
		if (fresh.size === deliveries.size) return [items];
		const output: INodeExecutionData[] = [];
		for (let index = 0; index < items.length; index++) {
			const deliveryId = items[index].json.deliveryId;
			if (typeof deliveryId !== 'string' || fresh.has(deliveryId)) output.push({ json: items[index].json, pairedItem: { item: index } });
		}
		return [output];
	}
}
