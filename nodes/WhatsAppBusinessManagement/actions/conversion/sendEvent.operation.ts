import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../common/collections';
import type { ParameterProblem } from '../common/parameterProblem';
import { conversionProblems } from './rules';
import { readConversionInput, sendAllEvents, type EventOutcome } from './send';

const show = { resource: ['conversion'], operation: ['sendEvent'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Dataset ID',
		name: 'datasetId',
		type: 'string',
		default: '',
		placeholder: '1234567890123456',
		description: 'The dataset to send to. Leave empty to use the WhatsApp Business Account\'s own dataset (looked up once per run).',
		displayOptions: { show },
	},
	{
		displayName: 'Event Name',
		name: 'eventName',
		type: 'options',
		// Meta's business-messaging events (rules.ts BUSINESS_MESSAGING_EVENTS), plus a name of your own.
		options: [
			{ name: 'Add To Cart', value: 'AddToCart' },
			{ name: 'Cart Abandoned', value: 'CartAbandoned' },
			{ name: 'Custom', value: 'custom', description: 'An event name of your own' },
			{ name: 'Initiate Checkout', value: 'InitiateCheckout' },
			{ name: 'Lead Submitted', value: 'LeadSubmitted', description: 'The customer left their details in the chat' },
			{ name: 'Order Canceled', value: 'OrderCanceled' },
			{ name: 'Order Created', value: 'OrderCreated' },
			{ name: 'Order Delivered', value: 'OrderDelivered' },
			{ name: 'Order Returned', value: 'OrderReturned' },
			{ name: 'Order Shipped', value: 'OrderShipped' },
			{ name: 'Purchase', value: 'Purchase', description: 'The customer bought; needs Value and Currency' },
			{ name: 'Qualified Lead', value: 'QualifiedLead', description: 'A lead the business judged worth pursuing' },
			{ name: 'Rating Provided', value: 'RatingProvided' },
			{ name: 'Review Provided', value: 'ReviewProvided' },
			{ name: 'View Content', value: 'ViewContent' },
		],
		default: 'LeadSubmitted',
		description: 'What happened after the ad click',
		displayOptions: { show },
	},
	{
		displayName: 'Custom Event Name',
		name: 'customEventName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'TestDriveBooked',
		displayOptions: { show: { ...show, eventName: ['custom'] } },
	},
	{
		displayName: 'Click ID (Ctwa_clid)',
		name: 'ctwaClid',
		type: 'string',
		required: true,
		// The trigger's ad-referral items carry the click ID under this key (events/messages.ts).
		default: '={{ $json.ctwa_clid }}',
		description: 'The ctwa_clid of the ad click that started the chat, as the trigger or your CRM stored it',
		displayOptions: { show },
	},
	{
		displayName: 'Event Time',
		name: 'eventTime',
		type: 'dateTime',
		default: '',
		description: 'When it happened (ISO 8601 or Unix seconds); empty means now. Meta refuses events older than 7 days.',
		displayOptions: { show },
	},
	{
		displayName: 'Value',
		name: 'value',
		type: 'string',
		default: '',
		placeholder: '49.90',
		description: 'The amount, in Currency; required for Purchase',
		displayOptions: { show },
	},
	{
		displayName: 'Currency',
		name: 'currency',
		type: 'string',
		default: '',
		placeholder: 'USD',
		description: 'ISO 4217 code of the value\'s currency',
		displayOptions: { show },
	},
	{
		displayName: 'Event ID',
		name: 'eventId',
		type: 'string',
		default: '',
		placeholder: 'order-1042-purchase',
		description: 'A stable ID for this conversion (for example the order number): Meta drops a second event with the same name and ID, so a workflow run twice counts once',
		displayOptions: { show },
	},
	optionsCollection({ show }, [
		{
			displayName: 'Test Event Code',
			name: 'testEventCode',
			type: 'string',
			default: '',
			placeholder: 'TEST12345',
			description: 'Shows the events in Events Manager\'s Test Events tab instead of counting them',
		},
	]),
];

/** Pre-send checks of one item (the router runs them before execute). */
export function validate(this: IExecuteFunctions, itemIndex: number): ParameterProblem[] {
	return conversionProblems(readConversionInput.call(this, itemIndex), Math.floor(Date.now() / 1000));
}

/** One send per run for all items (the router calls execute per item); keyed by the run's context. */
const runs = new WeakMap<IExecuteFunctions, Promise<Map<number, EventOutcome>>>();

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	let run = runs.get(this);
	if (!run) {
		run = sendAllEvents.call(this);
		runs.set(this, run);
	}
	const outcome = (await run).get(itemIndex);
	if (!outcome) throw new Error(`No outcome for item ${itemIndex}`);
	if ('error' in outcome) throw outcome.error;
	return outcome.json;
}
