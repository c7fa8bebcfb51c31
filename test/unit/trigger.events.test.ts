import { createHash } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';
import {
	REFERRAL_FIELDS,
	RecentKeys,
	checkVerification,
	classifyChange,
	collectEvents,
	contactFor,
	messageText,
	deliveryIdOf,
	flattenMessage,
	flattenStatus,
	setIds,
	parseIdList,
	signatureOf,
	verifySignature,
} from '../../nodes/WhatsAppBusinessManagementTrigger/events';
import { toIsoTimestamp } from '../../nodes/WhatsAppBusinessManagementTrigger/events/values';
import { RECENT_TIME, WABA_ID, envelope, messageStatus, messagesChange, referralMessage, statusesChange, templateStatusChange } from '../support/metaWebhooks';

describe('verifySignature', () => {
	const body = Buffer.from('{"object":"whatsapp_business_account"}');
	test('accepts the HMAC of the raw bytes, in either hex case', () => {
		const header = signatureOf(body, 'secret');
		expect(verifySignature(body, header, 'secret')).toBe(true);
		expect(verifySignature(body, header.toUpperCase().replace('SHA256=', 'sha256='), 'secret')).toBe(true);
		expect(verifySignature(body, [header], 'secret')).toBe(true);
	});
	test.each([
		['another secret', signatureOf(body, 'other')],
		['a truncated digest', signatureOf(body, 'secret').slice(0, 40)],
		['no prefix', signatureOf(body, 'secret').slice(7)],
		['nothing', undefined],
		['a number', 5],
	])('rejects %s', (_, header) => {
		expect(verifySignature(body, header, 'secret')).toBe(false);
	});
});

describe('checkVerification', () => {
	const query = { 'hub.mode': 'subscribe', 'hub.challenge': '1158201444', 'hub.verify_token': 'tok' };
	test('echoes the challenge for the right mode and token', () => {
		expect(checkVerification(query, 'tok')).toBe('1158201444');
	});
	test.each([
		['wrong token', { ...query, 'hub.verify_token': 'tok2' }, 'tok'],
		['token of another length', { ...query, 'hub.verify_token': 't' }, 'tok'],
		['wrong mode', { ...query, 'hub.mode': 'unsubscribe' }, 'tok'],
		['array token', { ...query, 'hub.verify_token': ['tok'] }, 'tok'],
		['empty expected token', { ...query, 'hub.verify_token': '' }, ''],
	])('refuses a %s', (_, q, expected) => {
		expect(checkVerification(q as Record<string, unknown>, expected)).toBeUndefined();
	});
});

describe('classifyChange', () => {
	test('routes by field', () => {
		expect(classifyChange('message_template_status_update', { event: 'APPROVED', message_template_id: 1 })).toBe('templateStatusUpdate');
		expect(classifyChange('flows', { event: 'FLOW_STATUS_CHANGE' })).toBe('flowEvent');
		expect(classifyChange('account_update', { event: 'ACCOUNT_VIOLATION' })).toBe('accountUpdate');
		expect(classifyChange('phone_number_quality_update', { event: 'ONBOARDING' })).toBe('phoneNumberQualityUpdate');
		expect(classifyChange('phone_number_name_update', { decision: 'APPROVED' })).toBe('phoneNumberNameUpdate');
		expect(classifyChange('partner_solutions', {})).toBeUndefined();
	});
	test("routes by value keys too: Meta's quality example carries the status field", () => {
		expect(classifyChange('message_template_status_update', { previous_quality_score: 'GREEN', new_quality_score: 'YELLOW' })).toBe('templateQualityUpdate');
		expect(classifyChange('message_template_status_update', { previous_category: 'UTILITY', new_category: 'MARKETING' })).toBe('templateCategoryUpdate');
		expect(classifyChange('template_category_update', { new_category: 'MARKETING', correct_category: 'MARKETING' })).toBe('templateCategoryUpdate');
	});
});

describe('collectEvents', () => {
	/** The events of a body as the webhook turns new ones into items: JSON and key. */
	const itemsOf = (payload: unknown, options: Parameters<typeof collectEvents>[1]) =>
		collectEvents(payload, options).events.map((event) => ({ json: event.item, key: event.key }));

	const qualityChange = {
		field: 'message_template_status_update',
		value: { previous_quality_score: 'GREEN', new_quality_score: 'YELLOW', message_template_id: 806312974732579, message_template_name: 'welcome', message_template_language: 'en_US' },
	};
	const status = messageStatus({ id: 'wamid.S1', pricing: { billable: true, category: 'marketing' } });

	test('one item per management change, with field, WABA and entry time', () => {
		const items = itemsOf(envelope([qualityChange]), { events: ['templateQualityUpdate'] });
		expect(items).toHaveLength(1);
		expect(items[0].json).toEqual({
			...qualityChange.value,
			eventType: 'templateQualityUpdate',
			field: 'message_template_status_update',
			wabaId: WABA_ID,
			entryTime: RECENT_TIME,
			entryTimeIso: new Date(RECENT_TIME * 1000).toISOString(),
		});
		expect(items[0].key).toMatch(/^change:[0-9a-f]{32}$/);
		expect(itemsOf(envelope([qualityChange]), { events: ['templateStatusUpdate'] })).toEqual([]);
	});

	test("a template status update keeps Meta's own event (the new status) beside our eventType", () => {
		const statusChange = templateStatusChange({ event: 'REJECTED', templateId: 806312974732579, name: 'welcome', reason: 'INVALID_FORMAT' });
		const [item] = itemsOf(envelope([statusChange]), { events: ['templateStatusUpdate'] });
		expect(item.json).toMatchObject({ event: 'REJECTED', eventType: 'templateStatusUpdate', reason: 'INVALID_FORMAT', message_template_name: 'welcome' });
	});

	test('one item per status, keyed by message ID and status', () => {
		const change = statusesChange([status, { ...status, status: 'read' }], '1', '2');
		const items = itemsOf(envelope([change]), { events: ['messageStatus'] });
		expect(items.map((item) => item.key)).toEqual(['status:wamid.S1:delivered', 'status:wamid.S1:read']);
		expect(items[0].json).toMatchObject({ eventType: 'messageStatus', messageId: 'wamid.S1', status: 'delivered', recipientId: '16505551234', pricing: status.pricing, wabaId: WABA_ID });
	});

	test('the same message twice in one delivery is two events with one key (the webhook emits one item: trigger.webhook.test.ts)', () => {
		const message = referralMessage(1);
		const keys = itemsOf(envelope([messagesChange([message, message], [])]), { events: ['adReferral'] }).map((item) => item.key);
		expect(keys).toEqual([`message:${message.id}`, `message:${message.id}`]);
	});

	test('the same change re-delivered has the same key; a different entry time does not', () => {
		const first = itemsOf(envelope([qualityChange]), { events: ['templateQualityUpdate'] })[0].key;
		const again = itemsOf(envelope([qualityChange]), { events: ['templateQualityUpdate'] })[0].key;
		const later = envelope([qualityChange], WABA_ID, 1751249999);
		expect(again).toBe(first);
		expect(itemsOf(later, { events: ['templateQualityUpdate'] })[0].key).not.toBe(first);
	});
});

describe('message helpers', () => {
	test('contactFor matches wa_id, falls back to a single contact, never guesses among several', () => {
		const a = { wa_id: '1', profile: { name: 'A' } };
		const b = { wa_id: '2', profile: { name: 'B' } };
		expect(contactFor({ from: '2' }, [a, b])).toBe(b);
		expect(contactFor({ from: '5511' }, [a])).toBe(a);
		expect(contactFor({ from: '3' }, [a, b])).toBeUndefined();
		// The message's position is only a hint: a contact there that does not match is passed over.
		expect(contactFor({ from: '2' }, [a, b], 1)).toBe(b);
		expect(contactFor({ from: '2' }, [a, b], 0)).toBe(b);
		expect(contactFor({ from: '2' }, [a, b], 7)).toBe(b);
		expect(contactFor({ from: '3' }, [a, b], 1)).toBeUndefined();
	});
	test('messageText reads each type', () => {
		expect(messageText({ type: 'text', text: { body: 'hi' } })).toBe('hi');
		expect(messageText({ type: 'button', button: { text: 'Yes' } })).toBe('Yes');
		expect(messageText({ type: 'interactive', interactive: { list_reply: { title: 'Row' } } })).toBe('Row');
		expect(messageText({ type: 'image', image: { caption: 'pic' } })).toBe('pic');
		expect(messageText({ type: 'location', location: {} })).toBeUndefined();
	});
	test('toIsoTimestamp gives the same text as Date#toISOString across days, years and the 12-digit limit', () => {
		for (const seconds of [0, 59, 86_399, 86_400, 951_782_400, 1_751_247_548, 4_102_444_799, 253_402_300_800, 999_999_999_999]) {
			expect(toIsoTimestamp(String(seconds))).toBe(new Date(seconds * 1000).toISOString());
		}
	});
	test('toIsoTimestamp only converts Unix seconds', () => {
		expect(toIsoTimestamp('0')).toBe('1970-01-01T00:00:00.000Z');
		expect(toIsoTimestamp(1751247548)).toBe('2025-06-30T01:39:08.000Z');
		expect(toIsoTimestamp('TIMESTAMP')).toBeUndefined();
		expect(toIsoTimestamp(undefined)).toBeUndefined();
	});
	test('parseIdList splits on commas and whitespace', () => {
		expect(parseIdList(' 1, 2\n3 ;4 ')).toEqual(['1', '2', '3', '4']);
		expect(parseIdList(undefined)).toEqual([]);
	});
});

describe('dedup building blocks', () => {
	test('RecentKeys says whether a key is new, remembers the newest `capacity`, never more than twice that', () => {
		const recent = new RecentKeys(2);
		expect(['a', 'b', 'a', 'c'].map((key) => recent.add(key))).toEqual([true, true, false, true]);
		expect([recent.has('a'), recent.has('b'), recent.has('c'), recent.size]).toEqual([true, true, true, 3]);
		expect([recent.add('d'), recent.add('e')]).toEqual([true, true]);
		// The generation of a and b was dropped whole; c, d, e are the newest.
		expect(['a', 'b', 'c', 'd', 'e'].map((key) => recent.has(key))).toEqual([false, false, true, true, true]);
	});

	test('RecentKeys over many keys: every one of the newest `capacity` is known, none older than twice that, no false "seen"', () => {
		const capacity = 1000;
		const recent = new RecentKeys(capacity);
		const keys = Array.from({ length: 20_000 }, (_, index) => `message:wamid.${index}`);
		keys.forEach((key, index) => {
			expect(recent.add(key)).toBe(true);
			expect(recent.add(key)).toBe(false);
			if (index % 997 === 0) {
				for (let back = 0; back <= Math.min(index, 2 * capacity + 50); back++) {
					if (back < capacity) expect(recent.has(keys[index - back])).toBe(true);
					if (back >= 2 * capacity) expect(recent.has(keys[index - back])).toBe(false);
				}
				expect(recent.size).toBeLessThanOrEqual(2 * capacity);
			}
		});
		expect(recent.size).toBeGreaterThanOrEqual(capacity);
		// Keys that differ in one character, in order or length, are different keys.
		const close = new RecentKeys(100);
		expect(['ab', 'ba', 'a', 'a\u0000', '', 'message:a'].map((key) => close.add(key))).toEqual([true, true, true, true, true, true]);
	});

	test('deliveryIdOf: the same events give the same ID, any other list another', () => {
		expect(deliveryIdOf(['message:a', 'message:b'])).toBe(deliveryIdOf(['message:a', 'message:b']));
		expect(deliveryIdOf(['message:a', 'message:b'])).not.toBe(deliveryIdOf(['message:b', 'message:a']));
		expect(deliveryIdOf(['message:a'])).not.toBe(deliveryIdOf(['message:a', 'message:b']));
		expect(deliveryIdOf(['message:a'])).toMatch(/^[A-Za-z0-9_-]{32}$/);
		// Pinned: the IDs are kept in n8n's store, so a release that changes them would let one
		// re-delivery through per remembered delivery, and must say so.
		expect(deliveryIdOf(['message:a', 'status:c:read'])).toBe(createHash('sha256').update('message:a\nstatus:c:read').digest('base64url').slice(0, 32));
	});
});

describe('flattenMessage', () => {
	test('an order: its catalog and products as sent, and their total only when Meta gave every price, quantity and one currency', () => {
		const order = (items: unknown[], extra = {}) => flattenMessage({ from: '1', id: 'wamid.O', type: 'order', order: { catalog_id: 77, product_items: items, ...extra } }, { contacts: [] });
		const line = (price: unknown, quantity: unknown, currency: unknown = 'BRL') => ({ product_retailer_id: 'p', item_price: price, quantity, currency });
		expect(order([line(0.1, 3), line('2.5', '2')], { text: 'obrigado' })).toMatchObject({ eventType: 'order', text: 'obrigado', catalogId: '77', value: 5.3, currency: 'BRL' });
		for (const items of [[line(undefined, 1)], [line(null, 1)], [line(1, '')], [line(1, 'two')], [line(1, 1, null)], [line(1, 1), line(1, 1, 'USD')]]) {
			const item = order(items);
			expect(item.orderItems).toBe(items);
			expect(item).not.toHaveProperty('value');
			expect(item).not.toHaveProperty('currency');
		}
		expect(flattenMessage({ from: '1', id: 'wamid.O', type: 'order' }, { contacts: [] })).not.toHaveProperty('orderItems');
	});

	test('a shared location: its coordinates, and the place\'s name and address when the user picked one', () => {
		const shared = (location: IDataObject | string) => flattenMessage({ from: '1', id: 'wamid.L', type: 'location', location }, { contacts: [] });
		expect(shared({ latitude: 37.48, longitude: -122.14, name: 'Showroom', address: '1 Hacker Way', url: 'https://maps.example' })).toMatchObject({
			eventType: 'message',
			messageType: 'location',
			latitude: 37.48,
			longitude: -122.14,
			locationName: 'Showroom',
			locationAddress: '1 Hacker Way',
		});
		const pin = shared({ latitude: 0, longitude: 0 });
		expect(pin).toMatchObject({ latitude: 0, longitude: 0 });
		expect(pin).not.toHaveProperty('locationName');
		expect(shared({ latitude: '37', longitude: null })).not.toHaveProperty('latitude');
		expect(shared('here')).not.toHaveProperty('longitude');
	});

	test('copies every documented referral field, in REFERRAL_FIELDS order, and only those', () => {
		const referral = Object.fromEntries(REFERRAL_FIELDS.map((key) => [key, `value of ${key}`]));
		const message = { from: '1', id: 'wamid.1', type: 'text', text: { body: 'hi' }, referral: { ...referral, unknown_field: 'x' } };
		const item = flattenMessage(message, { wabaId: 'w', contacts: [] });
		const keys = Object.keys(item);
		expect(keys.filter((key) => (REFERRAL_FIELDS as readonly string[]).includes(key))).toEqual([...REFERRAL_FIELDS]);
		for (const key of REFERRAL_FIELDS) expect(item[key]).toBe(`value of ${key}`);
		expect(item).not.toHaveProperty('unknown_field');
		expect(item.message).toBe(message);
	});
	test('items are plain objects: Object.prototype, JSON round trip unchanged, IDs last', () => {
		const message = { from: '1', id: 'wamid.3', timestamp: '1751247548', type: 'text', text: { body: 'hi' }, referral: { source_id: '9' } };
		const item = flattenMessage(message, { wabaId: 'w', phoneNumberId: 'p', contacts: [{ wa_id: '1', profile: { name: 'Ana' } }] });
		setIds(item, 'message:wamid.3', 'd1');
		expect(Object.getPrototypeOf(item)).toBe(Object.prototype);
		expect(item.constructor).toBe(Object);
		expect(JSON.parse(JSON.stringify(item))).toEqual(item);
		expect(Object.keys(item).slice(-3)).toEqual(['message', 'eventId', 'deliveryId']);
		const status = flattenStatus({ id: 'wamid.3', status: 'read' }, { contacts: [] });
		setIds(status, 'status:wamid.3:read', 'd1');
		expect(Object.keys(status)).toEqual([
			'eventType',
			'field',
			'messageId',
			'status',
			'eventId',
			'deliveryId',
		]);
	});
	test('a referral field Meta did not send stays absent', () => {
		const item = flattenMessage({ id: 'wamid.2', referral: { source_id: '9' } }, { contacts: [] });
		expect(Object.keys(item)).toEqual(['eventType', 'field', 'messageId', 'source_id', 'message']);
	});
});
