'use strict';
/**
 * Meta webhook payloads as Meta documents them (WhatsApp Cloud API "messages" webhook with a
 * Click-to-WhatsApp `referral`, and the `message_template_status_update` change), for the simulator
 * and the e2e checks.
 */

/** A text message a customer sent by tapping a Click-to-WhatsApp ad. */
function adClickPayload({
	wabaId,
	phoneNumberId = '106540352242922',
	displayPhoneNumber = '15550133700',
	from = '16505551234',
	name = 'Jordan Rivera',
	messageId = `wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQUZ${Date.now().toString(36).toUpperCase()}`,
	ctwaClid = `ARAkLkA8rmlFeiCktEJQ-QTwRiyYHAFDLMNDBH0CD3qpjd0HR4irJ6LEkR7JwFF4XvnO2E4Nx0-${Date.now()}`,
	text = 'Hi! I saw your ad. Is the spring offer still on?',
	timestamp = Math.floor(Date.now() / 1000),
	sourceId = '120211111111111111',
	headline = 'Spring test-drive offer',
} = {}) {
	return {
		object: 'whatsapp_business_account',
		entry: [
			{
				id: wabaId,
				changes: [
					{
						field: 'messages',
						value: {
							messaging_product: 'whatsapp',
							metadata: { display_phone_number: displayPhoneNumber, phone_number_id: phoneNumberId },
							contacts: [{ profile: { name }, wa_id: from }],
							messages: [
								{
									from,
									id: messageId,
									timestamp: String(timestamp),
									type: 'text',
									text: { body: text },
									referral: {
										source_url: 'https://fb.me/3cr4Wqqkn',
										source_id: sourceId,
										source_type: 'ad',
										headline,
										body: 'Book a test drive this week and get 20% off.',
										media_type: 'image',
										image_url: 'https://scontent.xx.fbcdn.net/v/t45.1600-4/sandbox-ad.jpg',
										ctwa_clid: ctwaClid,
									},
								},
							],
						},
					},
				],
			},
		],
	};
}

module.exports = { adClickPayload };

/** A `message_template_status_update` change, as Meta sends when a template is approved, rejected or paused. */
function templateStatusPayload({ wabaId, templateId = '594425479261596', name = 'order_confirmation', language = 'en_US', event = 'APPROVED', reason = 'NONE', time = Math.floor(Date.now() / 1000) } = {}) {
	return {
		object: 'whatsapp_business_account',
		entry: [
			{
				id: wabaId,
				time,
				changes: [
					{
						field: 'message_template_status_update',
						value: { event, message_template_id: Number(templateId), message_template_name: name, message_template_language: language, reason },
					},
				],
			},
		],
	};
}

module.exports.templateStatusPayload = templateStatusPayload;
