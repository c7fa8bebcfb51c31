import { OVERRIDE_ROUTED_FIELDS, webhookFieldsOf } from '../../nodes/WhatsAppBusinessManagementTrigger/events';
import { WhatsAppBusinessManagementTrigger } from '../../nodes/WhatsAppBusinessManagementTrigger/WhatsAppBusinessManagementTrigger.node';

describe('webhook fields of the selected events', () => {
	test('message-like events ride on the WABA override; the rest need the app callback, each field once', () => {
		expect(webhookFieldsOf(['adReferral', 'identityChange', 'messageEcho', 'automaticEvent', 'securityUpdate', 'allMessages'])).toEqual({
			all: ['messages', 'smb_message_echoes', 'automatic_events', 'security'],
			viaOverride: ['messages', 'smb_message_echoes'],
			viaAppCallback: ['automatic_events', 'security'],
		});
		expect(webhookFieldsOf(['constructor', 'unknown'])).toEqual({ all: [], viaOverride: [], viaAppCallback: [] });
	});

	test('every option of the Events field has a Meta field, and those the override carries are the documented ones', () => {
		const events = new WhatsAppBusinessManagementTrigger().description.properties.find((property) => property.name === 'events')!;
		const values = (events.options as Array<{ value: string }>).map((option) => option.value);
		expect(webhookFieldsOf(values).all).toHaveLength(new Set(webhookFieldsOf(values).all).size);
		for (const value of values) expect(webhookFieldsOf([value]).all).toHaveLength(1);
		expect(OVERRIDE_ROUTED_FIELDS).toEqual(['messages', 'smb_message_echoes', 'history']);
	});
});
