/**
 * Pure builders for the Conversions API for Business Messaging: checked input in, Meta's payload out.
 * Guide: https://developers.facebook.com/documentation/ads-commerce/conversions-api/business-messaging
 */
import type { IDataObject } from 'n8n-workflow';

import { eventTimeSeconds, parseValue, type ConversionInput } from './rules';

/** Meta accepts up to 1,000 events in one request's `data` (Conversions API "Batch Requests"). */
export const MAX_EVENTS_PER_REQUEST = 1000;

export function datasetPath(wabaId: string): string {
	return `/${wabaId}/dataset`;
}

export function eventsPath(datasetId: string): string {
	return `/${datasetId}/events`;
}

/**
 * One server event as the guide shows it for WhatsApp: action_source business_messaging,
 * messaging_channel whatsapp, and user_data with the click ID and the WABA ID (both sent in clear:
 * they are Meta's own IDs, not personal data to hash).
 */
export function buildServerEvent(input: ConversionInput, wabaId: string, nowSeconds: number): IDataObject {
	const event: IDataObject = {
		event_name: input.eventName === 'custom' ? input.customEventName.trim() : input.eventName,
		event_time: eventTimeSeconds(input.eventTime, nowSeconds),
		action_source: 'business_messaging',
		messaging_channel: 'whatsapp',
		user_data: {
			whatsapp_business_account_id: wabaId,
			ctwa_clid: String(input.ctwaClid).trim(),
		},
	};
	if (input.eventId.trim()) event.event_id = input.eventId.trim();
	const value = parseValue(input.value);
	const currency = input.currency.trim().toUpperCase();
	if (value !== undefined || currency) {
		const customData: IDataObject = {};
		if (value !== undefined) customData.value = value;
		if (currency) customData.currency = currency;
		event.custom_data = customData;
	}
	return event;
}

/** One request's body: the events, and the test code when Events Manager's Test Events tab should show them. */
export function buildEventsBody(events: IDataObject[], testEventCode: string): IDataObject {
	const body: IDataObject = { data: events };
	if (testEventCode) body.test_event_code = testEventCode;
	return body;
}

export interface PreparedEvent {
	itemIndex: number;
	datasetId: string;
	testEventCode: string;
	event: IDataObject;
}

export interface EventBatch {
	datasetId: string;
	testEventCode: string;
	entries: PreparedEvent[];
}

/**
 * Groups events by what a request shares (the dataset in the path, the test code in the body), in
 * input order, and cuts each group into requests of at most `maxPerRequest` events.
 */
export function batchEvents(prepared: PreparedEvent[], maxPerRequest = MAX_EVENTS_PER_REQUEST): EventBatch[] {
	const groups = new Map<string, EventBatch[]>();
	const batches: EventBatch[] = [];
	for (const entry of prepared) {
		const key = `${entry.datasetId}\u0000${entry.testEventCode}`;
		let list = groups.get(key);
		if (!list) groups.set(key, (list = []));
		let current = list[list.length - 1];
		if (!current || current.entries.length >= maxPerRequest) {
			current = { datasetId: entry.datasetId, testEventCode: entry.testEventCode, entries: [] };
			list.push(current);
			batches.push(current);
		}
		current.entries.push(entry);
	}
	return batches;
}

/** The two halves a refused batch is tried again as, to find the events Meta refuses. */
export function splitBatch(batch: EventBatch): [EventBatch, EventBatch] {
	const middle = Math.ceil(batch.entries.length / 2);
	return [
		{ ...batch, entries: batch.entries.slice(0, middle) },
		{ ...batch, entries: batch.entries.slice(middle) },
	];
}

/** The output item of one sent event. */
export function sentEventItem(entry: PreparedEvent, response: IDataObject, requestSize: number): IDataObject {
	const item: IDataObject = {
		datasetId: entry.datasetId,
		...entry.event,
		eventsReceived: response.events_received ?? null,
		requestEvents: requestSize,
	};
	if (entry.testEventCode) item.test_event_code = entry.testEventCode;
	if (Array.isArray(response.messages) && response.messages.length) item.messages = response.messages;
	if (response.fbtrace_id) item.fbtraceId = response.fbtrace_id;
	return item;
}
