/**
 * What a value of the webhook fields issue 16 added must look like to be an event, from each field's
 * page of Meta's webhook reference (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/).
 * Webhooks are untrusted input: a change missing a documented key, or carrying it with the wrong
 * type, is no event (an item without its decision or alert type is garbage to a workflow), and a
 * documented optional key of the wrong type is left out of the item.
 */
import type { IDataObject } from 'n8n-workflow';

import { asObject } from './values';

/**
 * code: a short non-empty string (enum values, IDs, names); id: such a string or a number; text: a
 * string up to a message's size; number: finite; object / list: a plain object / an array.
 */
export type ValueKind = 'code' | 'id' | 'text' | 'number' | 'object' | 'list';

/** Longer than any code or ID Meta documents (a ctwa_clid is about 100 characters). */
const MAX_CODE_LENGTH = 1_024;
/** WhatsApp's longest text (a template body or a text message) is 4,096 characters. */
const MAX_TEXT_LENGTH = 65_536;

export function isKind(value: unknown, kind: ValueKind): boolean {
	switch (kind) {
		case 'code':
			return typeof value === 'string' && value.length > 0 && value.length <= MAX_CODE_LENGTH;
		case 'id':
			return isKind(value, 'code') || (typeof value === 'number' && Number.isFinite(value));
		case 'text':
			return typeof value === 'string' && value.length <= MAX_TEXT_LENGTH;
		case 'number':
			return typeof value === 'number' && Number.isFinite(value);
		case 'object':
			return asObject(value) !== undefined;
		case 'list':
			return Array.isArray(value);
	}
}

export interface Shape {
	required?: Record<string, ValueKind>;
	optional?: Record<string, ValueKind>;
	/** At least one of these keys must be present with its optional kind. */
	anyOf?: string[];
}

/** Whether `value` has every required key, and one of `anyOf`, of the right kind. */
export function fitsShape(value: IDataObject, shape: Shape): boolean {
	for (const [key, kind] of Object.entries(shape.required ?? {})) if (!isKind(value[key], kind)) return false;
	return !shape.anyOf || shape.anyOf.some((key) => isKind(value[key], shape.optional?.[key] ?? 'code'));
}

/** Deletes from `item` each optional key of the shape whose value is there but of the wrong kind. */
export function dropMistyped(item: IDataObject, shape: Shape): void {
	for (const [key, kind] of Object.entries(shape.optional ?? {})) if (key in item && !isKind(item[key], kind)) delete item[key];
}

const CAPABILITY_KEYS = ['max_daily_conversation_per_phone', 'max_daily_conversations_per_business', 'max_phone_numbers_per_business', 'max_phone_numbers_per_waba'];

/** The flat fields' values, by field (each field's reference page, "Syntax" and "Parameters"). */
export const FLAT_SHAPES: Record<string, Shape> = {
	account_review_update: { required: { decision: 'code' } },
	account_alerts: { required: { entity_type: 'code', entity_id: 'id', alert_info: 'object' } },
	security: { required: { event: 'code' }, optional: { display_phone_number: 'id', requester: 'id' } },
	business_capability_update: { anyOf: CAPABILITY_KEYS, optional: Object.fromEntries(CAPABILITY_KEYS.map((key) => [key, 'number' as const])) },
	message_template_components_update: {
		required: { message_template_id: 'id', message_template_name: 'code' },
		optional: { message_template_language: 'code', message_template_element: 'text', message_template_title: 'text', message_template_footer: 'text', message_template_buttons: 'list' },
	},
};

/** account_alerts' `alert_info`: the type is what a workflow routes on. */
export const ALERT_INFO_SHAPE: Shape = {
	required: { alert_type: 'code' },
	optional: { alert_severity: 'code', alert_status: 'code', alert_description: 'text' },
};
