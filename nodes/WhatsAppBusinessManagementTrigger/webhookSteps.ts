/** The steps of the trigger's webhook() for one POST from Meta, in the order it takes them. */
import type { IDataObject, INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { forgetAppSecrets, signatureMatches } from './appSecret';
import { MAX_CHANGE_DEPTH, MAX_EVENTS_PER_POST, RecentKeys, WABA_OBJECT, collectEvents, parseIdList, setIds, type CollectedEvent, type DeliveryKeys, type TriggerEvent } from './events';
import { asObject } from './events/values';

/** Meta's webhook payload limit (graph-api.md section 6): a larger body is not a Meta delivery. */
export const MAX_PAYLOAD_BYTES = 3 * 1024 * 1024;
/**
 * How many event keys each trigger node remembers in this process at least (at most twice that):
 * four of Meta's largest POSTs (1,000 updates), enough for the quick retries of recent deliveries.
 */
export const RECENT_KEYS_CAPACITY = 4_000;

const recentKeysByNode = new Map<string, RecentKeys>();

/** Forgets what this process has seen, as a restart or another webhook process would. For tests. */
export function clearProcessMemory(): void {
	recentKeysByNode.clear();
	forgetAppSecrets();
}

/** The subset of Node's http.ServerResponse (which Express's response extends) the trigger uses. */
interface PlainResponse {
	statusCode: number;
	setHeader(name: string, value: string): unknown;
	end(body?: string): unknown;
}

export function reply(context: IWebhookFunctions, status: number, text: string): IWebhookResponseData {
	const res = context.getResponseObject() as unknown as PlainResponse;
	res.statusCode = status;
	res.setHeader('Content-Type', 'text/plain; charset=utf-8');
	res.end(text);
	return { noWebhookResponse: true };
}

export function rawBodyOf(context: IWebhookFunctions): Buffer | string | undefined {
	return (context.getRequestObject() as unknown as { rawBody?: Buffer | string }).rawBody;
}

/** A refusal when the body is too large or its signature does not prove it came from Meta. */
export async function refuseUnverified(context: IWebhookFunctions, rawBody: Buffer | string | undefined): Promise<IWebhookResponseData | undefined> {
	if (rawBody !== undefined && Buffer.byteLength(rawBody) > MAX_PAYLOAD_BYTES) {
		context.logger.warn("WhatsApp Business Management Trigger: rejected a webhook body over Meta's 3 MB limit");
		return reply(context, 413, 'Payload too large');
	}
	if (!(context.getNodeParameter('verifySignature', true) as boolean)) return undefined;
	const matches = await signatureMatches(context, rawBody);
	if (matches === undefined) {
		context.logger.warn('WhatsApp Business Management Trigger: rejected a webhook because the credential has no App Secret');
		return reply(context, 401, 'Signature cannot be verified');
	}
	if (!matches) {
		context.logger.warn('WhatsApp Business Management Trigger: rejected a webhook with a missing or wrong X-Hub-Signature-256');
		return reply(context, 401, 'Invalid signature');
	}
	return undefined;
}

/**
 * Meta's envelope, or the answer for a body that is not one. n8n's body parser built
 * getBodyData() from the bytes the signature covers, so a parsed envelope is used as it is;
 * anything else (a body n8n did not parse as JSON, another content type) is parsed from the raw bytes.
 */
export function parsePayload(context: IWebhookFunctions, rawBody: Buffer | string | undefined): { payload: IDataObject } | { refusal: IWebhookResponseData } {
	let payload: unknown = context.getBodyData();
	if (asObject(payload)?.object !== WABA_OBJECT && rawBody !== undefined && rawBody.length > 0) {
		try {
			payload = JSON.parse(rawBody.toString());
		} catch {
			return { refusal: reply(context, 400, 'The body is not JSON') };
		}
	}
	const envelope = asObject(payload);
	if (envelope?.object !== WABA_OBJECT) return { refusal: reply(context, 200, 'Ignored: not a whatsapp_business_account event') };
	return { payload: envelope };
}

/** The selected events of the envelope, in the order of the body (what was dropped is logged). */
export function selectedEvents(context: IWebhookFunctions, payload: IDataObject, options: IDataObject): CollectedEvent[] {
	const { events, misshapen, tooDeep, overCap } = collectEvents(payload, {
		events: context.getNodeParameter('events', ['adReferral']) as TriggerEvent[],
		phoneNumberIds: parseIdList(options.phoneNumberIds as string | undefined),
	});
	if (misshapen > 0) {
		context.logger.warn(`WhatsApp Business Management Trigger: skipped ${misshapen} change(s) of selected events that lack what Meta's webhook reference documents for them`);
	}
	if (tooDeep > 0) {
		context.logger.warn(`WhatsApp Business Management Trigger: skipped ${tooDeep} change(s) nested deeper than ${MAX_CHANGE_DEPTH} levels`);
	}
	if (overCap > 0) {
		context.logger.warn(`WhatsApp Business Management Trigger: dropped ${overCap} update(s) past the first ${MAX_EVENTS_PER_POST} events of one POST`);
	}
	return events;
}

/**
 * Meta retries a webhook it could not deliver "with decreasing frequency ... for up to 7 days"
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/overview),
 * so an event older than that is no retry of Meta's but a replayed capture: the default drops
 * nothing Meta may still send.
 */
export const DEFAULT_MAX_EVENT_AGE_HOURS = 7 * 24;

/** When the event happened, in Unix seconds: a message's or status's timestamp, else the entry time. */
function eventTimeOf(item: IDataObject): number | undefined {
	// timestampIso is set only when the timestamp is Unix seconds.
	if (item.timestampIso !== undefined) return Number(item.timestamp);
	return typeof item.entryTime === 'number' && Number.isFinite(item.entryTime) ? item.entryTime : undefined;
}

/**
 * The events to emit: those not older than Options > Max Event Age (0: any age; an event of unknown
 * time is kept) that this node has not seen in this process yet (also within this one body), now
 * remembered. `delivery` holds the events' fingerprints; `stale` counts the events too old.
 */
export function dropStaleAndSeen(
	context: IWebhookFunctions,
	events: CollectedEvent[],
	delivery: DeliveryKeys,
	options: IDataObject,
): { fresh: CollectedEvent[]; stale: number } {
	const hours = options.maxEventAge === undefined ? DEFAULT_MAX_EVENT_AGE_HOURS : Number(options.maxEventAge);
	const oldest = hours > 0 ? Date.now() / 1000 - hours * 3600 : -Infinity;
	const scope = `${context.getWorkflow().id ?? ''}:${context.getNode().id}`;
	let recent = recentKeysByNode.get(scope);
	if (!recent) recentKeysByNode.set(scope, (recent = new RecentKeys(RECENT_KEYS_CAPACITY)));
	const fresh: CollectedEvent[] = [];
	let stale = 0;
	events.forEach((event, index) => {
		if ((eventTimeOf(event.item) ?? oldest) < oldest) stale++;
		else if (recent.addFingerprint(delivery.fingerprints, index)) fresh.push(event);
	});
	if (stale > 0) {
		context.logger.warn(`WhatsApp Business Management Trigger: dropped ${stale} event(s) older than ${hours} hour(s) (Options > Max Event Age)`);
	}
	return { fresh, stale };
}

/**
 * One item per new event, each with its event ID and the ID of the whole delivery (every event of
 * the body, so a retry gets the same ID however much of it this process had seen), which execute()
 * checks in n8n's store.
 */
export function emit(fresh: CollectedEvent[], deliveryId: string): INodeExecutionData[] {
	return fresh.map((event, position) => {
		setIds(event.item, event.key, deliveryId);
		// n8n replaces pairedItem when it starts the execution, but copies items that already carry
		// one on a faster path than items without, so it stays (figures in docs/benchmarks.md).
		return { json: event.item, pairedItem: { item: position } };
	});
}
