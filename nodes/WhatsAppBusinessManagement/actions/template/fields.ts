/** Template fields that Create and Edit share outside the components. */
import type { INodeProperties } from 'n8n-workflow';

/** Ranges and -1: Meta's "Configure message time-to-live" guide (see validateMessageTtl in rules.ts). */
export const messageTtlField: INodeProperties = {
	displayName: 'Message TTL (Seconds)',
	name: 'messageSendTtlSeconds',
	type: 'number',
	typeOptions: { minValue: -1 },
	default: 43200,
	description:
		'How long WhatsApp tries to deliver a message sent with this template: 30 s to 15 min for authentication, 30 s to 12 h for utility, 12 h to 30 days for marketing; -1 sets 30 days for authentication and utility',
};
