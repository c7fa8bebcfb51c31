import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../types';
import * as markAsRead from './markAsRead.operation';
import * as react from './react.operation';
import * as sendContacts from './sendContacts.operation';
import * as sendFlow from './sendFlow.operation';
import * as sendInteractive from './sendInteractive.operation';
import * as sendLocation from './sendLocation.operation';
import * as sendMedia from './sendMedia.operation';
import * as sendTemplate from './sendTemplate.operation';
import * as sendText from './sendText.operation';

/** Each operation module exports its `option` (name, value, action) beside its fields and execute(). */
type MessageOperation = OperationModule & { option: { name: string; value: string; description: string; action: string } };

const list: MessageOperation[] = [sendText, sendTemplate, sendMedia, sendInteractive, sendFlow, sendLocation, sendContacts, react, markAsRead];

export const operations: Record<string, OperationModule> = Object.fromEntries(list.map((module) => [module.option.value, module]));

/**
 * Sends wait for the sender's throughput (send.ts), so more of them are in flight than the node's
 * default: at 80 messages per second and half a second per answer, 40 wait for Meta at once.
 */
export const defaultConcurrency = 50;

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: list.map((module) => module.option).sort((a, b) => a.name.localeCompare(b.name)),
		default: 'sendTemplate',
	},
	...list.flatMap((module) => module.description),
];
