import { GraphError, fbtraceId, invalidParameter, newId } from '../graph';
import type { RequestContext, RouteRegistry } from '../server';
import type { DatasetRecord, SandboxState } from '../state';

/**
 * Conversions API for Business Messaging, per Meta's onboarding guide
 * (developers.facebook.com/documentation/ads-commerce/conversions-api/business-messaging), the WABA
 * dataset edge reference (docs/graph-api/reference/whats-app-business-account/dataset: POST with
 * dataset_name answers { id }) and the server-event parameters reference:
 * - GET /{waba-id}/dataset lists the WABA's dataset (one per WABA); POST creates it, or answers the
 *   existing one's ID.
 * - POST /{dataset-id}/events takes `data` (1 to 1,000 events) and an optional test_event_code, and
 *   answers { events_received, messages, fbtrace_id }. One invalid event fails the whole request and
 *   no event of it is recorded (server-event reference, event_time: "we return an error for the entire
 *   request and process no events").
 */
export const MAX_EVENTS_PER_REQUEST = 1000;
const MAX_AGE_SECONDS = 7 * 24 * 60 * 60;
const MESSAGING_CHANNELS = ['whatsapp', 'messenger', 'instagram'];

export function makeDataset(state: SandboxState, partial: Partial<DatasetRecord> = {}): DatasetRecord {
	return {
		id: partial.id ?? newId('7'),
		name: partial.name ?? `${state.wabaName} dataset`,
		wabaId: partial.wabaId ?? state.wabaId,
		events: partial.events ?? [],
		refusedClickIds: partial.refusedClickIds ?? [],
	};
}

function datasetOfWaba(state: SandboxState, wabaId: string): DatasetRecord | undefined {
	return [...state.datasets.values()].find((dataset) => dataset.wabaId === wabaId);
}

function readEvents(input: Record<string, unknown>): unknown[] {
	let data = input.data;
	// Form and query requests carry `data` as a JSON-encoded string (the guide's curl -F data=[...]).
	if (typeof data === 'string') {
		try {
			data = JSON.parse(data);
		} catch {
			throw invalidParameter('The parameter data must be a JSON array of events');
		}
	}
	if (data === undefined) throw invalidParameter('The parameter data is required');
	if (!Array.isArray(data) || data.length === 0) throw invalidParameter('The parameter data must be a non-empty array of events');
	if (data.length > MAX_EVENTS_PER_REQUEST) throw invalidParameter(`A request may hold up to ${MAX_EVENTS_PER_REQUEST} events; it held ${data.length}`);
	return data;
}

const refuse = (title: string, message: string, subcode?: number) =>
	new GraphError(100, 'Invalid parameter', { subcode, userTitle: title, userMsg: message, type: 'OAuthException' });

/** The reasons Meta's docs give for refusing one event; the first one found refuses the request. */
function checkEvent(event: unknown, dataset: DatasetRecord, nowSeconds: number): void {
	if (!event || typeof event !== 'object' || Array.isArray(event)) throw refuse('Invalid event', 'Each entry of data must be an event object');
	const e = event as Record<string, unknown>;
	if (typeof e.event_name !== 'string' || !e.event_name) throw refuse('Missing event_name', 'The parameter event_name is required');
	if (typeof e.event_time !== 'number' || !Number.isInteger(e.event_time)) {
		throw refuse('Invalid event_time', 'The parameter event_time is required: a Unix timestamp in seconds');
	}
	if (nowSeconds - e.event_time > MAX_AGE_SECONDS) {
		throw refuse('Event Timestamp Too Old', 'The timestamp for this event is more than 7 days in the past.', 2804003);
	}
	if (typeof e.action_source !== 'string') throw refuse('Missing action_source', 'The parameter action_source is required');
	const user = e.user_data as Record<string, unknown> | undefined;
	if (!user || typeof user !== 'object') throw refuse('Missing user_data', 'The parameter user_data is required');
	if (e.action_source === 'business_messaging') {
		if (!MESSAGING_CHANNELS.includes(e.messaging_channel as string)) {
			throw refuse('Invalid messaging_channel', 'business_messaging events need messaging_channel: whatsapp, messenger or instagram');
		}
		if (e.messaging_channel === 'whatsapp') {
			if (typeof user.ctwa_clid !== 'string' || !user.ctwa_clid) throw refuse('Missing ctwa_clid', 'WhatsApp events need user_data.ctwa_clid');
			if (user.whatsapp_business_account_id !== dataset.wabaId) {
				throw refuse('Invalid whatsapp_business_account_id', 'user_data.whatsapp_business_account_id must be the WABA this dataset belongs to');
			}
			if (dataset.refusedClickIds.includes(user.ctwa_clid)) throw refuse('Invalid ctwa_clid', `The ctwa_clid ${user.ctwa_clid} is not valid for this dataset`);
		}
	}
	const custom = (e.custom_data ?? {}) as Record<string, unknown>;
	if (custom.currency !== undefined && !/^[A-Za-z]{3}$/.test(String(custom.currency))) {
		throw refuse('Invalid currency', 'custom_data.currency must be an ISO 4217 code');
	}
	if (custom.value !== undefined && (typeof custom.value !== 'number' || !Number.isFinite(custom.value))) {
		throw refuse('Invalid value', 'custom_data.value must be a number');
	}
	if (e.event_name === 'Purchase' && (custom.value === undefined || custom.currency === undefined)) {
		throw refuse('Missing purchase data', 'Purchase events need custom_data.value and custom_data.currency');
	}
}

const eventKey = (event: Record<string, unknown>) => `${String(event.event_name)}\u0000${String(event.event_id)}`;
/** The event_name + event_id pairs each dataset holds, so a 10,000-event run is not checked pairwise. */
const seenEventKeys = new WeakMap<DatasetRecord, Set<string>>();

function postEvents(ctx: RequestContext) {
	const dataset = ctx.state.datasets.get(ctx.params.id)!;
	const events = readEvents(ctx.input);
	const nowSeconds = Math.floor(Date.now() / 1000);
	for (const event of events) checkEvent(event, dataset, nowSeconds);
	const testEventCode = typeof ctx.input.test_event_code === 'string' ? ctx.input.test_event_code : undefined;
	let seen = seenEventKeys.get(dataset);
	if (!seen) seenEventKeys.set(dataset, (seen = new Set(dataset.events.filter((e) => e.event_id !== undefined).map(eventKey))));
	for (const event of events as Array<Record<string, unknown>>) {
		// Meta keeps one event per event_name + event_id: a repeat is received but not counted again.
		const duplicate = event.event_id !== undefined && seen.has(eventKey(event));
		if (event.event_id !== undefined) seen.add(eventKey(event));
		dataset.events.push({ ...event, test_event_code: testEventCode, duplicate });
	}
	return { json: { events_received: events.length, messages: [], fbtrace_id: fbtraceId() } };
}

export function register(registry: RouteRegistry): void {
	registry.seeder('datasets', (state, records) => {
		for (const record of records) {
			const dataset = makeDataset(state, record as Partial<DatasetRecord>);
			state.datasets.set(dataset.id, dataset);
		}
	});

	registry.node('GET', 'waba', 'dataset', (ctx) => {
		const dataset = datasetOfWaba(ctx.state, ctx.params.id);
		return { json: { data: dataset ? [{ id: dataset.id, name: dataset.name }] : [] } };
	});

	registry.node('POST', 'waba', 'dataset', (ctx) => {
		const existing = datasetOfWaba(ctx.state, ctx.params.id);
		if (existing) return { json: { id: existing.id } };
		const name = ctx.input.dataset_name;
		if (name !== undefined && typeof name !== 'string') throw invalidParameter('dataset_name must be a string');
		const dataset = makeDataset(ctx.state, { wabaId: ctx.params.id, ...(name ? { name } : {}) });
		ctx.state.datasets.set(dataset.id, dataset);
		return { json: { id: dataset.id } };
	});

	registry.node('POST', 'dataset', 'events', postEvents);
}
