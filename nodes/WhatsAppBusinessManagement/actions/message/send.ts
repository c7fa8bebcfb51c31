/**
 * The one send path of the Message resource: every operation builds its body and hands it here.
 * Sends are paced to the sender's throughput, a pair-rate refusal (131056) holds back only that
 * recipient, throttling is retried by the Graph client, and a send that may have been carried out
 * is never sent again.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { graphRequest, spendRetryWait } from '../../../shared/graph';
import { readSendingOptions } from './sendingOptions';

export interface OutgoingMessage {
	phoneNumberId: string;
	/** `marketing_messages`: Meta's Marketing Messages API, for marketing templates. */
	path: 'messages' | 'marketing_messages';
	/** The Graph body without `messaging_product`, which is added here. */
	body: IDataObject;
	/** Sending it twice is harmless (marking read): the Graph client may then repeat it after a doubtful failure. */
	idempotent?: boolean;
}

/**
 * Meta's pair rate: about one message every 6 seconds to the same user, with short bursts
 * (https://developers.facebook.com/docs/whatsapp/cloud-api/overview#pair-rate-limits). Read at
 * every send, so tests and benchmarks can shorten the waits.
 */
export const PAIR_RATE_POLICY = { firstDelayMs: 6_000, maxRetries: 3 };

/** Meta's "pair rate limit hit" code (error-codes reference). */
const PAIR_RATE_CODE = 131056;

/** When each sender may send next; one entry per phone number ID that sent in this process. */
const nextSlot = new Map<string, number>();

/** Until when a recipient is held back after a 131056, per sender and recipient. */
const heldUntil = new Map<string, number>();

/**
 * Waits for this sender's next send slot: sends are spaced 1/throughput seconds apart, across all
 * items and executions of this process sending from the number, so Meta's per-number cap
 * (https://developers.facebook.com/docs/whatsapp/cloud-api/overview#throughput) is not passed.
 */
export async function paceSend(phoneNumberId: string, perSecond: number): Promise<void> {
	const now = Date.now();
	const at = Math.max(now, nextSlot.get(phoneNumberId) ?? 0);
	nextSlot.set(phoneNumberId, at + 1000 / perSecond);
	if (at > now) await sleep(at - now);
}

/** The recipient part of a body, as the key its pair rate is counted by. */
function recipientKey(phoneNumberId: string, body: IDataObject): string {
	return `${phoneNumberId}|${String(body.to ?? body.recipient ?? '')}`;
}

async function waitForRecipient(key: string): Promise<void> {
	const until = heldUntil.get(key);
	if (until === undefined) return;
	const wait = until - Date.now();
	if (wait <= 0) heldUntil.delete(key);
	else await sleep(wait);
}

function metaCodeOf(error: unknown): number | undefined {
	const code = (error as NodeApiError)?.context?.metaCode;
	return typeof code === 'number' ? code : undefined;
}

/** The item of a send Meta accepted: the message ID and who it went to, as Meta answered. */
export function sentItem(message: OutgoingMessage, response: IDataObject): IDataObject {
	if (message.body.status === 'read') {
		return { success: response.success === true, status: 'read', message_id: message.body.message_id, phone_number_id: message.phoneNumberId };
	}
	const contact = ((response.contacts as IDataObject[] | undefined) ?? [])[0] ?? {};
	const sent = ((response.messages as IDataObject[] | undefined) ?? [])[0] ?? {};
	const item: IDataObject = {
		wamid: sent.id ?? null,
		// Meta adds message_status to template sends only (pacing); any other accepted send is "accepted".
		message_status: sent.message_status ?? 'accepted',
		may_have_been_delivered: false,
		recipient: contact.input ?? message.body.to ?? message.body.recipient,
	};
	if (contact.wa_id !== undefined) item.wa_id = contact.wa_id;
	if (contact.user_id !== undefined) item.user_id = contact.user_id;
	item.phone_number_id = message.phoneNumberId;
	if (message.body.type !== undefined) item.type = message.body.type;
	return item;
}

/** What a send that may have been carried out says, on its item or in its error. */
const DOUBT =
	'The message may have been delivered: Meta gave no clear answer, so it was not sent again. Check the chat or wait for its status webhook before sending it again.';

/** The item of a send that may have been carried out (its connection dropped, timed out or got a 5xx). */
export function uncertainItem(message: OutgoingMessage, error: Error): IDataObject {
	return {
		wamid: null,
		message_status: 'unknown',
		may_have_been_delivered: true,
		recipient: message.body.to ?? message.body.recipient,
		phone_number_id: message.phoneNumberId,
		...(message.body.type !== undefined ? { type: message.body.type } : {}),
		error: error.message,
		description: DOUBT,
	};
}

function withDoubt(error: NodeApiError): NodeApiError {
	error.description = [DOUBT, error.description].filter(Boolean).join('\n');
	error.context.mayHaveBeenDelivered = true;
	return error;
}

/**
 * Sends one message and returns its output item. Waits for the sender's slot and for the recipient
 * when it is held back; a 131056 holds the recipient back and sends again, doubling the wait, as
 * long as the execution's retry-wait budget allows.
 */
export async function sendMessage(this: IExecuteFunctions, itemIndex: number, message: OutgoingMessage): Promise<IDataObject> {
	const options = readSendingOptions(this, itemIndex);
	const body: IDataObject = { messaging_product: 'whatsapp', ...message.body };
	if (options.callbackData && body.status === undefined) body.biz_opaque_callback_data = options.callbackData;
	const key = recipientKey(message.phoneNumberId, body);
	for (let attempt = 0; ; attempt++) {
		await waitForRecipient(key);
		await paceSend(message.phoneNumberId, options.throughput);
		try {
			const path = `/${message.phoneNumberId}/${message.path}`;
			const response = (await graphRequest.call(this, { method: 'POST', path, body, idempotent: message.idempotent, itemIndex })) as IDataObject;
			return sentItem(message, response);
		} catch (error) {
			const delayMs = PAIR_RATE_POLICY.firstDelayMs * 2 ** attempt;
			if (metaCodeOf(error) === PAIR_RATE_CODE && attempt < PAIR_RATE_POLICY.maxRetries && spendRetryWait(this, delayMs)) {
				heldUntil.set(key, Math.max(heldUntil.get(key) ?? 0, Date.now() + delayMs));
				continue;
			}
			if (!(error instanceof NodeApiError) || error.context.mayHaveBeenCarriedOut !== true) throw error;
			if (options.uncertainDelivery === 'fail') throw withDoubt(error);
			return uncertainItem(message, error);
		}
	}
}
