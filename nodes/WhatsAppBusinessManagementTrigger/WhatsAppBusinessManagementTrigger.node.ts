import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	INodeExecutionData,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { forgetAppSecrets } from './appSecret';
import { checkVerification, deliveryKeysOf } from './events';
import { DEFAULT_REMEMBERED_DELIVERIES, dropRecordedDeliveries } from './deliveryStore';
import { createSubscription, deleteSubscription, subscriptionExists, verifyTokenOf } from './subscription';
import { DEFAULT_MAX_EVENT_AGE_HOURS, dropStaleAndSeen, emit, parsePayload, rawBodyOf, refuseUnverified, reply, selectedEvents } from './webhookSteps';

export { clearProcessMemory, MAX_PAYLOAD_BYTES } from './webhookSteps';
export { DEFAULT_REMEMBERED_DELIVERIES } from './deliveryStore';

/** The Events field's options; the subtitle shows their names. */
const EVENT_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Account Alerts', value: 'accountAlert', description: 'Account_alerts: messaging-limit, Official Business Account and profile alerts; one item per alert (tick account_alerts in the App Dashboard, or turn on Options > Subscribe App Webhook Fields)' },
	{ name: 'Account Review Updates', value: 'accountReviewUpdate', description: 'Account_review_update: the WABA review decision; one item per change (tick account_review_update in the App Dashboard, or turn on Options > Subscribe App Webhook Fields)' },
	{ name: 'Account Updates', value: 'accountUpdate', description: 'Account_update: bans, violations, partner and eligibility changes; one item per change' },
	{ name: 'Ad Referral', value: 'adReferral', description: 'A message that a Click-to-WhatsApp ad click started, with the ad\'s referral fields; one item per message' },
	{ name: 'All Incoming Messages', value: 'allMessages', description: 'Every incoming message, with referral fields when it has them; one item per message' },
	{ name: 'Automatic Events', value: 'automaticEvent', description: 'Automatic_events: a lead or purchase Meta detected in an ad-started chat, with its ctwa_clid, for Conversion > Send Event; one item per event (tick automatic_events in the App Dashboard, or turn on Options > Subscribe App Webhook Fields)' },
	{ name: 'Business Capability Updates', value: 'businessCapabilityUpdate', description: 'Business_capability_update: messaging and phone number limits; one item per change (tick business_capability_update in the App Dashboard, or turn on Options > Subscribe App Webhook Fields)' },
	{ name: 'Coexistence History', value: 'history', description: 'History: past WhatsApp Business app chats shared after onboarding; one item per message (tick history in the App Dashboard, or turn on Options > Subscribe App Webhook Fields)' },
	{ name: 'Coexistence Message Echoes', value: 'messageEcho', description: 'Smb_message_echoes: messages the business sent from the WhatsApp Business app; one item per message (tick smb_message_echoes in the App Dashboard, or turn on Options > Subscribe App Webhook Fields)' },
	{ name: 'Flow Events', value: 'flowEvent', description: 'Flows: status changes and endpoint alerts; one item per change' },
	{ name: 'Identity Changes', value: 'identityChange', description: 'A user changed phone number or business-scoped user ID (system messages user_changed_number, user_changed_user_id): update the lead; one item per change' },
	{ name: 'Message Statuses', value: 'messageStatus', description: 'Sent, delivered, read and failed updates; one item per status' },
	{ name: 'Orders', value: 'order', description: 'A cart a customer sent from a catalog, single- or multi-product message, with its products, value and currency (for Conversion > Send Event); one item per order' },
	{ name: 'Phone Number Name Updates', value: 'phoneNumberNameUpdate', description: 'Display name review outcomes; one item per change' },
	{ name: 'Phone Number Quality Updates', value: 'phoneNumberQualityUpdate', description: 'Messaging limit and quality changes; one item per change' },
	{ name: 'Security Updates', value: 'securityUpdate', description: 'Security: two-step verification PIN changed or reset; one item per change (tick security in the App Dashboard, or turn on Options > Subscribe App Webhook Fields)' },
	{ name: 'Template Category Updates', value: 'templateCategoryUpdate', description: 'Upcoming and completed template category changes; one item per change' },
	{ name: 'Template Components Updates', value: 'templateComponentsUpdate', description: 'Message_template_components_update: a template was edited; one item per change (tick message_template_components_update in the App Dashboard, or turn on Options > Subscribe App Webhook Fields)' },
	{ name: 'Template Quality Updates', value: 'templateQualityUpdate', description: 'Template quality score changes; one item per change' },
	{ name: 'Template Status Updates', value: 'templateStatusUpdate', description: 'Template approvals, rejections, pauses; one item per change' },
	{ name: 'User Preferences', value: 'userPreference', description: 'User_preferences: a user stopped or resumed marketing messages, for opt-out sync; one item per change (tick user_preferences in the App Dashboard, or turn on Options > Subscribe App Webhook Fields)' },
];

/** The subtitle: the selected events by the names the Events field shows them with. */
export const SUBTITLE = `={{ [].concat($parameter["events"] || []).map((event) => (${JSON.stringify(
	Object.fromEntries(EVENT_OPTIONS.map((option) => [option.value, option.name])),
)})[event] || event).join(", ") }}`;

export class WhatsAppBusinessManagementTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatsApp Business Management Trigger',
		name: 'whatsAppBusinessManagementTrigger',
		icon: { light: 'file:whatsAppBusinessManagement.svg', dark: 'file:whatsAppBusinessManagement.dark.svg' },
		group: ['trigger'],
		// v2: n8n's webhook server evaluates an `options.binaryData` expression for every POST to a v1
		// webhook node (cli webhook-helpers, parseRequestBody); nothing else differs.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: SUBTITLE,
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
				options: EVENT_OPTIONS,
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
					"When you activate the workflow, this node becomes the callback for your WhatsApp Business Account's message webhooks (ad clicks, messages, statuses, identity changes, coexistence). Meta sends a webhook field only when your app subscribes it, and the other events (templates, flows, phone numbers, account, security, automatic events, user preferences) only to your app's callback: turn on Options > Subscribe App Webhook Fields, or in Meta's App Dashboard > WhatsApp > Configuration enter this node's Production URL and Verify Token and tick the field of each selected event.",
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
						displayName: 'Max Event Age (Hours)',
						name: 'maxEventAge',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: DEFAULT_MAX_EVENT_AGE_HOURS,
						description:
							'Events older than this are dropped with a log line (replayed captures, very late retries); 0 keeps events of any age. The default, 7 days, is how long Meta retries a webhook it could not deliver, so no retry of Meta is dropped.',
					},
					{
						displayName: 'Phone Number IDs',
						name: 'phoneNumberIds',
						type: 'string',
						default: '',
						placeholder: '106540352242922, 107655329012345',
						// Name and quality updates name the number only by display_phone_number (Meta's
						// webhooks reference: phone_number_name_update, phone_number_quality_update).
						description:
							'Only events of these business phone number IDs (comma-separated). Events that carry no phone number ID pass unfiltered: phone number name and quality updates (they give only the display number), and template, flow and account updates.',
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
					{
						displayName: 'Subscribe App Webhook Fields',
						name: 'subscribeAppFields',
						type: 'boolean',
						default: false,
						description:
							"Whether activation also subscribes the app to the webhook fields of the selected events (automatic_events, user_preferences, template, flow, phone number and account fields; messages when the app lacks it) and makes this node the app's callback URL, using the credential's App ID and App Secret; deactivation removes only the fields it added. Warning: an app has one callback URL, so the app's other WhatsApp Business Accounts then send their events here too (each item carries wabaId), and the callback stays set after deactivation. With Subscribe Automatically.",
					},
					{
						displayName: 'Subscribe Phone Numbers',
						name: 'subscribePhoneNumbers',
						type: 'boolean',
						default: false,
						description:
							"Whether activation makes this trigger the callback override of each number in Phone Number IDs instead of the WhatsApp Business Account's (Meta uses a number's own override first); deactivation removes them. With Subscribe Automatically.",
					},
				],
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				// Activation is when a changed credential should count, whatever this process kept.
				forgetAppSecrets();
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

	/** verify the signature -> parse -> collect the selected events -> drop stale ones and those already seen -> emit. */
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		if (this.getWebhookName() === 'setup') {
			const challenge = checkVerification(this.getQueryData() as Record<string, unknown>, verifyTokenOf(this));
			return challenge === undefined ? reply(this, 403, 'Forbidden') : reply(this, 200, challenge);
		}
		const rawBody = rawBodyOf(this);
		const refusal = await refuseUnverified(this, rawBody);
		if (refusal) return refusal;
		const parsed = parsePayload(this, rawBody);
		if ('refusal' in parsed) return parsed.refusal;
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const events = selectedEvents(this, parsed.payload, options);
		if (events.length === 0) return reply(this, 200, 'No selected events');
		const delivery = deliveryKeysOf(events.map((event) => event.key));
		const { fresh, stale } = dropStaleAndSeen(this, events, delivery, options);
		if (fresh.length === 0) return reply(this, 200, stale === events.length ? 'Only events older than Max Event Age' : 'Already received');
		return { workflowData: [emit(fresh, delivery.id)] };
	}

	/**
	 * n8n runs a webhook node's execute() with the items webhook() returned, inside the execution
	 * (on a worker in queue mode), where n8n's database-backed deduplication store is available.
	 * It remembers one entry per delivery (`deliveryId`), not per event: n8n hashes and searches
	 * every value it is given, which for a 1,000-message batch would cost more than the rest.
	 */
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const options = this.getNodeParameter('options', 0, {}) as IDataObject;
		const maxEntries = Number(options.rememberedDeliveries) || DEFAULT_REMEMBERED_DELIVERIES;
		return [await dropRecordedDeliveries(this, maxEntries)];
	}
}
