/**
 * Business-scoped user IDs, identity changes and the webhook fields of issue 16, through the trigger's
 * real webhook() (n8n-core WebhookContext) and the execution n8n starts (WorkflowExecute), with
 * webhooks the sandbox signs and builds from Meta's documented shapes (test/support/metaEvents.ts).
 */
import { useSandbox } from '../helpers/sandbox';
import { MANUAL_SUBSCRIPTION, useTriggerServers, type TriggerServer } from '../helpers/webhook';
import { FLAT_EXAMPLES, bsuidLeadsPayload, type BsuidLead } from '../support/metaEvents';
import { WEBHOOK_TIME } from '../support/metaWebhooks';

const sandbox = useSandbox();
const startTestTrigger = useTriggerServers(sandbox, 'bsuid');
let trigger: TriggerServer;

async function startTrigger(events: string[], options: Record<string, unknown> = {}) {
	trigger = await startTestTrigger({ parameters: { ...MANUAL_SUBSCRIPTION, events, options } });
}

const LEADS: BsuidLead[] = [
	{ name: 'Ana Souza', userId: 'BR.1502576394655843', username: '@ana.s', messageId: 'wamid.BSUID.1', ctwaClid: 'clid-ana' },
	{ name: 'Ben Okafor', userId: 'NG.8830016643001177', username: '@ben', parentUserId: 'NG.ENT.11815799212886844830', messageId: 'wamid.BSUID.2', ctwaClid: 'clid-ben' },
	{ name: 'Chen Wei', userId: 'SG.2207731164909121', messageId: 'wamid.BSUID.3', ctwaClid: 'clid-chen' },
];

describe('business-scoped user IDs', () => {
	test('a batch of leads with empty wa_id keeps each lead its own name and user ID', async () => {
		await startTrigger(['adReferral']);
		// Contacts listed in reverse: the position hint must not pair a message with the wrong lead.
		const payload = bsuidLeadsPayload({ wabaId: sandbox.state.wabaId, leads: LEADS });
		const value = (payload.entry as Array<{ changes: Array<{ value: { contacts: unknown[] } }> }>)[0].changes[0].value;
		value.contacts.reverse();
		const response = await sandbox.sendWebhook({ url: trigger.url, payload });
		expect(response.status).toBe(200);
		const items = trigger.emitted();
		expect(items.map((item) => [item.messageId, item.contactName, item.userId, item.username, item.parentUserId, item.ctwa_clid])).toEqual([
			['wamid.BSUID.1', 'Ana Souza', 'BR.1502576394655843', '@ana.s', undefined, 'clid-ana'],
			['wamid.BSUID.2', 'Ben Okafor', 'NG.8830016643001177', '@ben', 'NG.ENT.11815799212886844830', 'clid-ben'],
			['wamid.BSUID.3', 'Chen Wei', 'SG.2207731164909121', undefined, undefined, 'clid-chen'],
		]);
		// Meta's empty phone fields are passed on as sent, never matched with each other.
		for (const item of items) expect(item).toMatchObject({ from: '', waId: '' });
	});

	test('two contacts with empty wa_id and no user ID on the message: no name is guessed', async () => {
		await startTrigger(['allMessages']);
		const payload = bsuidLeadsPayload({ wabaId: sandbox.state.wabaId, leads: LEADS.slice(0, 2), referral: false });
		const messages = (payload.entry as Array<{ changes: Array<{ value: { messages: Array<Record<string, unknown>> } }> }>)[0].changes[0].value.messages;
		for (const message of messages) delete message.from_user_id;
		await sandbox.sendWebhook({ url: trigger.url, payload });
		const items = trigger.emitted();
		expect(items).toHaveLength(2);
		for (const item of items) {
			expect(item.contactName).toBeUndefined();
			expect(item.userId).toBeUndefined();
		}
	});

	test('a lead with a phone number still matches on it, and gains its user ID', async () => {
		await startTrigger(['adReferral']);
		const leads = [{ ...LEADS[0], phone: '5511999990001' }, { ...LEADS[1], phone: '2348030000002' }];
		await sandbox.sendWebhook({ url: trigger.url, event: { kind: 'bsuidLeads', leads } });
		expect(trigger.emitted().map((item) => [item.from, item.waId, item.contactName, item.userId])).toEqual([
			['5511999990001', '5511999990001', 'Ana Souza', 'BR.1502576394655843'],
			['2348030000002', '2348030000002', 'Ben Okafor', 'NG.8830016643001177'],
		]);
	});
});

test('a status sent to a user ID carries userId, parentUserId and the username of its contact', async () => {
	await startTrigger(['messageStatus']);
	const value = {
		messaging_product: 'whatsapp',
		metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
		contacts: [{ profile: { username: '@other' }, wa_id: '', user_id: 'US.999' }, { profile: { username: '@ana.s' }, wa_id: '', user_id: 'BR.1502576394655843' }],
		statuses: [{ id: 'wamid.OUT.1', status: 'read', timestamp: String(WEBHOOK_TIME + 52), recipient_id: '', recipient_user_id: 'BR.1502576394655843', recipient_parent_user_id: 'BR.ENT.77' }],
	};
	await sandbox.sendWebhook({ url: trigger.url, payload: { object: 'whatsapp_business_account', entry: [{ id: sandbox.state.wabaId, changes: [{ field: 'messages', value }] }] } });
	expect(trigger.emitted()).toEqual([
		expect.objectContaining({ eventType: 'messageStatus', status: 'read', recipientId: '', userId: 'BR.1502576394655843', parentUserId: 'BR.ENT.77', username: '@ana.s' }),
	]);
});

describe('identity changes', () => {
	test('user_changed_user_id and user_changed_number come out as identityChange items, not as messages', async () => {
		await startTrigger(['identityChange', 'allMessages']);
		await sandbox.sendWebhook({
			url: trigger.url,
			event: { kind: 'identityChange', change: { type: 'user_changed_user_id', messageId: 'wamid.SYS.1', fromUserId: 'US.111', previousUserId: 'US.111', userId: 'US.222' } },
		});
		await sandbox.sendWebhook({
			url: trigger.url,
			event: {
				kind: 'identityChange',
				change: { type: 'user_changed_number', messageId: 'wamid.SYS.2', from: '16505550001', previousUserId: 'US.222', userId: 'US.333', waId: '16505550002' },
			},
		});
		const items = trigger.emitted();
		expect(items).toEqual([
			expect.objectContaining({ eventType: 'identityChange', changeType: 'user_changed_user_id', messageId: 'wamid.SYS.1', previousUserId: 'US.111', userId: 'US.222', eventId: 'identity:wamid.SYS.1' }),
			expect.objectContaining({ eventType: 'identityChange', changeType: 'user_changed_number', from: '16505550001', waId: '16505550002', previousUserId: 'US.222', userId: 'US.333' }),
		]);
		expect(items[1].timestampIso).toBe(new Date(WEBHOOK_TIME * 1000).toISOString());
	});

	test("Meta's older types (customer_changed_number, customer_identity_changed, user_identity_changed) are identity changes too", async () => {
		await startTrigger(['identityChange', 'allMessages']);
		const changes = [
			{ type: 'customer_changed_number', messageId: 'wamid.SYS.OLD.1', from: '16505550001', customer: '16505550001', newWaId: '16505550003' },
			{ type: 'customer_identity_changed', messageId: 'wamid.SYS.OLD.2', from: '16505550003', customer: '16505550003', identity: 'acbb2a6b' },
			{ type: 'user_identity_changed', messageId: 'wamid.SYS.OLD.3', from: '16505550003', user: '16505550003' },
		] as const;
		for (const change of changes) await sandbox.sendWebhook({ url: trigger.url, event: { kind: 'identityChange', change } });
		expect(trigger.emitted().map((item) => [item.eventType, item.changeType, item.messageId, item.previousWaId, item.waId, item.identityHash])).toEqual([
			['identityChange', 'customer_changed_number', 'wamid.SYS.OLD.1', '16505550001', '16505550003', undefined],
			['identityChange', 'customer_identity_changed', 'wamid.SYS.OLD.2', '16505550003', undefined, 'acbb2a6b'],
			['identityChange', 'user_identity_changed', 'wamid.SYS.OLD.3', undefined, '16505550003', undefined],
		]);
	});

	test('without the Identity Changes event, a system message starts nothing even with All Incoming Messages', async () => {
		await startTrigger(['allMessages']);
		const response = await sandbox.sendWebhook({
			url: trigger.url,
			event: { kind: 'identityChange', change: { type: 'user_changed_user_id', messageId: 'wamid.SYS.3', previousUserId: 'US.1', userId: 'US.2' } },
		});
		expect(response.body).toBe('No selected events');
		expect(trigger.executions).toHaveLength(0);
	});
});

describe('new webhook fields', () => {
	test('automatic_events: one item per detected event, with ctwa_clid, value and currency for Conversion > Send Event', async () => {
		await startTrigger(['automaticEvent']);
		await sandbox.sendWebhook({
			url: trigger.url,
			event: {
				kind: 'automaticEvents',
				events: [
					{ id: 'wamid.AE.1', eventName: 'LeadSubmitted', ctwaClid: 'clid-lead' },
					{ id: 'wamid.AE.2', eventName: 'Purchase', ctwaClid: 'clid-buy', value: 129.9, currency: 'EUR' },
				],
			},
		});
		expect(trigger.emitted()).toEqual([
			expect.objectContaining({ eventType: 'automaticEvent', field: 'automatic_events', eventName: 'LeadSubmitted', ctwa_clid: 'clid-lead', messageId: 'wamid.AE.1', phoneNumberId: '106540352242922' }),
			expect.objectContaining({ eventType: 'automaticEvent', eventName: 'Purchase', ctwa_clid: 'clid-buy', value: 129.9, currency: 'EUR', eventId: 'automatic:wamid.AE.2:Purchase' }),
		]);
	});

	test('user_preferences: the stop and the resume each an item with the user and the contact name', async () => {
		await startTrigger(['userPreference']);
		await sandbox.sendWebhook({
			url: trigger.url,
			event: { kind: 'userPreferences', preferences: [{ name: 'Ana', waId: '5511999990001', value: 'stop' }, { name: 'Ben', userId: 'NG.883', value: 'resume' }] },
		});
		expect(trigger.emitted().map((item) => [item.eventType, item.contactName, item.waId, item.userId, item.category, item.value])).toEqual([
			['userPreference', 'Ana', '5511999990001', undefined, 'marketing_messages', 'stop'],
			['userPreference', 'Ben', undefined, 'NG.883', 'marketing_messages', 'resume'],
		]);
	});

	test('coexistence: message echoes and history messages are one item each, filtered by phone number ID', async () => {
		await startTrigger(['messageEcho', 'history'], { phoneNumberIds: '106540352242922' });
		await sandbox.sendWebhook({ url: trigger.url, event: { kind: 'messageEchoes', echoes: [{ id: 'wamid.ECHO.1', to: '16505550009', text: 'On my way' }] } });
		await sandbox.sendWebhook({
			url: trigger.url,
			event: { kind: 'history', threads: [{ id: '16505550009', messages: [{ id: 'wamid.H.1', from: '16505550009', text: 'Hello' }, { id: 'wamid.H.2', from: '15550783881', text: 'Hi!' }] }] },
		});
		expect(trigger.emitted().map((item) => [item.eventType, item.messageId, item.text])).toEqual([
			['messageEcho', 'wamid.ECHO.1', 'On my way'],
			['history', 'wamid.H.1', 'Hello'],
			['history', 'wamid.H.2', 'Hi!'],
		]);
		expect(trigger.emitted()[1]).toMatchObject({ threadId: '16505550009', phase: 0, progress: 100, historyStatus: 'READ' });
		trigger.setParameters({ ...MANUAL_SUBSCRIPTION, events: ['messageEcho'], options: { phoneNumberIds: '999' } });
		const filtered = await sandbox.sendWebhook({ url: trigger.url, event: { kind: 'messageEchoes', echoes: [{ id: 'wamid.ECHO.2', to: '1', text: 'x' }] } });
		expect(filtered.body).toBe('No selected events');
	});

	test.each([
		['account_review_update', 'accountReviewUpdate', { decision: 'APPROVED' }],
		['account_alerts', 'accountAlert', { entity_type: 'PHONE_NUMBER', alert_type: 'OBA_REJECTED', alert_severity: 'WARNING' }],
		['security', 'securityUpdate', { event: 'PIN_CHANGED', requester: '2553158011551542' }],
		['business_capability_update', 'businessCapabilityUpdate', { max_daily_conversations_per_business: 2000 }],
		['message_template_components_update', 'templateComponentsUpdate', { message_template_name: 'order_confirmation', message_template_element: 'Thank you for your order, {{1}}!' }],
	])('%s: one flat item, emitted only when %s is selected', async (field, event, expected) => {
		await startTrigger(['templateStatusUpdate']);
		const unselected = await sandbox.sendWebhook({ url: trigger.url, event: { kind: 'flatChange', field } });
		expect(unselected.body).toBe('No selected events');
		trigger.setParameters({ ...MANUAL_SUBSCRIPTION, events: [event] });
		await sandbox.sendWebhook({ url: trigger.url, event: { kind: 'flatChange', field } });
		const items = trigger.emitted();
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({ ...expected, eventType: event, field, wabaId: sandbox.state.wabaId, entryTimeIso: new Date(WEBHOOK_TIME * 1000).toISOString() });
		expect(FLAT_EXAMPLES[field]).toBeDefined();
	});

	test('an automatic_events change nested thousands of levels deep is skipped; the other change of the POST passes', async () => {
		await startTrigger(['automaticEvent']);
		const good = { field: 'automatic_events', value: { metadata: { phone_number_id: '106540352242922' }, automatic_events: [{ id: 'wamid.AE.OK', event_name: 'LeadSubmitted', ctwa_clid: 'c', timestamp: WEBHOOK_TIME }] } };
		const deep = `{"field":"automatic_events","value":{"automatic_events":[{"id":"wamid.AE.DEEP","event_name":"Purchase","custom_data":${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}}]}}`;
		const rawBody = `{"object":"whatsapp_business_account","entry":[{"id":"${sandbox.state.wabaId}","time":${WEBHOOK_TIME},"changes":[${deep},${JSON.stringify(good)}]}]}`;
		const response = await sandbox.sendWebhook({ url: trigger.url, rawBody });
		expect(response.status).toBe(200);
		expect(trigger.emitted().map((item) => item.messageId)).toEqual(['wamid.AE.OK']);
	});
});
