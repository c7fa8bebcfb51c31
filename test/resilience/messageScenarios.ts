/** The Message resource's working examples for the resilience suites (see scenarios.ts). */
import type { IDataObject } from 'n8n-workflow';

import { recordInbound } from '../sandbox/messaging/webhooks';
import type { Sandbox } from '../sandbox/server';
import type { Scenario } from './scenarios';

export const MESSAGE_SENDER = '106540352242922';
export const MESSAGE_USER = '16505551234';
const USER_ID = 'US.13491208655302741918';
const INBOUND_ID = 'wamid.SU5CT1VORF9TQ0VOQVJJTw==';
const FLOW = '7700000000042';
const FLOW_JSON = JSON.stringify({ version: '7.0', screens: [{ id: 'WELCOME', title: 'Welcome', terminal: true, layout: { type: 'SingleColumnLayout', children: [] } }] });
const byId = (value: string) => ({ __rl: true, mode: 'id', value });

/** A sender, a user inside the 24-hour window who wrote INBOUND_ID, a published Flow, an uploaded image. */
export function seedMessaging(sandbox: Sandbox): void {
	sandbox.seed({
		phoneNumbers: [{ id: MESSAGE_SENDER, display_phone_number: '+1 555-013-3700' }],
		contacts: [{ wa_id: MESSAGE_USER, windowOpen: true }, { user_id: USER_ID, windowOpen: true }],
		messaging: { statusWebhooks: { enabled: false } },
		flows: [{ id: FLOW, name: 'Test drive', status: 'PUBLISHED', categories: ['LEAD_GENERATION'], flow_json: FLOW_JSON, created_time: 1751247548 }],
		media: [{ id: '880001', phone_number_id: MESSAGE_SENDER, mime_type: 'image/jpeg' }],
	});
	recordInbound(sandbox.state, { id: INBOUND_ID, from: MESSAGE_USER, phoneNumberId: MESSAGE_SENDER });
}

/** The trigger item a reply starts from. */
const incoming: IDataObject = { from: MESSAGE_USER, messageId: INBOUND_ID, eventType: 'message' };

/** The wamid is new on every send. */
const withoutWamid = (json: IDataObject) => {
	const { wamid: _wamid, ...rest } = json;
	return rest;
};

const base = (operation: string, extra: IDataObject = {}): IDataObject => ({
	resource: 'message',
	operation,
	phoneNumberId: byId(MESSAGE_SENDER),
	// The chaos suite's create check expects a doubtful send to fail; by default it is an item saying so.
	sendingOptions: { uncertainDelivery: 'fail' },
	...extra,
});

const send = (operation: string, parameters: IDataObject, baselines?: IDataObject[]): Scenario => ({
	prepare: (sandbox) => {
		seedMessaging(sandbox);
		return { parameters: base(operation, parameters), items: [incoming] };
	},
	call: { method: 'POST', path: `/${MESSAGE_SENDER}/messages` },
	createsSomething: true,
	normalize: withoutWamid,
	parameterBaselines: baselines?.map((baseline) => base(operation, baseline)),
});

const header = { headerType: 'image', headerSource: 'id', headerId: '880001' };

export const messageScenarios: Record<string, Scenario> = {
	'message.sendText': send('sendText', { text: 'Thanks for your message!', previewUrl: false }, [
		{ text: 'Hi', replyInContext: true },
		{ text: 'Hi', recipientType: 'userId' },
	]),
	'message.sendMedia': send('sendMedia', { mediaType: 'document', mediaSource: 'link', mediaLink: 'https://cdn.example.com/prices.pdf', caption: 'Prices', fileName: 'prices.pdf' }, [
		{ mediaType: 'document', mediaSource: 'link', mediaLink: 'https://cdn.example.com/prices.pdf' },
		{ mediaType: 'image', mediaSource: 'id', mediaId: '880001' },
		{ mediaType: 'image', mediaSource: 'binary', mediaBinaryProperty: 'data' },
	]),
	'message.sendInteractive': send('sendInteractive', { interactiveType: 'buttons', ...header, bodyText: 'When suits you?', replyButtons: { button: [{ id: 'am', title: 'Morning' }] } }, [
		{ interactiveType: 'buttons', headerType: 'text', headerText: 'Hi', bodyText: 'Pick', replyButtons: { button: [{ id: 'am', title: 'Morning' }] } },
		{ interactiveType: 'list', bodyText: 'Pick', listButton: 'Models', listRows: { row: [{ id: 'u3', title: 'Urban 3' }] } },
		{ interactiveType: 'ctaUrl', ...header, bodyText: 'Book online', ctaDisplayText: 'Book now', ctaUrl: 'https://example.com/book' },
		{ interactiveType: 'locationRequest', bodyText: 'Where should we deliver?' },
	]),
	'message.sendFlow': send('sendFlow', { flowId: byId(FLOW), flowCta: 'Book a test drive', bodyText: 'Takes a minute', firstScreen: 'WELCOME', flowOptions: { flowToken: 'lead-1' } }, [
		{ flowId: byId(FLOW), flowCta: 'Book', bodyText: 'Hi', firstScreen: 'WELCOME', flowOptions: { draft: true, data: '{"a": 1}', headerText: 'Hi', footer: 'Bye' } },
		{ flowId: byId(FLOW), flowCta: 'Book', bodyText: 'Hi', flowAction: 'data_exchange' },
	]),
	'message.sendLocation': send('sendLocation', { latitude: 37.4847483, longitude: -122.1473837, locationName: 'Showroom', locationAddress: '1 Hacker Way' }, [{ latitude: -33.8688, longitude: 151.2093 }]),
	'message.sendContacts': send('sendContacts', { contacts: { contact: [{ formattedName: 'Barbara Johnson', phone: '+1 940 555 1234', phoneType: 'WORK', waId: '19405551234', birthday: '1990-02-28' }] } }, [
		{ contacts: { contact: [{ formattedName: 'Service desk' }] } },
	]),
	'message.react': send('react', { emoji: '🚲' }),
	'message.markAsRead': {
		prepare: (sandbox) => {
			seedMessaging(sandbox);
			return { parameters: { resource: 'message', operation: 'markAsRead', phoneNumberId: byId(MESSAGE_SENDER), typingIndicator: true }, items: [incoming] };
		},
		call: { method: 'POST', path: `/${MESSAGE_SENDER}/messages` },
	},
};
