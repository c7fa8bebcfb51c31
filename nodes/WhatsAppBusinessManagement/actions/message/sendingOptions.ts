/** The Message resource's Sending Options: pace, what a doubtful send does, tracking data. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ParameterProblem } from '../common/parameterProblem';
import { RESOURCE } from './fields';
import { characterCount } from '../common/textLength';

/** Meta's default throughput per business phone number (Cloud API overview, "Throughput"). */
export const DEFAULT_THROUGHPUT = 80;
/** Meta raises numbers to at most 1,000 messages per second on request. */
export const MAX_THROUGHPUT = 1000;
/** biz_opaque_callback_data: "arbitrary string ... 512 characters" (messages reference). */
export const CALLBACK_DATA_MAX = 512;

export interface SendingOptions {
	throughput: number;
	/** `item`: the send's item says may_have_been_delivered; `fail`: the send fails with that said. */
	uncertainDelivery: 'item' | 'fail';
	callbackData?: string;
}

/**
 * The Sending Options collection. `callbackData` is left out where the request is not a message
 * (Mark as Read).
 */
export function sendingOptionsField(operations: string[], { callbackData = true } = {}): INodeProperties {
	const options: INodeProperties[] = [
		{
			displayName: 'Throughput (Messages per Second)',
			name: 'throughput',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_THROUGHPUT },
			default: DEFAULT_THROUGHPUT,
			description:
				'The most messages this node sends per second from the sender number. Meta\'s default per number is 80; raise it only if Meta raised the number\'s throughput.',
		},
		{
			displayName: 'When Delivery Is Uncertain',
			name: 'uncertainDelivery',
			type: 'options',
			options: [
				{
					name: 'Output Item (May_have_been_delivered: True)',
					value: 'item',
					description: 'The item says the message may have been delivered, and the other items go on',
				},
				{ name: 'Fail', value: 'fail', description: 'The item fails with an error saying the message may have been delivered' },
			],
			default: 'item',
			description:
				'What happens when Meta gives no clear answer (timeout, dropped connection, server error). The message is never sent again, since it may have been delivered.',
		},
	];
	if (callbackData) {
		options.push({
			displayName: 'Callback Data',
			name: 'callbackData',
			type: 'string',
			default: '',
			placeholder: 'e.g. lead-1042',
			description: 'Text Meta returns in this message\'s status webhooks (biz_opaque_callback_data), up to 512 characters, e.g. a CRM lead ID',
		});
	}
	return {
		displayName: 'Sending Options',
		name: 'sendingOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show: { resource: [RESOURCE], operation: operations } },
		options,
	};
}

export function readSendingOptions(context: IExecuteFunctions, itemIndex: number): SendingOptions {
	const raw = context.getNodeParameter('sendingOptions', itemIndex, {}) as IDataObject;
	const throughput = Number(raw.throughput);
	const callbackData = typeof raw.callbackData === 'string' && raw.callbackData.trim() ? raw.callbackData : undefined;
	return {
		throughput: Number.isFinite(throughput) && throughput > 0 ? Math.min(throughput, MAX_THROUGHPUT) : DEFAULT_THROUGHPUT,
		uncertainDelivery: raw.uncertainDelivery === 'fail' ? 'fail' : 'item',
		callbackData,
	};
}

export function sendingOptionsProblems(context: IExecuteFunctions, itemIndex: number): ParameterProblem[] {
	const { callbackData } = readSendingOptions(context, itemIndex);
	if (!callbackData || characterCount(callbackData) <= CALLBACK_DATA_MAX) return [];
	return [{ field: 'Sending Options > Callback Data', rule: `has ${characterCount(callbackData)} characters; Meta allows at most ${CALLBACK_DATA_MAX}` }];
}
