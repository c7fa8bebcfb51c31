/**
 * Currency and date-time values of header and body variables. Meta takes them as their own
 * parameter types, with a `fallback_value` shown where WhatsApp does not localize them (the Cloud
 * API always shows it for dates): https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/template-messages
 * An expression gives them as Meta's object, e.g.
 * `{ currency: { fallback_value: '$10.99', code: 'USD', amount_1000: 10990 } }`, which n8n hands to a
 * node as JSON text once the editor has stored the field list; any other value is text.
 */
import { isIsoCurrency } from '../../common/currencies';

type Raw = Record<string, unknown>;

export type LocalizedParameter = { type: 'currency'; currency: Raw } | { type: 'date_time'; date_time: Raw };

const isRecord = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

/** The kind an object value asks for: its `type`, else the one of `currency` / `date_time` it holds. */
function kindOf(value: Raw): 'currency' | 'date_time' | undefined {
	if (value.type === 'currency' || value.type === 'date_time') return value.type;
	if (value.type !== undefined) return undefined;
	if (isRecord(value.currency) && value.date_time === undefined) return 'currency';
	if (isRecord(value.date_time) && value.currency === undefined) return 'date_time';
	return undefined;
}

/** The object of a value that asks for a currency or a date (given as an object or as its JSON text). */
export function localizedValueOf(value: unknown): Raw | undefined {
	if (isRecord(value)) return value;
	if (typeof value !== 'string' || !value.trim().startsWith('{')) return undefined;
	try {
		const parsed: unknown = JSON.parse(value);
		return isRecord(parsed) && kindOf(parsed) ? parsed : undefined;
	} catch {
		return undefined;
	}
}

/** Meta's parameter for a currency or date-time value; undefined for a value that is none. */
export function localizedParameterOf(given: unknown): LocalizedParameter | undefined {
	const value = localizedValueOf(given);
	if (!value) return undefined;
	const kind = kindOf(value);
	if (kind === 'currency' && isRecord(value.currency)) {
		const { fallback_value, code, amount_1000 } = value.currency;
		return { type: 'currency', currency: { fallback_value: String(fallback_value).trim(), code: String(code).trim().toUpperCase(), amount_1000: Number(amount_1000) } };
	}
	if (kind === 'date_time' && isRecord(value.date_time)) return { type: 'date_time', date_time: { fallback_value: String(value.date_time.fallback_value).trim() } };
	return undefined;
}

const blank = (value: unknown) => value === undefined || value === null || String(value).trim() === '';
const EXAMPLE = '{ currency: { fallback_value: "$10.99", code: "USD", amount_1000: 10990 } } or { date_time: { fallback_value: "May 5, 2027" } }';

/** The rule an object value of a text variable breaks (undefined when it is a sound currency or date). */
export function localizedValueRule(value: unknown): string | undefined {
	const kind = isRecord(value) ? kindOf(value) : undefined;
	const details = kind ? (value as Raw)[kind] : undefined;
	if (!kind || !isRecord(details)) return `must be text, or a currency or date as Meta's object (${EXAMPLE}), not ${JSON.stringify(value)}`;
	if (blank(details.fallback_value)) return `is a ${kind === 'currency' ? 'currency' : 'date'} without fallback_value, the text WhatsApp shows where it does not localize it`;
	if (kind === 'date_time') return undefined;
	const code = String(details.code ?? '').trim().toUpperCase();
	if (!isIsoCurrency(code)) return `is a currency whose code ${JSON.stringify(details.code ?? '')} is not an ISO 4217 code (USD, EUR, BRL...)`;
	const amount = typeof details.amount_1000 === 'string' && details.amount_1000.trim() !== '' ? Number(details.amount_1000) : details.amount_1000;
	if (!Number.isInteger(amount)) return `is a currency whose amount_1000 (the amount times 1000, e.g. 10990 for 10.99) is not a whole number: ${JSON.stringify(details.amount_1000)}`;
	return undefined;
}
