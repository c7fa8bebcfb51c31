/**
 * Pure checks for the Conversion resource: plain values in, problems out, nothing sent.
 * Guide: https://developers.facebook.com/documentation/ads-commerce/conversions-api/business-messaging
 * Event parameters: https://developers.facebook.com/docs/marketing-api/conversions-api/parameters/server-event/
 */

import { isBlank } from '../common/blank';
import { isIsoCurrency } from '../common/currencies';
import type { ParameterProblem } from '../common/parameterProblem';

/** The events Meta's business-messaging guide lists for Click-to-WhatsApp conversions. */
export const BUSINESS_MESSAGING_EVENTS = [
	'LeadSubmitted',
	'QualifiedLead',
	'Purchase',
	'InitiateCheckout',
	'AddToCart',
	'ViewContent',
	'OrderCreated',
	'OrderShipped',
	'OrderDelivered',
	'OrderCanceled',
	'OrderReturned',
	'CartAbandoned',
	'RatingProvided',
	'ReviewProvided',
] as const;

/** Meta refuses the whole request when any event_time is more than 7 days old (server-event reference). */
export const MAX_EVENT_AGE_SECONDS = 7 * 24 * 60 * 60;
/** Clocks of n8n and the system that stamped the event differ by seconds; a minute ahead is still "now". */
export const FUTURE_TOLERANCE_SECONDS = 60;

/** What one Send Event item holds after its parameters are read (expressions resolved). */
export interface ConversionInput {
	datasetId: string;
	eventName: string;
	customEventName: string;
	eventTime: unknown;
	ctwaClid: unknown;
	value: unknown;
	currency: string;
	eventId: string;
	testEventCode: string;
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '');

/**
 * An event time as Unix seconds: empty means now; Unix seconds or milliseconds (number or digits)
 * and ISO 8601 text are accepted. Undefined when it is none of these.
 */
export function eventTimeSeconds(value: unknown, nowSeconds: number): number | undefined {
	if (isBlank(value)) return nowSeconds;
	// An expression such as {{ $now }} hands over a Luxon DateTime (toMillis) or a Date.
	const millis = (value as { toMillis?: () => number }).toMillis;
	const raw = value instanceof Date ? value.getTime() / 1000 : typeof millis === 'function' ? millis.call(value) / 1000 : value;
	if (typeof raw === 'number' || (typeof raw === 'string' && /^\d+(\.\d+)?$/.test(raw.trim()))) {
		const number = Number(raw);
		if (!Number.isFinite(number) || number <= 0) return undefined;
		// Thirteen digits are milliseconds (a JavaScript timestamp); Meta wants seconds.
		return Math.floor(number >= 1e12 ? number / 1000 : number);
	}
	if (typeof raw === 'string') {
		const parsed = Date.parse(raw.trim());
		return Number.isNaN(parsed) ? undefined : Math.floor(parsed / 1000);
	}
	return undefined;
}

export function checkEventTime(value: unknown, nowSeconds: number): ParameterProblem[] {
	const seconds = eventTimeSeconds(value, nowSeconds);
	if (seconds === undefined) {
		return [{ field: 'Event Time', rule: 'must be a date and time (ISO 8601) or Unix seconds' }];
	}
	if (nowSeconds - seconds > MAX_EVENT_AGE_SECONDS) {
		return [{ field: 'Event Time', rule: 'is more than 7 days ago: Meta refuses older events (and the whole request with them)' }];
	}
	if (seconds - nowSeconds > FUTURE_TOLERANCE_SECONDS) return [{ field: 'Event Time', rule: 'is in the future' }];
	return [];
}

export function checkEventName(eventName: string, customEventName: string): ParameterProblem[] {
	if (eventName === 'custom') {
		const name = customEventName.trim();
		if (!name) return [{ field: 'Custom Event Name', rule: 'must not be empty' }];
		if ((BUSINESS_MESSAGING_EVENTS as readonly string[]).includes(name)) {
			return [{ field: 'Custom Event Name', rule: `"${name}" is a standard event: pick it under Event Name instead` }];
		}
		return [];
	}
	if (!(BUSINESS_MESSAGING_EVENTS as readonly string[]).includes(eventName)) {
		return [{ field: 'Event Name', rule: `must be one of ${BUSINESS_MESSAGING_EVENTS.join(', ')} or Custom` }];
	}
	return [];
}

export function checkClickId(value: unknown): ParameterProblem[] {
	const clickId = text(value);
	if (!clickId) {
		return [{ field: 'Click ID (ctwa_clid)', rule: 'must not be empty: Meta attributes the event to the ad click through it' }];
	}
	if (/\s/.test(clickId)) return [{ field: 'Click ID (ctwa_clid)', rule: 'must not contain spaces: pass it exactly as the webhook gave it' }];
	return [];
}

/** A value as a number; undefined when empty, NaN when it is not a number. */
export function parseValue(value: unknown): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'number') return value;
	if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value.trim());
	return Number.NaN;
}

export function checkValueAndCurrency(eventName: string, value: unknown, currency: string): ParameterProblem[] {
	const problems: ParameterProblem[] = [];
	const amount = parseValue(value);
	const code = currency.trim().toUpperCase();
	if (amount !== undefined && (!Number.isFinite(amount) || amount < 0)) {
		problems.push({ field: 'Value', rule: 'must be a number of 0 or more' });
	}
	if (code && !isIsoCurrency(code)) problems.push({ field: 'Currency', rule: `"${currency.trim()}" is not an ISO 4217 currency code (USD, EUR, BRL...)` });
	// Meta requires value and currency on Purchase (server-event reference, custom_data).
	if (eventName === 'Purchase' && amount === undefined) problems.push({ field: 'Value', rule: 'is required for Purchase events' });
	if ((amount !== undefined || eventName === 'Purchase') && !code) problems.push({ field: 'Currency', rule: 'is required with a value' });
	return problems;
}

export function checkDatasetId(datasetId: string): ParameterProblem[] {
	if (datasetId && !/^\d+$/.test(datasetId)) return [{ field: 'Dataset ID', rule: 'must contain only digits (or be empty to use the account\'s dataset)' }];
	return [];
}

export function checkTestEventCode(code: string): ParameterProblem[] {
	if (code && !/^[A-Za-z0-9]+$/.test(code)) return [{ field: 'Test Event Code', rule: 'must be letters and digits, as Events Manager shows it (TEST12345)' }];
	return [];
}

/** Every pre-send problem of one Send Event item. */
export function conversionProblems(input: ConversionInput, nowSeconds: number): ParameterProblem[] {
	return [
		...checkDatasetId(input.datasetId),
		...checkEventName(input.eventName, input.customEventName),
		...checkEventTime(input.eventTime, nowSeconds),
		...checkClickId(input.ctwaClid),
		...checkValueAndCurrency(input.eventName, input.value, input.currency),
		...checkTestEventCode(input.testEventCode),
	];
}

