import { fieldsToRemove, planAppSubscription, subscribedFieldsOf } from '../../nodes/WhatsAppBusinessManagementTrigger/appSubscription';

const here = 'https://n8n.example.com/webhook/abc/webhook';
const elsewhere = 'https://crm.example.com/meta';
const subscription = (callback_url: string, names: string[], active = true) => ({ object: 'whatsapp_business_account', callback_url, active, fields: names.map((name) => ({ name, version: 'v25.0' })) });

describe('planAppSubscription', () => {
	test('with no subscription every selected field is missing, messages included, in selection order', () => {
		expect(planAppSubscription(['automaticEvent', 'adReferral', 'userPreference', 'allMessages'], undefined, here)).toEqual({
			inPlace: false,
			missing: ['automatic_events', 'messages', 'user_preferences'],
			fields: ['automatic_events', 'messages', 'user_preferences'],
		});
	});

	test('the app\'s other fields stay in the list posted, first and unchanged', () => {
		const plan = planAppSubscription(['securityUpdate'], subscription(elsewhere, ['messages', 'flows']), here);
		expect(plan).toEqual({ inPlace: false, missing: ['security'], fields: ['messages', 'flows', 'security'] });
	});

	test('an app-only field needs the callback to be this webhook, even when subscribed', () => {
		expect(planAppSubscription(['automaticEvent'], subscription(elsewhere, ['automatic_events']), here)).toMatchObject({ inPlace: false, missing: [] });
		expect(planAppSubscription(['automaticEvent'], subscription(here, ['automatic_events']), here)).toMatchObject({ inPlace: true, missing: [] });
	});

	test('override-routed fields need only to be subscribed: the app callback may point anywhere', () => {
		expect(planAppSubscription(['adReferral', 'messageEcho', 'history'], subscription(elsewhere, ['messages', 'smb_message_echoes', 'history']), here).inPlace).toBe(true);
		expect(planAppSubscription(['adReferral', 'messageEcho'], subscription(elsewhere, ['messages']), here)).toMatchObject({ inPlace: false, missing: ['smb_message_echoes'] });
	});

	test('an inactive subscription counts as subscribing nothing, but its fields are still kept', () => {
		expect(planAppSubscription(['adReferral'], subscription(here, ['messages', 'flows'], false), here)).toEqual({ inPlace: false, missing: ['messages'], fields: ['messages', 'flows'] });
	});

	test('unknown event names add no field', () => {
		expect(planAppSubscription(['noSuchEvent'], undefined, here)).toEqual({ inPlace: true, missing: [], fields: [] });
	});
});

describe('fieldsToRemove and subscribedFieldsOf', () => {
	test('only the fields this node added that are still subscribed', () => {
		expect(fieldsToRemove(['automatic_events', 'security'], subscription(here, ['messages', 'automatic_events']))).toEqual(['automatic_events']);
		expect(fieldsToRemove(['automatic_events'], undefined)).toEqual([]);
	});

	test('fields given as names or as {name, version}', () => {
		expect(subscribedFieldsOf({ fields: ['messages', { name: 'flows', version: 'v25.0' }, { version: 'v1' }] })).toEqual(['messages', 'flows']);
	});
});
