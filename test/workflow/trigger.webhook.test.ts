import { signWebhookBody } from '../support/signature';
import { GUIDE_REFERRAL_WEBHOOK, PHONE_NUMBER_ID, RECENT_TIME, WABA_ID, envelope, messagesChange, orderMessage, referralMessage } from '../support/metaWebhooks';
import { useSandbox } from '../helpers/sandbox';
import { MANUAL_SUBSCRIPTION, deduplicator, useTriggerServers, type TriggerServer } from '../helpers/webhook';
import { clearProcessMemory } from '../../nodes/WhatsAppBusinessManagementTrigger/WhatsAppBusinessManagementTrigger.node';
import { derivedVerifyToken } from '../../nodes/WhatsAppBusinessManagementTrigger/subscription';

const sandbox = useSandbox({ reset: false });
const startTestTrigger = useTriggerServers(sandbox, 'trigger');
let trigger: TriggerServer;

async function startTrigger(parameters: Record<string, unknown> = {}, credentialOverrides = {}, typeVersion = 1) {
	trigger = await startTestTrigger({ typeVersion, parameters: { ...MANUAL_SUBSCRIPTION, ...parameters }, credentialOverrides });
	return trigger;
}

describe('Ad Referral events', () => {
	test("the guide's webhook example gives exactly one item with every field", async () => {
		await startTrigger();
		const response = await sandbox.sendWebhook({ url: trigger.url, payload: GUIDE_REFERRAL_WEBHOOK });
		expect(response.status).toBe(200);
		expect(trigger.executions).toHaveLength(1);
		const message = GUIDE_REFERRAL_WEBHOOK.entry[0].changes[0].value.messages[0];
		expect(trigger.emitted()).toEqual([
			{
				eventType: 'adReferral',
				field: 'messages',
				wabaId: 'ID',
				phoneNumberId: 'PHONE_NUMBER_ID',
				displayPhoneNumber: 'PHONE_NUMBER',
				contactName: 'NAME',
				waId: 'ID',
				from: 'SENDER_PHONE_NUMBERID',
				messageId: 'wamid.ID',
				// The guide's placeholder is not Unix seconds, so no ISO time is invented for it.
				timestamp: 'TIMESTAMP',
				messageType: 'text',
				text: 'BODY',
				// Every referral field, under Meta's own names, as the guide's example gives them.
				...message.referral,
				message,
				eventId: 'message:wamid.ID',
				deliveryId: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/),
			},
		]);
	});

	test('a real-shaped referral gets an ISO timestamp and keeps welcome_message; absent fields stay absent', async () => {
		await startTrigger();
		const message = referralMessage(1);
		await sandbox.sendWebhook({ url: trigger.url, payload: envelope([messagesChange([message], [{ profile: { name: 'Ana' }, wa_id: message.from }])]) });
		const [item] = trigger.emitted();
		expect(item).toMatchObject({
			wabaId: WABA_ID,
			phoneNumberId: PHONE_NUMBER_ID,
			contactName: 'Ana',
			timestamp: String(RECENT_TIME + 1),
			timestampIso: new Date((RECENT_TIME + 1) * 1000).toISOString(),
			welcome_message: { text: 'Hi! Pick a time for your test drive.' },
		});
		for (const absent of ['video_url', 'thumbnail_url', 'ref']) expect(item).not.toHaveProperty(absent);
	});

	test('a 1,000-change batch gives 1,000 items in order', async () => {
		await startTrigger();
		const changes = Array.from({ length: 1000 }, (_, index) => {
			const message = referralMessage(index);
			return messagesChange([message], [{ profile: { name: `Lead ${index}` }, wa_id: message.from }]);
		});
		const response = await sandbox.sendWebhook({ url: trigger.url, payload: envelope(changes) });
		expect(response.status).toBe(200);
		const items = trigger.emitted();
		expect(items).toHaveLength(1000);
		expect(items.map((item) => item.contactName)).toEqual(changes.map((_, index) => `Lead ${index}`));
		expect(new Set(items.map((item) => item.messageId)).size).toBe(1000);
	});

	test('several senders in one change: each item names its own sender, whatever order the contacts are listed in', async () => {
		await startTrigger();
		const messages = [0, 1, 2].map((index) => referralMessage(index));
		const contact = (index: number) => ({ profile: { name: `Lead ${index}` }, wa_id: messages[index].from });
		// Contacts in the messages' order in one change, reversed in the other.
		const inOrder = messagesChange(messages, [contact(0), contact(1), contact(2)]);
		const reversed = messagesChange(
			[3, 4, 5].map((index) => referralMessage(index)),
			[5, 4, 3].map((index) => ({ profile: { name: `Lead ${index}` }, wa_id: referralMessage(index).from })),
		);
		const response = await sandbox.sendWebhook({ url: trigger.url, payload: envelope([inOrder, reversed]) });
		expect(response.status).toBe(200);
		const items = trigger.emitted();
		expect(items.map((item) => [item.from, item.contactName])).toEqual(
			[0, 1, 2, 3, 4, 5].map((index) => [referralMessage(index).from, `Lead ${index}`]),
		);
	});

	test('a message without referral is not an Ad Referral event, but is one of All Incoming Messages', async () => {
		const plain = { from: '16505551234', id: 'wamid.PLAIN', timestamp: String(RECENT_TIME), type: 'text', text: { body: 'hello' } };
		const payload = envelope([messagesChange([plain, referralMessage(2)], [])]);
		await startTrigger();
		await sandbox.sendWebhook({ url: trigger.url, payload });
		expect(trigger.emitted().map((item) => item.messageId)).toEqual([referralMessage(2).id]);
		await trigger.close();
		clearProcessMemory();
		await startTrigger({ events: ['allMessages'] });
		await sandbox.sendWebhook({ url: trigger.url, payload });
		expect(trigger.emitted().map((item) => [item.eventType, item.messageId])).toEqual([
			['message', 'wamid.PLAIN'],
			['adReferral', referralMessage(2).id],
		]);
	});

	test('Orders: a cart becomes one item with its products, value and currency; other messages are not Orders', async () => {
		const items = [
			{ product_retailer_id: 'helmet-01', quantity: 2, item_price: 49.9, currency: 'EUR' },
			{ product_retailer_id: 'gloves-07', quantity: 1, item_price: 19.95, currency: 'EUR' },
		];
		const order = orderMessage({ id: 'wamid.ORDER-1', text: 'For Saturday, please', items });
		const mixedItems = [items[0], { ...items[1], currency: 'USD' }];
		const mixed = orderMessage({ id: 'wamid.ORDER-2', items: mixedItems });
		const plain = { from: '16505551234', id: 'wamid.PLAIN-ORDER', timestamp: String(RECENT_TIME), type: 'text', text: { body: 'hello' } };
		await startTrigger({ events: ['order'] });
		await sandbox.sendWebhook({ url: trigger.url, payload: envelope([messagesChange([plain, referralMessage(9), order, mixed], [{ profile: { name: 'Ana' }, wa_id: '16505551234' }])]) });
		const emitted = trigger.emitted();
		expect(emitted.map((item) => item.messageId)).toEqual(['wamid.ORDER-1', 'wamid.ORDER-2']);
		expect(emitted[0]).toMatchObject({
			eventType: 'order',
			contactName: 'Ana',
			messageType: 'order',
			text: 'For Saturday, please',
			catalogId: '194836987003835',
			orderItems: items,
			value: 119.75,
			currency: 'EUR',
			eventId: 'message:wamid.ORDER-1',
		});
		// Two currencies add up to no one value: the products are there, the total is not invented.
		expect(emitted[1]).toMatchObject({ eventType: 'order', orderItems: mixedItems });
		expect(emitted[1]).not.toHaveProperty('value');
		expect(emitted[1]).not.toHaveProperty('currency');
	});

	test('Phone Number IDs keeps only the listed numbers', async () => {
		await startTrigger({ options: { phoneNumberIds: `${PHONE_NUMBER_ID}, 999` } });
		const payload = envelope([messagesChange([referralMessage(3)], [], '555'), messagesChange([referralMessage(4)], [])]);
		await sandbox.sendWebhook({ url: trigger.url, payload });
		expect(trigger.emitted().map((item) => item.messageId)).toEqual([referralMessage(4).id]);
	});

	test('Events, Phone Number IDs and Verify Signature given as expressions are resolved by n8n', async () => {
		const plain = { from: '16505551234', id: 'wamid.PLAIN-EXPR', timestamp: String(RECENT_TIME), type: 'text', text: { body: 'hello' } };
		const payload = envelope([messagesChange([plain], []), messagesChange([referralMessage(6)], [], '555')]);
		await startTrigger({ events: '={{ ["allMessages"] }}', options: { phoneNumberIds: `={{ "${PHONE_NUMBER_ID}" }}` } });
		await sandbox.sendWebhook({ url: trigger.url, payload });
		expect(trigger.emitted().map((item) => [item.eventType, item.messageId])).toEqual([['message', 'wamid.PLAIN-EXPR']]);
		// Signature checking switched off by an expression: an unsigned delivery is taken.
		await startTrigger({ verifySignature: '={{ 1 > 2 }}' });
		const unsigned = await sandbox.sendWebhook({ url: trigger.url, payload: envelope([messagesChange([referralMessage(7)], [])]), signature: null });
		expect(unsigned.status).toBe(200);
		expect(trigger.emitted().map((item) => item.messageId)).toEqual([referralMessage(7).id]);
	});

	test("Remembered Deliveries is what n8n's store is asked to keep, given as a number or an expression", async () => {
		const deliver = async (index: number) =>
			await sandbox.sendWebhook({ url: trigger.url, payload: envelope([messagesChange([referralMessage(index)], [])]) });
		await startTrigger();
		await deliver(8);
		expect(deduplicator.lastOptions).toEqual({ mode: 'entries', maxEntries: 10_000 });
		await startTrigger({ options: { rememberedDeliveries: 250 } });
		await deliver(9);
		expect(deduplicator.lastOptions).toEqual({ mode: 'entries', maxEntries: 250 });
		await startTrigger({ options: { rememberedDeliveries: '={{ 100 + 50 }}' } });
		await deliver(10);
		expect(deduplicator.lastOptions).toEqual({ mode: 'entries', maxEntries: 150 });
	});
});

describe('versions', () => {
	test('a workflow saved with version 1 and a new one (version 2) give the same items and drop the same repeat', async () => {
		const payload = envelope([messagesChange([referralMessage(30), referralMessage(31)], [])]);
		const outcome = async (typeVersion: number) => {
			await startTrigger({}, {}, typeVersion);
			await sandbox.sendWebhook({ url: trigger.url, payload });
			clearProcessMemory();
			await sandbox.sendWebhook({ url: trigger.url, payload });
			const result = trigger.executions.map((execution) => execution.items.map((item) => ({ ...item.json, deliveryId: undefined })));
			await trigger.close();
			clearProcessMemory();
			return result;
		};
		const first = await outcome(1);
		expect(first.map((items) => items.length)).toEqual([2, 0]);
		expect(await outcome(2)).toEqual(first);
	});
});

describe('signature', () => {
	const payload = envelope([messagesChange([referralMessage(5)], [])]);

	test.each([
		['no signature header', { signature: null }],
		['a signature made with another secret', { secret: 'not-the-app-secret' }],
		['a malformed signature', { signature: 'sha256=xyz' }],
		['a sha1 signature', { signature: 'sha1=0123456789abcdef0123456789abcdef01234567' }],
	])('%s gets 401 and starts nothing', async (_, delivery) => {
		await startTrigger();
		const response = await sandbox.sendWebhook({ url: trigger.url, payload, ...delivery });
		expect(response.status).toBe(401);
		expect(trigger.executions).toHaveLength(0);
		expect(trigger.staticData).toEqual({});
	});

	test('the signature covers the raw bytes: the same JSON re-serialised does not pass', async () => {
		await startTrigger();
		const signedText = JSON.stringify(payload);
		const sentText = JSON.stringify(payload, null, 2);
		const response = await sandbox.sendWebhook({ url: trigger.url, rawBody: sentText, signature: signWebhookBody(signedText, sandbox.state.appSecret) });
		expect(response.status).toBe(401);
		const exact = await sandbox.sendWebhook({ url: trigger.url, rawBody: sentText });
		expect(exact.status).toBe(200);
		expect(trigger.emitted()).toHaveLength(1);
	});

	test('without an App Secret in the credential every POST gets 401', async () => {
		await startTrigger({}, { appSecret: '' });
		const response = await sandbox.sendWebhook({ url: trigger.url, payload });
		expect(response.status).toBe(401);
		expect(trigger.executions).toHaveLength(0);
	});

	test('with Verify Signature off an unsigned POST starts the workflow', async () => {
		await startTrigger({ verifySignature: false }, { appSecret: '' });
		const response = await sandbox.sendWebhook({ url: trigger.url, payload, signature: null });
		expect(response.status).toBe(200);
		expect(trigger.emitted()).toHaveLength(1);
	});
});

describe('bodies that are not events', () => {
	test('another object gets 200 and starts nothing', async () => {
		await startTrigger();
		const response = await sandbox.sendWebhook({ url: trigger.url, payload: { object: 'page', entry: [] } });
		expect(response.status).toBe(200);
		expect(trigger.executions).toHaveLength(0);
	});

	test('a signed body that is not JSON gets 400 and starts nothing', async () => {
		await startTrigger();
		const response = await sandbox.sendWebhook({ url: trigger.url, rawBody: '{"object":"whatsapp_business_account",' });
		expect(response.status).toBe(400);
		expect(trigger.executions).toHaveLength(0);
	});

	test.each([
		['entry is not a list', { object: 'whatsapp_business_account', entry: 'x' }],
		['changes are broken', { object: 'whatsapp_business_account', entry: [null, 5, { id: 1, changes: [null, { field: 'messages' }, { field: 'messages', value: { messages: [null, 7, { text: 'no id' }] } }] }] }],
		['a JSON array', [1, 2, 3]],
		['JSON null', null],
	])('%s: 200 and nothing starts', async (_, body) => {
		await startTrigger();
		const response = await sandbox.sendWebhook({ url: trigger.url, rawBody: JSON.stringify(body) });
		expect(response.status).toBe(200);
		expect(trigger.executions).toHaveLength(0);
	});
});

describe('re-deliveries', () => {
	const payload = envelope([messagesChange([referralMessage(10), referralMessage(11)], [])]);

	test('a repeated delivery gives no second item', async () => {
		await startTrigger();
		expect((await sandbox.sendWebhook({ url: trigger.url, payload })).status).toBe(200);
		expect((await sandbox.sendWebhook({ url: trigger.url, payload })).status).toBe(200);
		expect(trigger.emitted()).toHaveLength(2);
		expect(trigger.executions).toHaveLength(1);
	});

	test('the same message twice in one delivery is one item', async () => {
		await startTrigger();
		await sandbox.sendWebhook({ url: trigger.url, payload: envelope([messagesChange([referralMessage(20), referralMessage(20)], [])]) });
		expect(trigger.emitted().map((item) => item.messageId)).toEqual([referralMessage(20).id]);
	});

	test('a batch that repeats some messages emits only the new ones', async () => {
		await startTrigger();
		await sandbox.sendWebhook({ url: trigger.url, payload });
		await sandbox.sendWebhook({ url: trigger.url, payload: envelope([messagesChange([referralMessage(11), referralMessage(12)], [])]) });
		expect(trigger.emitted().map((item) => item.messageId)).toEqual([referralMessage(10).id, referralMessage(11).id, referralMessage(12).id]);
	});

	test("after a restart (empty memory, same store) n8n's store stops the repeat: an execution that ends at the trigger with 0 items", async () => {
		await startTrigger();
		await sandbox.sendWebhook({ url: trigger.url, payload });
		clearProcessMemory();
		await sandbox.sendWebhook({ url: trigger.url, payload });
		// The second delivery reaches an execution, whose trigger execute() drops both items.
		expect(trigger.executions).toHaveLength(2);
		expect(trigger.executions[1].items).toEqual([]);
		expect(trigger.emitted()).toHaveLength(2);
		// One entry per delivery, not per message.
		expect(await deduplicator.getProcessedDataCount('node', { workflow: { id: trigger.workflowId, active: true }, node: trigger.node })).toBe(1);
	});

	test('the webhook writes no static data (n8n would hold the answer until it is saved)', async () => {
		await startTrigger();
		await sandbox.sendWebhook({ url: trigger.url, payload });
		await sandbox.sendWebhook({ url: trigger.url, payload });
		expect(trigger.staticData).toEqual({});
	});

	test("a retry this process half remembers keeps the whole delivery's ID, so n8n's store stops it whole", async () => {
		await startTrigger();
		await sandbox.sendWebhook({ url: trigger.url, payload });
		// After a restart, a delivery of message 11 alone; then Meta's retry of the first delivery.
		clearProcessMemory();
		await sandbox.sendWebhook({ url: trigger.url, payload: envelope([messagesChange([referralMessage(11)], [])]) });
		await sandbox.sendWebhook({ url: trigger.url, payload });
		// Message 10 passes this process's memory, but its delivery was processed before.
		expect(trigger.executions).toHaveLength(3);
		expect(trigger.executions[2].items).toEqual([]);
		expect(trigger.emitted().map((item) => item.messageId)).toEqual([referralMessage(10).id, referralMessage(11).id, referralMessage(11).id]);
	});

	test('a new delivery repeating a processed message emits only the new message, with its own delivery ID', async () => {
		await startTrigger();
		await sandbox.sendWebhook({ url: trigger.url, payload });
		clearProcessMemory();
		await sandbox.sendWebhook({ url: trigger.url, payload: envelope([messagesChange([referralMessage(12), referralMessage(10)], [])]) });
		// The memory no longer knew message 10: both pass, in a delivery the store has not seen.
		const second = trigger.executions[1].items.map((item) => item.json);
		expect(second.map((item) => item.messageId)).toEqual([referralMessage(12).id, referralMessage(10).id]);
		expect(second[0].deliveryId).not.toBe(trigger.executions[0].items[0].json.deliveryId);
		expect(new Set(second.map((item) => item.deliveryId)).size).toBe(1);
	});
});

describe('verification (GET)', () => {
	const verify = async (url: string, query: Record<string, string>) => {
		const target = new URL(url);
		for (const [key, value] of Object.entries(query)) target.searchParams.set(key, value);
		const response = await fetch(target);
		return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
	};

	test('the right token gets 200 text/plain with the challenge', async () => {
		await startTrigger();
		const result = await verify(trigger.url, { 'hub.mode': 'subscribe', 'hub.challenge': '1158201444', 'hub.verify_token': 'my-verify-token' });
		expect(result).toEqual({ status: 200, type: expect.stringMatching(/^text\/plain/), text: '1158201444' });
		expect(trigger.executions).toHaveLength(0);
	});

	test.each([
		['a wrong token', { 'hub.mode': 'subscribe', 'hub.challenge': '1', 'hub.verify_token': 'guess' }],
		['a wrong mode', { 'hub.mode': 'unsubscribe', 'hub.challenge': '1', 'hub.verify_token': 'my-verify-token' }],
		['no challenge', { 'hub.mode': 'subscribe', 'hub.verify_token': 'my-verify-token' }],
		['nothing', {}],
	])('%s gets 403', async (_, query) => {
		await startTrigger();
		const result = await verify(trigger.url, query);
		expect(result.status).toBe(403);
		expect(result.text).not.toContain('1');
		expect(trigger.executions).toHaveLength(0);
	});

	test('an empty Verify Token means the token derived from the node', async () => {
		await startTrigger({ verifyToken: '' });
		const token = derivedVerifyToken(trigger.node);
		expect(token).toMatch(/^wabm_[0-9a-f]{32}$/);
		expect((await verify(trigger.url, { 'hub.mode': 'subscribe', 'hub.challenge': '42', 'hub.verify_token': token })).text).toBe('42');
		expect((await verify(trigger.url, { 'hub.mode': 'subscribe', 'hub.challenge': '42', 'hub.verify_token': '' })).status).toBe(403);
		expect(derivedVerifyToken({ id: 'other-node', webhookId: trigger.node.webhookId })).not.toBe(token);
	});
});
