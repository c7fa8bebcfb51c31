/**
 * The webhook events of issue 16 through collectEvents: every identity-change type Meta has
 * documented, and malformed values of the new fields (missing keys, wrong types, arrays for objects,
 * huge strings, empty strings), which must give no item rather than a garbage one.
 */
import { IDENTITY_CHANGE_TYPES, collectEvents } from '../../nodes/WhatsAppBusinessManagementTrigger/events';
import { FLAT_EXAMPLES, automaticEventsPayload, flatChangePayload, historyPayload, identityChangePayload, messageEchoesPayload, userPreferencesPayload, type IdentityChange } from '../support/metaEvents';
import { WABA_ID } from '../support/metaWebhooks';

const ALL_NEW = ['automaticEvent', 'userPreference', 'messageEcho', 'history', 'accountReviewUpdate', 'accountAlert', 'securityUpdate', 'businessCapabilityUpdate', 'templateComponentsUpdate', 'identityChange'] as const;
const items = (payload: unknown) => collectEvents(payload, { events: [...ALL_NEW] }).events.map((event) => event.item);
const common = { wabaId: WABA_ID };

/** The first change's value of a payload the builders made, to corrupt. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const valueOf = (payload: any): any => payload.entry[0].changes[0].value;
/** The payload after `change` corrupted its first change's value. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const corrupt = (payload: Record<string, unknown>, change: (value: any) => void) => {
	change(valueOf(payload));
	return payload;
};

describe('identity changes: every system message type Meta documents', () => {
	test('the five types are recognised', () => {
		expect(IDENTITY_CHANGE_TYPES).toEqual(['user_changed_number', 'user_changed_user_id', 'customer_changed_number', 'customer_identity_changed', 'user_identity_changed']);
	});

	test.each<[string, IdentityChange, Record<string, unknown>]>([
		['user_changed_number', { type: 'user_changed_number', messageId: 'wamid.S.1', from: '16505550001', previousUserId: 'US.1', userId: 'US.2', waId: '16505550002' }, { from: '16505550001', waId: '16505550002', previousUserId: 'US.1', userId: 'US.2' }],
		['user_changed_user_id', { type: 'user_changed_user_id', messageId: 'wamid.S.2', fromUserId: 'US.1', previousUserId: 'US.1', userId: 'US.3', parentUserId: 'US.ENT.9' }, { fromUserId: 'US.1', previousUserId: 'US.1', userId: 'US.3', parentUserId: 'US.ENT.9' }],
		['customer_changed_number (webhook v12+)', { type: 'customer_changed_number', messageId: 'wamid.S.3', from: '16505550001', customer: '16505550001', waId: '16505550009' }, { previousWaId: '16505550001', waId: '16505550009' }],
		['customer_changed_number (v11 new_wa_id)', { type: 'customer_changed_number', messageId: 'wamid.S.4', from: '16505550001', customer: '16505550001', newWaId: '16505550008' }, { previousWaId: '16505550001', waId: '16505550008' }],
		['customer_identity_changed', { type: 'customer_identity_changed', messageId: 'wamid.S.5', from: '16505550001', customer: '16505550001', identity: 'acbb2a6b' }, { previousWaId: '16505550001', identityHash: 'acbb2a6b' }],
		['user_identity_changed (On-Premises)', { type: 'user_identity_changed', messageId: 'wamid.S.6', from: '16505550001', user: '16505550001' }, { waId: '16505550001' }],
	])('%s: one identityChange item with the old and new IDs', (_label, change, expected) => {
		const emitted = items(identityChangePayload({ ...common, change }));
		expect(emitted).toEqual([expect.objectContaining({ eventType: 'identityChange', field: 'messages', changeType: change.type, messageId: change.messageId, ...expected })]);
	});

	test('an identity-change type naming nobody, or an unknown system type, gives no item (and is no message either)', () => {
		const nobody = identityChangePayload({ ...common, change: { type: 'user_changed_user_id', messageId: 'wamid.S.7' } });
		expect(collectEvents(nobody, { events: ['identityChange', 'allMessages'] }).events).toEqual([]);
		const unknown = identityChangePayload({ ...common, change: { type: 'user_changed_user_id', messageId: 'wamid.S.8', userId: 'US.1' } });
		valueOf(unknown).messages[0].system.type = 'user_went_on_holiday';
		expect(collectEvents(unknown, { events: ['identityChange'] }).events).toEqual([]);
	});
});

const PURCHASE = { id: 'wamid.A', eventName: 'Purchase', ctwaClid: 'c' };
const STOP = { name: 'A', waId: '1', value: 'stop' };
const ECHO = { id: 'wamid.E', to: '1', text: 'x' };

describe('malformed values of the new fields give no garbage item', () => {
	const huge = 'x'.repeat(200_000);

	test.each<[string, () => unknown]>([
		['automatic_events without ctwa_clid', () => corrupt(automaticEventsPayload({ ...common, events: [PURCHASE] }), (v) => delete v.automatic_events[0].ctwa_clid)],
		['automatic_events with an empty event_name', () => automaticEventsPayload({ ...common, events: [{ id: 'wamid.A', eventName: '', ctwaClid: 'c' }] })],
		['automatic_events with a numeric id', () => corrupt(automaticEventsPayload({ ...common, events: [PURCHASE] }), (v) => (v.automatic_events[0].id = 7))],
		['automatic_events as an object', () => corrupt(automaticEventsPayload({ ...common, events: [PURCHASE] }), (v) => (v.automatic_events = v.automatic_events[0]))],
		['automatic_events with a huge ctwa_clid', () => automaticEventsPayload({ ...common, events: [{ id: 'wamid.A', eventName: 'Purchase', ctwaClid: huge }] })],
		['user_preferences without value', () => corrupt(userPreferencesPayload({ ...common, preferences: [STOP] }), (v) => delete v.user_preferences[0].value)],
		['user_preferences with wa_id and user_id empty', () => userPreferencesPayload({ ...common, preferences: [{ name: 'A', waId: '', value: 'stop' }] })],
		['user_preferences with an array value', () => corrupt(userPreferencesPayload({ ...common, preferences: [STOP] }), (v) => (v.user_preferences[0].value = ['stop']))],
		['smb_message_echoes without type', () => corrupt(messageEchoesPayload({ ...common, echoes: [ECHO] }), (v) => delete v.message_echoes[0].type)],
		['smb_message_echoes with an object id', () => corrupt(messageEchoesPayload({ ...common, echoes: [ECHO] }), (v) => (v.message_echoes[0].id = { id: 'wamid.E' }))],
		['history chunk that is empty', () => corrupt(historyPayload({ ...common, threads: [] }), (v) => (v.history = [{}]))],
		['history message with an empty id', () => corrupt(historyPayload({ ...common, threads: [{ id: '1', messages: [{ id: '', from: '1', text: 'x' }] }] }), (v) => (v.history[0].metadata = 'progress'))],
		['account_review_update without decision', () => flatChangePayload({ ...common, field: 'account_review_update', value: {} })],
		['account_review_update with a numeric decision', () => flatChangePayload({ ...common, field: 'account_review_update', value: { decision: 1 } })],
		['account_review_update with a huge decision', () => flatChangePayload({ ...common, field: 'account_review_update', value: { decision: huge } })],
		['account_alerts with alert_info as an array', () => flatChangePayload({ ...common, field: 'account_alerts', value: { ...FLAT_EXAMPLES.account_alerts, alert_info: [FLAT_EXAMPLES.account_alerts.alert_info] } })],
		['account_alerts without alert_type', () => flatChangePayload({ ...common, field: 'account_alerts', value: { ...FLAT_EXAMPLES.account_alerts, alert_info: { alert_severity: 'WARNING' } } })],
		['security with an empty event', () => flatChangePayload({ ...common, field: 'security', value: { ...FLAT_EXAMPLES.security, event: '' } })],
		['business_capability_update with string limits only', () => flatChangePayload({ ...common, field: 'business_capability_update', value: { max_daily_conversations_per_business: '2000' } })],
		['message_template_components_update without the template ID', () => flatChangePayload({ ...common, field: 'message_template_components_update', value: { message_template_name: 'x' } })],
	])('%s', (_label, build) => {
		const result = collectEvents(build(), { events: [...ALL_NEW] });
		expect(result.events).toEqual([]);
		// Counted apart from unselected events, so the trigger can log what it skipped.
		expect(result.misshapen).toBe(1);
	});

	test('a malformed change of an event that is not selected is not counted as misshapen', () => {
		const result = collectEvents(flatChangePayload({ ...common, field: 'account_review_update', value: {} }), { events: ['adReferral'] });
		expect(result).toMatchObject({ events: [], misshapen: 0, skipped: 1 });
	});

	test('a well-formed change keeps its documented keys but loses those of the wrong type', () => {
		const value = { ...FLAT_EXAMPLES.message_template_components_update, message_template_footer: { text: 'not a string' }, message_template_buttons: 'none' };
		const [item] = items(flatChangePayload({ ...common, field: 'message_template_components_update', value }));
		expect(item).toMatchObject({ eventType: 'templateComponentsUpdate', message_template_name: 'order_confirmation', message_template_element: 'Thank you for your order, {{1}}!' });
		expect(item).not.toHaveProperty('message_template_footer');
		expect(item).not.toHaveProperty('message_template_buttons');
		const [purchase] = items(corrupt(automaticEventsPayload({ ...common, events: [{ ...PURCHASE, value: 10 }] }), (v) => (v.automatic_events[0].custom_data.value = '10; DROP')));
		expect(purchase).toMatchObject({ eventName: 'Purchase', ctwa_clid: 'c', currency: 'USD' });
		expect(purchase).not.toHaveProperty('value');
	});

	test('the documented examples of every new field give one item each', () => {
		const payloads = [
			automaticEventsPayload({ ...common, events: [{ id: 'wamid.A', eventName: 'LeadSubmitted', ctwaClid: 'c' }] }),
			userPreferencesPayload({ ...common, preferences: [{ name: 'A', waId: '1', value: 'stop' }] }),
			messageEchoesPayload({ ...common, echoes: [{ id: 'wamid.E', to: '1', text: 'x' }] }),
			historyPayload({ ...common, threads: [{ id: '1', messages: [{ id: 'wamid.H', from: '1', text: 'x' }] }] }),
			...Object.keys(FLAT_EXAMPLES).map((field) => flatChangePayload({ ...common, field, value: FLAT_EXAMPLES[field] })),
			identityChangePayload({ ...common, change: { type: 'user_changed_user_id', messageId: 'wamid.S', previousUserId: 'US.1', userId: 'US.2' } }),
		];
		expect(payloads.map((payload) => items(payload).length)).toEqual(Array(payloads.length).fill(1));
	});
});
