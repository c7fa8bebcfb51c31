import { MAX_EVENTS_PER_REQUEST, batchEvents, buildServerEvent, splitBatch, type PreparedEvent } from '../../nodes/WhatsAppBusinessManagement/actions/conversion/build';
import {
	checkEventName,
	checkEventTime,
	checkValueAndCurrency,
	conversionProblems,
	eventTimeSeconds,
	type ConversionInput,
} from '../../nodes/WhatsAppBusinessManagement/actions/conversion/rules';
import { isIsoCurrency } from '../../nodes/WhatsAppBusinessManagement/actions/common/currencies';
import { MAX_EVENTS_PER_REQUEST as SANDBOX_MAX_EVENTS } from '../sandbox/routes/conversions';

const NOW = 1_800_000_000;
const input = (overrides: Partial<ConversionInput> = {}): ConversionInput => ({
	datasetId: '',
	eventName: 'LeadSubmitted',
	customEventName: '',
	eventTime: '',
	ctwaClid: 'Aff-n8ZT',
	value: '',
	currency: '',
	eventId: '',
	testEventCode: '',
	...overrides,
});

describe('conversion rules', () => {
	it('reads event times as now, Unix seconds, milliseconds or ISO text', () => {
		expect(eventTimeSeconds('', NOW)).toBe(NOW);
		expect(eventTimeSeconds(NOW - 5, NOW)).toBe(NOW - 5);
		expect(eventTimeSeconds(String((NOW - 5) * 1000), NOW)).toBe(NOW - 5);
		expect(eventTimeSeconds(new Date((NOW - 60) * 1000).toISOString(), NOW)).toBe(NOW - 60);
		expect(eventTimeSeconds('yesterday-ish', NOW)).toBeUndefined();
	});

	it('keeps Meta\'s 7-day window: 7 days ago passes, a second more does not; the future is refused past a minute', () => {
		expect(checkEventTime(NOW - 7 * 86400, NOW)).toEqual([]);
		expect(checkEventTime(NOW - 7 * 86400 - 1, NOW)[0].rule).toMatch(/more than 7 days/);
		expect(checkEventTime(NOW + 60, NOW)).toEqual([]);
		expect(checkEventTime(NOW + 61, NOW)[0].rule).toBe('is in the future');
	});

	it('checks ISO 4217 codes and the Purchase requirements', () => {
		expect(isIsoCurrency('USD')).toBe(true);
		expect(isIsoCurrency('XAU')).toBe(false);
		expect(checkValueAndCurrency('Purchase', '', '')).toEqual([
			{ field: 'Value', rule: 'is required for Purchase events' },
			{ field: 'Currency', rule: 'is required with a value' },
		]);
		expect(checkValueAndCurrency('LeadSubmitted', '', '')).toEqual([]);
		expect(checkValueAndCurrency('AddToCart', '-1', 'usd')[0].field).toBe('Value');
		expect(checkValueAndCurrency('AddToCart', 'ten', 'USD')[0].field).toBe('Value');
		expect(checkValueAndCurrency('Purchase', 12.5, 'eur')).toEqual([]);
	});

	it('knows Meta\'s business-messaging events and asks custom names to be set', () => {
		expect(checkEventName('QualifiedLead', '')).toEqual([]);
		expect(checkEventName('Lead', '')[0].field).toBe('Event Name');
		expect(checkEventName('custom', ' ')[0].rule).toBe('must not be empty');
		expect(checkEventName('custom', 'Purchase')[0].rule).toMatch(/standard event/);
	});

	it('lists every problem of an item, each naming its field', () => {
		const problems = conversionProblems(input({ datasetId: 'abc', ctwaClid: '', testEventCode: 'TEST 1' }), NOW);
		expect(problems.map((p) => p.field)).toEqual(['Dataset ID', 'Click ID (ctwa_clid)', 'Test Event Code']);
	});
});

describe('conversion builders', () => {
	it('builds the guide\'s WhatsApp event: action_source, messaging_channel and user_data with the WABA ID', () => {
		expect(buildServerEvent(input({ eventName: 'Purchase', value: '49.90', currency: 'usd', eventId: ' o-1 ', eventTime: NOW - 10 }), '102290129340398', NOW)).toEqual({
			event_name: 'Purchase',
			event_time: NOW - 10,
			action_source: 'business_messaging',
			messaging_channel: 'whatsapp',
			user_data: { whatsapp_business_account_id: '102290129340398', ctwa_clid: 'Aff-n8ZT' },
			event_id: 'o-1',
			custom_data: { value: 49.9, currency: 'USD' },
		});
		expect(buildServerEvent(input({ eventName: 'custom', customEventName: 'TestDrive' }), '1', NOW)).not.toHaveProperty('custom_data');
	});

	it('cuts events into requests of at most 1,000 per dataset and test code, in input order', () => {
		const prepared: PreparedEvent[] = Array.from({ length: 2003 }, (_, n) => ({ itemIndex: n, datasetId: n % 2 ? 'A' : 'B', testEventCode: '', event: {} }));
		const batches = batchEvents(prepared);
		expect(batches.map((b) => [b.datasetId, b.entries.length])).toEqual([['B', 1000], ['A', 1000], ['B', 2], ['A', 1]]);
		expect(batches[0].entries.slice(0, 3).map((e) => e.itemIndex)).toEqual([0, 2, 4]);
		const [left, right] = splitBatch(batches[2]);
		expect([left.entries.length, right.entries.length]).toEqual([1, 1]);
	});
});

describe('node and sandbox agree', () => {
	it('on Meta\'s 1,000 events per request (each written from the docs, neither imports the other)', () => {
		expect(MAX_EVENTS_PER_REQUEST).toBe(1000);
		expect(SANDBOX_MAX_EVENTS).toBe(MAX_EVENTS_PER_REQUEST);
	});
});
