import { createHash } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

import { ALERT_INFO_SHAPE, FLAT_SHAPES, dropMistyped, fitsShape } from './shapes';
import { asObject } from './values';

/** The management events the trigger can emit, one item per webhook change. */
export type ManagementEvent =
	| 'accountAlert'
	| 'accountReviewUpdate'
	| 'accountUpdate'
	| 'businessCapabilityUpdate'
	| 'securityUpdate'
	| 'templateComponentsUpdate'
	| 'flowEvent'
	| 'phoneNumberNameUpdate'
	| 'phoneNumberQualityUpdate'
	| 'templateCategoryUpdate'
	| 'templateQualityUpdate'
	| 'templateStatusUpdate';

/**
 * Fields of Meta's webhook reference (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/),
 * each a flat `value` per change: for example account_review_update {decision}, account_alerts
 * {entity_type, entity_id, alert_info}, security {display_phone_number, event, requester},
 * business_capability_update {max_daily_conversations_per_business, ...} and
 * message_template_components_update {message_template_id, ..., message_template_element}.
 */
const EVENT_BY_FIELD: Record<string, ManagementEvent> = {
	account_alerts: 'accountAlert',
	account_review_update: 'accountReviewUpdate',
	account_update: 'accountUpdate',
	business_capability_update: 'businessCapabilityUpdate',
	security: 'securityUpdate',
	message_template_components_update: 'templateComponentsUpdate',
	flows: 'flowEvent',
	phone_number_name_update: 'phoneNumberNameUpdate',
	phone_number_quality_update: 'phoneNumberQualityUpdate',
	template_category_update: 'templateCategoryUpdate',
	message_template_quality_update: 'templateQualityUpdate',
	message_template_status_update: 'templateStatusUpdate',
};

/**
 * Which management event a change is. Routing looks at the value's keys as well as the field:
 * Meta's own example of a template quality update is labelled `message_template_status_update`,
 * so a value carrying quality scores is a quality update whatever the field says, and a value
 * carrying `correct_category` or `previous_category` is a category update.
 */
export function classifyChange(field: string, value: IDataObject): ManagementEvent | undefined {
	if (field.startsWith('message_template') || field === 'template_category_update') {
		if ('new_quality_score' in value || 'previous_quality_score' in value) return 'templateQualityUpdate';
		if ('correct_category' in value || 'previous_category' in value) return 'templateCategoryUpdate';
	}
	return EVENT_BY_FIELD[field];
}

/** Whether a change of a field with a documented shape (shapes.ts) has it; other fields pass. */
export function isWellFormedChange(field: string, value: IDataObject): boolean {
	const shape = FLAT_SHAPES[field];
	if (shape && !fitsShape(value, shape)) return false;
	return field !== 'account_alerts' || fitsShape(asObject(value.alert_info) ?? {}, ALERT_INFO_SHAPE);
}

/**
 * One management change as an item: Meta's value keys untouched (its own `event`, such as APPROVED
 * or FLOW_STATUS_CHANGE, included), plus our `eventType`, the field, the WABA and the entry time.
 */
export function flattenChange(
	event: ManagementEvent,
	field: string,
	value: IDataObject,
	wabaId: string | undefined,
	entryTime: unknown,
): IDataObject {
	const item: IDataObject = { ...value, eventType: event, field };
	const shape = FLAT_SHAPES[field];
	if (shape) dropMistyped(item, shape);
	// account_alerts nests its severity, status, type and description; lifted so filters reach them.
	const alertInfo = asObject(value.alert_info);
	if (event === 'accountAlert' && alertInfo) {
		const lifted: IDataObject = { ...alertInfo };
		dropMistyped(lifted, ALERT_INFO_SHAPE);
		for (const [key, alertValue] of Object.entries(lifted)) if (!(key in item)) item[key] = alertValue;
	}
	if (wabaId !== undefined) item.wabaId = wabaId;
	if (typeof entryTime === 'number' && Number.isFinite(entryTime)) {
		item.entryTime = entryTime;
		item.entryTimeIso = new Date(entryTime * 1000).toISOString();
	}
	return item;
}

/**
 * Management changes carry no ID. A re-delivery repeats the same entry (same time, same value),
 * so the key is a hash of WABA, field, entry time and the value's canonical JSON. Throws
 * ChangeTooDeepError for a value nested deeper than MAX_CHANGE_DEPTH.
 */
export function changeKey(wabaId: string | undefined, field: string, entryTime: unknown, value: IDataObject): string {
	const hash = createHash('sha256')
		.update(JSON.stringify([wabaId ?? '', field, entryTime ?? '', canonical(value)]))
		.digest('hex')
		.slice(0, 32);
	return `change:${hash}`;
}

/**
 * How deep a change's value may nest. Meta's documented changes nest a few levels; a value
 * thousands deep would overflow the stack of every recursive walk (here, and n8n's own when it
 * saves the execution), so such a change is not an event.
 */
export const MAX_CHANGE_DEPTH = 64;

export class ChangeTooDeepError extends Error {
	constructor() {
		super(`a change nested deeper than ${MAX_CHANGE_DEPTH} levels`);
	}
}

function canonical(value: unknown, depth = 0): unknown {
	if (depth > MAX_CHANGE_DEPTH) throw new ChangeTooDeepError();
	if (Array.isArray(value)) return value.map((element) => canonical(element, depth + 1));
	if (typeof value === 'object' && value !== null) {
		const sorted: Record<string, unknown> = {};
		for (const key of Object.keys(value).sort()) sorted[key] = canonical((value as Record<string, unknown>)[key], depth + 1);
		return sorted;
	}
	return value;
}
