import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { DEFAULT_CONCURRENCY, MAX_CONCURRENCY, router } from './actions/router';
import * as analytics from './actions/analytics';
import * as conversion from './actions/conversion';
import * as flow from './actions/flow';
import * as media from './actions/media';
import * as message from './actions/message';
import * as qrCode from './actions/qrCode';
import * as sender from './actions/sender';
import * as sequence from './actions/sequence';
import * as template from './actions/template';
import { listSearch, resourceMapping } from './methods';

export class WhatsAppBusinessManagement implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatsApp Business Management',
		name: 'whatsAppBusinessManagement',
		icon: { light: 'file:whatsAppBusinessManagement.svg', dark: 'file:whatsAppBusinessManagement.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Manage a WhatsApp Business Account through Meta\'s Graph API: send messages, Click-to-WhatsApp welcome sequences, templates, flows, media and phone numbers',
		defaults: { name: 'WhatsApp Business Management' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'whatsAppBusinessManagementApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Analytics', value: 'analytics', description: 'Template performance and message cost, as rows' },
					{
						name: 'Conversion',
						value: 'conversion',
						description: 'Conversions API events that tell Meta what a Click-to-WhatsApp ad click led to',
					},
					{ name: 'Flow', value: 'flow', description: 'WhatsApp Flows: forms and screens inside a chat' },
					{ name: 'Media', value: 'media', description: 'Files uploaded to or received by a phone number' },
					{
						name: 'Message',
						value: 'message',
						description: 'Send templates, replies, media, interactive and Flow messages; react; mark as read',
					},
					{
						name: 'QR Code',
						value: 'qrCode',
						description: 'QR codes and short links that open a chat with a prefilled message',
					},
					{ name: 'Sender', value: 'sender', description: 'Phone numbers, business profiles and registration' },
					{
						name: 'Sequence',
						value: 'sequence',
						description: 'Welcome message sequences for Click-to-WhatsApp ads',
					},
					{ name: 'Template', value: 'template', description: 'Message templates and their review status' },
				],
				default: 'sequence',
			},
			...sequence.description,
			...template.description,
			...flow.description,
			...media.description,
			...message.description,
			...sender.description,
			...qrCode.description,
			...analytics.description,
			...conversion.description,
			{
				displayName: 'Request Options',
				name: 'requestOptions',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Concurrency',
						name: 'concurrency',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY },
						default: DEFAULT_CONCURRENCY,
						description:
							'How many input items are sent to Meta at the same time (default 8; 50 for Message, whose sends are paced by its Throughput option). Throttled calls are retried with backoff; lower this if Meta reports rate limits.',
					},
					{
						displayName: 'Timeout',
						name: 'timeout',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 60000,
						description:
							'How long to wait for Meta to answer one request, in milliseconds. A read that times out is retried; a write is not (it may have been carried out). Without this option, uploads and downloads get 5 minutes.',
					},
					{
						displayName: 'Retry Wait Budget (Seconds)',
						name: 'retryWaitBudget',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 180,
						description:
							'The most time this execution spends waiting between retries, over all items. Once spent, items that would need another retry fail with an error saying so.',
					},
				],
			},
		],
	};

	methods = { listSearch, resourceMapping };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
