/**
 * The one builder of Meta webhook payloads for unit, workflow, fuzz, bench and e2e tests and the
 * scripts (through scripts/lib/meta-webhooks.js). Shapes follow Meta's webhook reference:
 * envelope https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/overview
 * (`{object, entry:[{id, time, changes:[{field, value}]}]}`), a text message with a Click-to-WhatsApp
 * `referral` https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/text
 * (only on the first message after an ad click), message statuses
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/status
 * and template status updates
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/message_template_status_update
 */
type Json = Record<string, unknown>;

export const WABA_ID = '102290129340398';
export const PHONE_NUMBER_ID = '106540352242922';
export const DISPLAY_PHONE_NUMBER = '15550783881';
/**
 * The entry time and first message timestamp of the fixtures, in Unix seconds: an hour before the
 * test run, so the trigger's Max Event Age (default 7 days) keeps them as it keeps Meta's deliveries.
 */
export const WEBHOOK_TIME = Math.floor(Date.now() / 1000) - 3600;
/** The same time under the name the trigger's event-age tests use. */
export const RECENT_TIME = WEBHOOK_TIME;

/**
 * The example of the Welcome Message Sequences guide (../shared/reference/welcome-message-sequences-guide.txt,
 * "Webhook"), made valid JSON: the guide's trailing comma and `// New field` comment removed.
 */
export const GUIDE_REFERRAL_WEBHOOK = {
	object: 'whatsapp_business_account',
	entry: [
		{
			id: 'ID',
			changes: [
				{
					value: {
						messaging_product: 'whatsapp',
						metadata: { display_phone_number: 'PHONE_NUMBER', phone_number_id: 'PHONE_NUMBER_ID' },
						contacts: [{ profile: { name: 'NAME' }, wa_id: 'ID' }],
						messages: [
							{
								referral: {
									source_url: 'AD_OR_POST_FB_URL',
									source_id: 'ADID',
									source_type: 'ad or post',
									headline: 'AD_TITLE',
									body: 'AD_DESCRIPTION',
									media_type: 'image or video',
									image_url: 'RAW_IMAGE_URL',
									video_url: 'RAW_VIDEO_URL',
									thumbnail_url: 'RAW_THUMBNAIL_URL',
									ctwa_clid: 'CTWA_CLID',
									ref: 'REF_ID',
								},
								from: 'SENDER_PHONE_NUMBERID',
								id: 'wamid.ID',
								timestamp: 'TIMESTAMP',
								type: 'text',
								text: { body: 'BODY' },
							},
						],
					},
					field: 'messages',
				},
			],
		},
	],
};

// --- envelope -------------------------------------------------------------------------------------

export function webhookEntry(changes: unknown[], options: { wabaId?: string; time?: number } = {}): Json {
	return { id: options.wabaId ?? WABA_ID, time: options.time ?? WEBHOOK_TIME, changes };
}

/** A POST body with several entries (Meta batches up to 1,000 updates per POST). */
export function webhookEnvelope(entries: unknown[]): Json {
	return { object: 'whatsapp_business_account', entry: entries };
}

/** A POST body with one entry holding `changes`. */
export function envelope(changes: unknown[], wabaId = WABA_ID, time = WEBHOOK_TIME): Json {
	return webhookEnvelope([webhookEntry(changes, { wabaId, time })]);
}

// --- messages -------------------------------------------------------------------------------------

/** A `messages` change: inbound messages (and their senders' contacts) or statuses. */
export function messagesChange(messages: unknown[], contacts: unknown[], phoneNumberId = PHONE_NUMBER_ID, displayPhoneNumber = DISPLAY_PHONE_NUMBER): Json {
	return {
		field: 'messages',
		value: {
			messaging_product: 'whatsapp',
			metadata: { display_phone_number: displayPhoneNumber, phone_number_id: phoneNumberId },
			contacts,
			messages,
		},
	};
}

export function contact(waId: string, name = 'Sheena Nelson'): Json {
	return { profile: { name }, wa_id: waId };
}

/** One contact per message, as Meta sends the sender of each. */
export function contactsOf(messages: Array<Record<string, unknown>>, name?: string): Json[] {
	return messages.map((message) => contact(String(message.from), name));
}

/** The `referral` of a Click-to-WhatsApp ad click; `fields` replace or add to the defaults. */
export function adReferral(fields: Json = {}): Json {
	return {
		source_url: 'https://fb.me/3cr4Wqqkv',
		source_id: '120226305854810726',
		source_type: 'ad',
		headline: 'Spring test drive',
		body: 'Book a test drive this weekend',
		media_type: 'image',
		image_url: 'https://scontent.xx.fbcdn.net/v/t45.1600-4/image.jpg',
		ctwa_clid: 'ARAkLkA8rmlFeiCktEJQ-QTwRiyYHAFDLMNDBH0CD3qpjd0HR4irJ6LEkR7JwFF4XvnO2E4Nx0',
		...fields,
	};
}

export interface TextMessageOptions {
	/** The message's wamid; unique per message. */
	id: string;
	from?: string;
	timestamp?: number | string;
	text?: string;
	/** Present on the first message after an ad click. */
	referral?: Json;
}

export function textMessage(options: TextMessageOptions): Json {
	const message: Json = {
		from: options.from ?? '16505551234',
		id: options.id,
		timestamp: String(options.timestamp ?? WEBHOOK_TIME),
		type: 'text',
		text: { body: options.text ?? 'Hi! Is this still available?' },
	};
	if (options.referral) message.referral = options.referral;
	return message;
}

/**
 * A cart a customer sent from a catalog, single- or multi-product message, as Meta's order messages
 * webhook reference shows it (.../webhooks/reference/messages/order).
 */
export function orderMessage(options: { id: string; from?: string; text?: string; catalogId?: string; items: Json[] }): Json {
	const order: Json = { catalog_id: options.catalogId ?? '194836987003835', product_items: options.items };
	if (options.text !== undefined) order.text = options.text;
	return { from: options.from ?? '16505551234', id: options.id, timestamp: String(WEBHOOK_TIME), type: 'order', order };
}

/** The fixtures' numbered ad-referral message: sender, wamid, time and click ID follow `index`. */
export function referralMessage(index: number, overrides: Json = {}) {
	return textMessage({
		id: `wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=${index}`,
		from: `1650555${String(index).padStart(4, '0')}`,
		timestamp: WEBHOOK_TIME + index,
		text: `Hi, I saw your ad (${index})`,
		referral: adReferral({
			ctwa_clid: `ARAkLkA8rmlFeiCktEJQ-QTwRiyYHAFDLMNDBH0CD3qpjd0HR4irJ6LEkR7JwFF4XvnO2E4Nx0-${index}`,
			welcome_message: { text: 'Hi! Pick a time for your test drive.' },
			...overrides,
		}),
	}) as Json & { from: string; id: string; timestamp: string; referral: Json };
}

/** A unique wamid, as Meta formats them (base64 of an opaque id). */
export function wamid(prefix: string, index: number): string {
	return `wamid.${Buffer.from(`${prefix}:${String(index).padStart(8, '0')}`).toString('base64')}`;
}

/** A message's delivery status, as Meta reports what happened to a message the business sent. */
export function messageStatus(options: { id: string; status?: string; timestamp?: number; recipientId?: string; pricing?: Json }): Json {
	return {
		id: options.id,
		status: options.status ?? 'delivered',
		timestamp: String(options.timestamp ?? WEBHOOK_TIME),
		recipient_id: options.recipientId ?? '16505551234',
		...(options.pricing ? { pricing: options.pricing } : {}),
	};
}

/** A `messages` change carrying statuses instead of messages. */
export function statusesChange(statuses: unknown[], phoneNumberId = PHONE_NUMBER_ID, displayPhoneNumber = DISPLAY_PHONE_NUMBER): Json {
	return {
		field: 'messages',
		value: { messaging_product: 'whatsapp', metadata: { display_phone_number: displayPhoneNumber, phone_number_id: phoneNumberId }, statuses },
	};
}

// --- templates ------------------------------------------------------------------------------------

export interface TemplateStatusOptions {
	event?: string;
	templateId?: number | string;
	name?: string;
	language?: string;
	reason?: string;
}

/** A `message_template_status_update` change: a template was approved, rejected, paused... */
export function templateStatusChange(options: TemplateStatusOptions = {}): Json {
	return {
		field: 'message_template_status_update',
		value: {
			event: options.event ?? 'APPROVED',
			message_template_id: Number(options.templateId ?? 594425479261596),
			message_template_name: options.name ?? 'order_confirmation',
			message_template_language: options.language ?? 'en_US',
			reason: options.reason ?? 'NONE',
		},
	};
}

// --- batches (fuzz and bench) ----------------------------------------------------------------------

/** Ad-referral messages with unique ids, `padding` characters added to each text to reach a size. */
function batchMessage(id: string, from: string, timestamp: number, padding: number): Json {
	return textMessage({
		id,
		from,
		timestamp,
		text: `Hi! Is this still available?${'x'.repeat(padding)}`,
		referral: adReferral({ ctwa_clid: `ARAkLkA8rmlFeiCktEJQ-QTwRiy${id.slice(-10)}` }),
	});
}

/**
 * One change per message (the fuzz cases mutate the first change and its message); `time` is the
 * entry's, `messageTime` the messages' timestamp (default WEBHOOK_TIME).
 */
export function referralDelivery(options: { wabaId: string; ids: string[]; time: number; messageTime?: number; from: (index: number) => string }): Json {
	const changes = options.ids.map((id, index) => {
		const message = batchMessage(id, options.from(index), options.messageTime ?? WEBHOOK_TIME, 0);
		return messagesChange([message], contactsOf([message]));
	});
	return envelope(changes, options.wabaId, options.time);
}

/**
 * One POST the way Meta batches it: `messageCount` referral messages, `messagesPerChange` per
 * `messages` change and ten changes per entry, padded to about `targetBytes` in total.
 */
export function referralBatch(options: {
	wabaId: string;
	messageCount: number;
	idPrefix: string;
	targetBytes?: number;
	messagesPerChange?: number;
}): { payload: Json; ids: string[] } {
	const perChange = options.messagesPerChange ?? 5;
	const build = (padding: number) => {
		const ids: string[] = [];
		const entries: Array<{ changes: Json[]; messages: Json[][] }> = [];
		for (let index = 0; index < options.messageCount; index++) {
			if (index % (perChange * 10) === 0) entries.push({ changes: [], messages: [] });
			const entry = entries[entries.length - 1];
			if (index % perChange === 0) entry.messages.push([]);
			const id = wamid(options.idPrefix, index);
			ids.push(id);
			entry.messages[entry.messages.length - 1].push(batchMessage(id, String(16505550000 + (index % 10_000)), WEBHOOK_TIME + index, padding));
		}
		const changes = (entry: { messages: Json[][] }) => entry.messages.map((messages) => messagesChange(messages, contactsOf(messages)));
		return { payload: webhookEnvelope(entries.map((entry) => webhookEntry(changes(entry), { wabaId: options.wabaId }))), ids };
	};
	const plain = build(0);
	if (!options.targetBytes) return plain;
	const size = Buffer.byteLength(JSON.stringify(plain.payload));
	const padding = Math.max(0, Math.floor((options.targetBytes - size) / options.messageCount));
	return build(padding);
}

// --- the scripts' deliveries (simulate:ad-click, e2e, bench n8n) -------------------------------------

export interface AdClickOptions {
	wabaId: string;
	phoneNumberId?: string;
	displayPhoneNumber?: string;
	from?: string;
	name?: string;
	messageId?: string;
	ctwaClid?: string;
	text?: string;
	timestamp?: number;
	sourceId?: string;
	headline?: string;
}

/** A text message a customer sent by tapping a Click-to-WhatsApp ad, as the simulator and e2e send it. */
export function adClickPayload(options: AdClickOptions): Json {
	const from = options.from ?? '16505551234';
	const message = textMessage({
		id: options.messageId ?? `wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQUZ${Date.now().toString(36).toUpperCase()}`,
		from,
		timestamp: options.timestamp ?? Math.floor(Date.now() / 1000),
		text: options.text ?? 'Hi! I saw your ad. Is the spring offer still on?',
		referral: adReferral({
			source_url: 'https://fb.me/3cr4Wqqkn',
			source_id: options.sourceId ?? '120211111111111111',
			headline: options.headline ?? 'Spring test-drive offer',
			body: 'Book a test drive this week and get 20% off.',
			image_url: 'https://scontent.xx.fbcdn.net/v/t45.1600-4/sandbox-ad.jpg',
			ctwa_clid: options.ctwaClid ?? `ARAkLkA8rmlFeiCktEJQ-QTwRiyYHAFDLMNDBH0CD3qpjd0HR4irJ6LEkR7JwFF4XvnO2E4Nx0-${Date.now()}`,
		}),
	});
	const change = messagesChange([message], [contact(from, options.name ?? 'Jordan Rivera')], options.phoneNumberId ?? PHONE_NUMBER_ID, options.displayPhoneNumber ?? '15550133700');
	return webhookEnvelope([{ id: options.wabaId, changes: [change] }]);
}

/** A template status update for `wabaId`, stamped now unless `time` is given. */
export function templateStatusPayload(options: TemplateStatusOptions & { wabaId: string; time?: number }): Json {
	return envelope([templateStatusChange(options)], options.wabaId, options.time ?? Math.floor(Date.now() / 1000));
}
