/** The test-support kit (test/support): known answers, so a change to the signer or the seeded source fails here first. */
import { verifySignature } from '../../nodes/WhatsAppBusinessManagementTrigger/events';
import { adClickPayload, envelope, messagesChange, referralMessage, templateStatusPayload } from '../support/metaWebhooks';
import { seededRandom } from '../support/random';
import { signWebhookBody, signedWebhookHeaders } from '../support/signature';

describe('signWebhookBody', () => {
	test('is HMAC-SHA256 of the raw bytes, hex, after sha256=', () => {
		expect(signWebhookBody('test', 'secret')).toBe('sha256=0329a06b62cd16b33eb6792be8c60b158d89a2ee3a876fce9a881ebb488c0914');
		expect(signWebhookBody(Buffer.from('test'), 'secret')).toBe(signWebhookBody('test', 'secret'));
		expect(signedWebhookHeaders('test', 'secret')).toEqual({
			'content-type': 'application/json',
			'x-hub-signature-256': 'sha256=0329a06b62cd16b33eb6792be8c60b158d89a2ee3a876fce9a881ebb488c0914',
		});
	});

	test("the trigger's own check accepts what the kit signs, and only with the same secret", () => {
		const body = Buffer.from(JSON.stringify(envelope([messagesChange([referralMessage(1)], [])])));
		expect(verifySignature(body, signWebhookBody(body, 'app-secret'), 'app-secret')).toBe(true);
		expect(verifySignature(body, signWebhookBody(body, 'other'), 'app-secret')).toBe(false);
	});
});

describe('seededRandom', () => {
	test('gives the same sequence for a seed (mulberry32)', () => {
		const random = seededRandom(20261130);
		expect([random.next(), random.next(), random.int(0, 9999)]).toEqual([0.5090388669632375, 0.4547965507954359, 4972]);
		const other = seededRandom(7);
		expect(other.next()).not.toBe(0.5090388669632375);
	});
});

describe('script payloads', () => {
	test('an ad click carries the referral the e2e suite looks for', () => {
		const payload = adClickPayload({ wabaId: '1', messageId: 'wamid.X', ctwaClid: 'clid-x', from: '16505550001', timestamp: 1751247549 }) as any;
		expect(payload).toEqual({
			object: 'whatsapp_business_account',
			entry: [
				{
					id: '1',
					changes: [
						{
							field: 'messages',
							value: {
								messaging_product: 'whatsapp',
								metadata: { display_phone_number: '15550133700', phone_number_id: '106540352242922' },
								contacts: [{ profile: { name: 'Jordan Rivera' }, wa_id: '16505550001' }],
								messages: [
									{
										from: '16505550001',
										id: 'wamid.X',
										timestamp: '1751247549',
										type: 'text',
										text: { body: 'Hi! I saw your ad. Is the spring offer still on?' },
										referral: {
											source_url: 'https://fb.me/3cr4Wqqkn',
											source_id: '120211111111111111',
											source_type: 'ad',
											headline: 'Spring test-drive offer',
											body: 'Book a test drive this week and get 20% off.',
											media_type: 'image',
											image_url: 'https://scontent.xx.fbcdn.net/v/t45.1600-4/sandbox-ad.jpg',
											ctwa_clid: 'clid-x',
										},
									},
								],
							},
						},
					],
				},
			],
		});
	});

	test('a template status update', () => {
		expect(templateStatusPayload({ wabaId: '1', event: 'REJECTED', reason: 'INVALID_FORMAT', time: 5 })).toEqual({
			object: 'whatsapp_business_account',
			entry: [
				{
					id: '1',
					time: 5,
					changes: [
						{
							field: 'message_template_status_update',
							value: { event: 'REJECTED', message_template_id: 594425479261596, message_template_name: 'order_confirmation', message_template_language: 'en_US', reason: 'INVALID_FORMAT' },
						},
					],
				},
			],
		});
	});
});
