import { createHmac } from 'node:crypto';

import { useSandbox } from '../helpers/sandbox';
import { PHONE_ID, USER, USER_ID, baseSeed, messagingCalls, startReceiver, type Receiver } from './messagesKit';

/** Status webhooks (sent, delivered, read) and simulated inbound messages, signed like Meta's. */
describe('sandbox: messaging webhooks', () => {
	const sandbox = useSandbox({ seed: { ...baseSeed, templates: [{ name: 'hello', language: 'en_US', category: 'MARKETING', components: [{ type: 'BODY', text: 'Hello!' }] }] } });
	const { send, control } = messagingCalls(sandbox);
	const hello = (recipient: Record<string, string> = { to: USER }) => send({ ...recipient, type: 'template', template: { name: 'hello', language: { code: 'en_US' } } });
	let receiver: Receiver;
	let other: Receiver;

	beforeAll(async () => {
		receiver = await startReceiver();
		other = await startReceiver();
	});
	afterAll(async () => {
		await receiver.close();
		await other.close();
	});
	beforeEach(async () => {
		receiver.received.length = 0;
		other.received.length = 0;
		await control('messages/settings', { webhookUrl: receiver.url, statusWebhooks: { enabled: true, delayMs: 5 } });
	});

	const statusesOf = (r: Receiver) => r.received.map((w) => w.json.entry[0].changes[0].value.statuses[0]);

	it('follows a message to read: sent, delivered, read, each signed with the App Secret', async () => {
		const { json } = await hello();
		const id = json.messages[0].id;
		await receiver.waitFor(3);
		expect(statusesOf(receiver).map((s) => [s.id, s.status])).toEqual([[id, 'sent'], [id, 'delivered'], [id, 'read']]);
		for (const webhook of receiver.received) {
			const expected = `sha256=${createHmac('sha256', sandbox.state.appSecret).update(webhook.body).digest('hex')}`;
			expect(webhook.headers['x-hub-signature-256']).toBe(expected);
		}
		const [first] = receiver.received;
		expect(first.json).toEqual({
			object: 'whatsapp_business_account',
			entry: [{ id: sandbox.state.wabaId, changes: [{ field: 'messages', value: expect.objectContaining({ messaging_product: 'whatsapp', metadata: { display_phone_number: '15550133700', phone_number_id: PHONE_ID } }) }] }],
		});
		expect(statusesOf(receiver)[0]).toEqual({ id, status: 'sent', timestamp: expect.stringMatching(/^\d+$/), recipient_id: USER, pricing: expect.objectContaining({ category: 'marketing', pricing_model: 'PMP' }) });
		await control('messages/settle');
		expect((await control('state')).messages[0].status).toBe('read');
	});

	it('sends to the number\'s override callback first (Meta\'s precedence), stops where told, and can be turned off', async () => {
		sandbox.seed({ phoneNumbers: [{ id: PHONE_ID, display_phone_number: '+1 555-013-3700', webhook_override: { override_callback_uri: other.url, verify_token: 'sandbox' } }] });
		await control('messages/settings', { statusWebhooks: { upTo: 'delivered' } });
		await hello();
		await other.waitFor(2);
		await control('messages/settle');
		expect(statusesOf(other).map((s) => s.status)).toEqual(['sent', 'delivered']);
		expect(receiver.received).toEqual([]);
		await control('messages/settings', { statusWebhooks: { enabled: false } });
		await hello({ to: '16505550001' });
		await control('messages/settle');
		expect(other.received).toHaveLength(2);
	});

	it('pushes a status on demand, a failed one with Meta\'s error', async () => {
		await control('messages/settings', { statusWebhooks: { enabled: false } });
		const id = (await hello()).json.messages[0].id;
		const error = { code: 131026, title: 'Message Undeliverable', message: 'Message Undeliverable', error_data: { details: 'x' } };
		expect(await control('messages/status', { id, status: 'failed', error })).toEqual(expect.objectContaining({ status: 'failed', httpStatus: 200 }));
		expect(statusesOf(receiver)).toEqual([expect.objectContaining({ id, status: 'failed', errors: [error] })]);
	});

	it('echoes biz_opaque_callback_data in every status, and refuses one over 512 characters', async () => {
		await send({ to: USER, type: 'template', template: { name: 'hello', language: { code: 'en_US' } }, biz_opaque_callback_data: 'lead-42' });
		await receiver.waitFor(3);
		await control('messages/settle');
		expect(statusesOf(receiver).map((s) => s.biz_opaque_callback_data)).toEqual(['lead-42', 'lead-42', 'lead-42']);
		const long = await send({ to: USER, type: 'template', template: { name: 'hello', language: { code: 'en_US' } }, biz_opaque_callback_data: 'x'.repeat(513) });
		expect(long.json.error.code).toBe(131009);
	});

	it('shows the user ID in statuses of messages to a business-scoped user ID, with an empty recipient_id', async () => {
		await hello({ recipient: USER_ID });
		await receiver.waitFor(1);
		await control('messages/settle');
		expect(statusesOf(receiver)[0]).toEqual(expect.objectContaining({ recipient_id: '', recipient_user_id: USER_ID }));
	});

	it('delivers a simulated inbound message to the webhook and opens the window', async () => {
		const { id, delivered } = await control('messages/inbound', { from: USER, userId: USER_ID, username: 'ana.drives', name: 'Ana', text: 'Is the van still available?' });
		expect(delivered).toBe(true);
		const value = receiver.received[0].json.entry[0].changes[0].value;
		expect(value.contacts).toEqual([{ profile: { name: 'Ana', username: 'ana.drives' }, wa_id: USER, user_id: USER_ID }]);
		expect(value.messages).toEqual([{ from: USER, from_user_id: USER_ID, id, timestamp: expect.any(String), type: 'text', text: { body: 'Is the van still available?' } }]);
		expect((await send({ to: USER, context: { message_id: id }, text: { body: 'Yes!' } })).status).toBe(200);
	});
});

describe('sandbox: per-recipient failures reported by webhook', () => {
	const sandbox = useSandbox({ seed: { ...baseSeed, messaging: { recipientFailures: 'webhook', statusWebhooks: { enabled: true, delayMs: 5 } } } });
	const { send, control } = messagingCalls(sandbox);
	let receiver: Receiver;
	beforeAll(async () => {
		receiver = await startReceiver();
	});
	afterAll(async () => receiver.close());

	it('accepts a message outside the window and reports 131047 in a failed status, as Cloud API does', async () => {
		await control('messages/settings', { webhookUrl: receiver.url });
		const { status, json } = await send({ to: USER, text: { body: 'Hi' } });
		expect(status).toBe(200);
		await receiver.waitFor(1);
		await control('messages/settle');
		const statuses = receiver.received.map((w) => w.json.entry[0].changes[0].value.statuses[0]);
		expect(statuses).toEqual([
			{
				id: json.messages[0].id,
				status: 'failed',
				timestamp: expect.any(String),
				recipient_id: USER,
				errors: [{ code: 131047, title: 'Re-engagement message', message: 'Re-engagement message', error_data: { details: expect.stringMatching(/24 hours/) }, href: expect.stringContaining('error-codes') }],
			},
		]);
		expect((await control('state')).messages[0].status).toBe('failed');
	});
});
