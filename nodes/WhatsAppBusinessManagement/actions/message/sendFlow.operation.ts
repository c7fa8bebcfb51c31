import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ParameterProblem } from '../common/parameterProblem';
import { flowIdOf, flowIdProblems, flowLocator } from '../flow/locator';
import { addressProblems, readAddress, readSender, recipientFields, replyToField, RESOURCE, senderField } from './fields';
import { buildFlowInteractive, flowMessageProblems, type FlowMessageInput } from './flowMessage';
import { sendMessage } from './send';
import { sendingOptionsField, sendingOptionsProblems } from './sendingOptions';

const OPERATION = 'sendFlow';
const show = { resource: [RESOURCE], operation: [OPERATION] };

export const option = {
	name: 'Send Flow',
	value: OPERATION,
	description: 'Send a WhatsApp Flow (a form inside the chat) behind a button',
	action: 'Send a flow message',
};

export const description: INodeProperties[] = [
	senderField([OPERATION]),
	...recipientFields([OPERATION]),
	flowLocator([OPERATION], { displayOptions: { show }, description: 'The Flow to open; a published one, or any in Draft Mode' }),
	{
		displayName: 'Button Text',
		name: 'flowCta',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Book a test drive',
		description: 'The button that opens the Flow, up to 30 characters',
		displayOptions: { show },
	},
	{
		displayName: 'Body Text',
		name: 'bodyText',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '',
		description: 'Up to 1,024 characters',
		displayOptions: { show },
	},
	{
		displayName: 'Flow Action',
		name: 'flowAction',
		type: 'options',
		options: [
			{ name: 'Navigate', value: 'navigate', description: 'Open on the screen named below' },
			{ name: 'Data Exchange', value: 'data_exchange', description: 'The Flow\'s endpoint decides the first screen' },
		],
		default: 'navigate',
		displayOptions: { show },
	},
	{
		displayName: 'First Screen',
		name: 'firstScreen',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. WELCOME_SCREEN',
		description: 'The ID of the screen the Flow opens on, as in its Flow JSON',
		displayOptions: { show: { ...show, flowAction: ['navigate'] } },
	},
	{
		displayName: 'Options',
		name: 'flowOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show },
		options: [
			{ displayName: 'Draft Mode', name: 'draft', type: 'boolean', default: false, description: 'Whether to send the Flow\'s draft, for testing before it is published' },
			{
				displayName: 'First Screen Data (JSON)',
				name: 'data',
				type: 'json',
				default: '{}',
				description: 'Input data for the first screen (navigate only), as a JSON object',
			},
			{
				displayName: 'Flow Token',
				name: 'flowToken',
				// Not a secret: Meta's name for the business's own session ID, shown back in the Flow's replies.
				// eslint-disable-next-line n8n-nodes-base/node-param-type-options-password-missing
				type: 'string',
				default: '',
				description: 'Your identifier for this Flow session, returned with the user\'s answers; Meta uses "unused" when empty',
			},
			{ displayName: 'Footer Text', name: 'footer', type: 'string', default: '', description: 'Up to 60 characters' },
			{ displayName: 'Header Text', name: 'headerText', type: 'string', default: '', description: 'Up to 60 characters' },
		],
	},
	...replyToField([OPERATION]),
	sendingOptionsField([OPERATION]),
];

const text = (context: IExecuteFunctions, name: string, itemIndex: number) => String(context.getNodeParameter(name, itemIndex, '') ?? '');

/** The first screen's data: an object, from JSON text or an expression's object; a string when it is not one. */
function dataOf(raw: unknown): IDataObject | string | undefined {
	if (raw === undefined || raw === null || raw === '') return undefined;
	let value = raw;
	if (typeof raw === 'string') {
		try {
			value = JSON.parse(raw);
		} catch (error) {
			return `is not valid JSON (${(error as Error).message})`;
		}
	}
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : 'must be a JSON object such as {"name": "Ana"}';
}

function readInput(context: IExecuteFunctions, itemIndex: number): { input: FlowMessageInput; dataProblem?: string } {
	const options = context.getNodeParameter('flowOptions', itemIndex, {}) as IDataObject;
	const action = text(context, 'flowAction', itemIndex) === 'data_exchange' ? 'data_exchange' : 'navigate';
	const data = dataOf(options.data);
	const input: FlowMessageInput = {
		flowId: flowIdOf.call(context, itemIndex) ?? '',
		cta: text(context, 'flowCta', itemIndex),
		body: text(context, 'bodyText', itemIndex),
		headerText: String(options.headerText ?? ''),
		footer: String(options.footer ?? ''),
		flowToken: String(options.flowToken ?? ''),
		mode: options.draft === true ? 'draft' : 'published',
		action,
		firstScreen: action === 'navigate' ? text(context, 'firstScreen', itemIndex) : undefined,
		data: typeof data === 'object' ? data : undefined,
	};
	return { input, dataProblem: typeof data === 'string' ? data : undefined };
}

export function validate(this: IExecuteFunctions, itemIndex: number): ParameterProblem[] {
	const { input, dataProblem } = readInput(this, itemIndex);
	return [
		...addressProblems(this, itemIndex),
		...flowIdProblems.call(this, itemIndex),
		...flowMessageProblems(input),
		...(dataProblem ? [{ field: 'Options > First Screen Data (JSON)', rule: dataProblem }] : []),
		...sendingOptionsProblems(this, itemIndex),
	];
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const { input } = readInput(this, itemIndex);
	return await sendMessage.call(this, itemIndex, {
		phoneNumberId: readSender(this, itemIndex),
		path: 'messages',
		body: { ...readAddress(this, itemIndex), type: 'interactive', interactive: buildFlowInteractive(input) },
	});
}
