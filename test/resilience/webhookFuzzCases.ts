/**
 * Seeded generator of webhook requests for the trigger's fuzz suite: valid Meta deliveries (each with
 * new message ids, some re-sent as Meta's retries do; some with a charset in the content type, in
 * UTF-16 or Latin-1, gzip-encoded, or carrying a value nested thousands of levels deep) mixed with
 * bad ones - missing, wrong or truncated signatures, bodies that are not JSON or are cut short,
 * bodies over Meta's 3 MB limit, another `object`, missing and mistyped fields, a byte-order mark or
 * an unknown charset, a gzip body signed as compressed, captures older than Max Event Age. At the
 * end: deliveries of more than 1,000 messages (the first 1,000 count), enough to push the first
 * deliveries out of the trigger's in-process memory, then those first deliveries again.
 * The same seed always gives the same requests.
 */
import { gzipSync } from 'node:zlib';

import { RECENT_TIME, adReferral, contactsOf, envelope, messagesChange, referralDelivery, textMessage, wamid } from '../support/metaWebhooks';
import { seededRandom, type SeededRandom } from '../support/random';
import { signWebhookBody as sign, signedWebhookHeaders as jsonHeaders } from '../support/signature';
import { malformedNewEvent, validNewEvent } from './webhookFuzzEvents';

export type FuzzKind =
	| 'valid'
	| 'validRetry'
	| 'missingSignature'
	| 'wrongSignature'
	| 'truncatedSignature'
	| 'malformedSignature'
	| 'notJson'
	| 'truncatedJson'
	| 'oversizedBody'
	| 'wrongObject'
	| 'missingField'
	| 'mistypedField'
	| 'charset'
	| 'gzip'
	| 'deepNesting'
	| 'badCharset'
	| 'gzipSignedCompressed'
	| 'staleCapture'
	| 'hugeCount'
	| 'lateReplay'
	| 'newEvent'
	| 'newEventMalformed';

export interface FuzzRequest {
	index: number;
	kind: FuzzKind;
	/** What was changed, for a readable failure message. */
	detail: string;
	rawBody: Buffer;
	headers: Record<string, string>;
	/** Message ids this request must make the trigger emit (empty for bad requests and retries). */
	expectIds: string[];
	/** Message ids inside a bad request: none may ever be emitted. */
	badIds: string[];
}

export const BAD_ID_MARK = 'FUZZBAD';
export const GOOD_ID_MARK = 'FUZZOK';

const BAD_KINDS: FuzzKind[] = [
	'missingSignature',
	'wrongSignature',
	'truncatedSignature',
	'malformedSignature',
	'notJson',
	'truncatedJson',
	'oversizedBody',
	'wrongObject',
	'missingField',
	'mistypedField',
	'badCharset',
	'gzipSignedCompressed',
	'staleCapture',
	'newEventMalformed',
];

/** Valid deliveries sent in an unusual but acceptable form; each must be emitted once. */
const ODD_VALID_KINDS: FuzzKind[] = ['charset', 'gzip', 'deepNesting'];
/** Kinds whose messages the trigger must emit, once (retries and replays: not again). */
const GOOD_KINDS = new Set<FuzzKind>(['valid', 'validRetry', 'hugeCount', 'lateReplay', 'newEvent', ...ODD_VALID_KINDS]);

/** Every way a field can be missing: a path into the envelope and what to do there. */
type Mutation = { detail: string; apply: (payload: any) => void };

const MISSING: Mutation[] = [
	{ detail: 'no object', apply: (p) => delete p.object },
	{ detail: 'no entry', apply: (p) => delete p.entry },
	{ detail: 'empty entry', apply: (p) => (p.entry = []) },
	{ detail: 'entry without changes', apply: (p) => delete p.entry[0].changes },
	{ detail: 'change without value', apply: (p) => delete p.entry[0].changes[0].value },
	{ detail: 'change without field', apply: (p) => delete p.entry[0].changes[0].field },
	{ detail: 'value without messages', apply: (p) => delete p.entry[0].changes[0].value.messages },
	{ detail: 'message without id', apply: (p) => delete p.entry[0].changes[0].value.messages[0].id },
	{ detail: 'message without referral', apply: (p) => delete p.entry[0].changes[0].value.messages[0].referral },
	{ detail: 'empty body object', apply: (p) => Object.keys(p).forEach((key) => delete p[key]) },
];

const MISTYPED: Mutation[] = [
	{ detail: 'object is a number', apply: (p) => (p.object = 42) },
	{ detail: 'entry is an object', apply: (p) => (p.entry = { ...p.entry[0] }) },
	{ detail: 'entry is a string', apply: (p) => (p.entry = 'entry') },
	{ detail: 'entry element is null', apply: (p) => (p.entry = [null]) },
	{ detail: 'changes is a string', apply: (p) => (p.entry[0].changes = 'changes') },
	{ detail: 'change is a number', apply: (p) => (p.entry[0].changes = [7]) },
	{ detail: 'value is an array', apply: (p) => (p.entry[0].changes[0].value = [p.entry[0].changes[0].value]) },
	{ detail: 'value is null', apply: (p) => (p.entry[0].changes[0].value = null) },
	{ detail: 'field is a number', apply: (p) => (p.entry[0].changes[0].field = 1) },
	{ detail: 'messages is an object', apply: (p) => (p.entry[0].changes[0].value.messages = { ...p.entry[0].changes[0].value.messages[0] }) },
	{ detail: 'messages is a string', apply: (p) => (p.entry[0].changes[0].value.messages = 'messages') },
	{ detail: 'message is null', apply: (p) => (p.entry[0].changes[0].value.messages = [null]) },
	{ detail: 'message is a string', apply: (p) => (p.entry[0].changes[0].value.messages = ['wamid.' + BAD_ID_MARK]) },
	{ detail: 'message id is a number', apply: (p) => (p.entry[0].changes[0].value.messages[0].id = 12345) },
	{ detail: 'message id is an object', apply: (p) => (p.entry[0].changes[0].value.messages[0].id = { id: `wamid.${BAD_ID_MARK}` }) },
	{ detail: 'referral is a string', apply: (p) => (p.entry[0].changes[0].value.messages[0].referral = 'https://fb.me/ad') },
	{ detail: 'referral is an array', apply: (p) => (p.entry[0].changes[0].value.messages[0].referral = [p.entry[0].changes[0].value.messages[0].referral]) },
	{ detail: 'referral is null', apply: (p) => (p.entry[0].changes[0].value.messages[0].referral = null) },
	{ detail: 'referral is a number', apply: (p) => (p.entry[0].changes[0].value.messages[0].referral = 3) },
	{ detail: 'body is an array', apply: () => undefined },
];

export interface FuzzOptions {
	seed: number;
	wabaId: string;
	appSecret: string;
	/** How many bad requests (the suite uses at least 10,000). */
	badCount: number;
	/** How many valid deliveries are mixed in. */
	validCount: number;
	/** Share of valid deliveries sent a second time later, as Meta retries (default 0.2). */
	retryRate?: number;
	/** How many of the bad requests are over 3 MB (they are slow to build and sign). */
	oversizedCount?: number;
	/** How many valid deliveries of each odd form (charset, gzip, deep nesting) are mixed in (default 30). */
	oddCount?: number;
	/** Deliveries of more than 1,000 messages sent at the end (default 9: past the trigger's in-process memory). */
	hugeCount?: number;
	/** Valid deliveries of issue 16's events (default 150), retried like the others. */
	newEventCount?: number;
}

function validPayload(random: SeededRandom, wabaId: string, ids: string[], time = RECENT_TIME) {
	return referralDelivery({ wabaId, ids, time: time + random.int(0, 1000), messageTime: time, from: () => String(16505550000 + random.int(0, 9999)) });
}

/** A valid delivery in an odd form: a charset (UTF-16 and Latin-1 bodies too), gzip, or a very deep value. */
function oddDelivery(kind: FuzzKind, random: SeededRandom, payload: any, secret: string): { body: Buffer; headers: Record<string, string>; detail: string } {
	if (kind === 'gzip') {
		const json = Buffer.from(JSON.stringify(payload));
		// Meta signs the JSON; n8n inflates the body before the node reads it.
		return { body: gzipSync(json), headers: { ...jsonHeaders(json, secret), 'content-encoding': 'gzip' }, detail: 'gzip, signed over the JSON' };
	}
	if (kind === 'deepNesting') {
		const depth = random.int(1_000, 20_000);
		const json = JSON.stringify(payload).replace('"messaging_product":"whatsapp"', `"nested":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)},"messaging_product":"whatsapp"`);
		const body = Buffer.from(json);
		return { body, headers: jsonHeaders(body, secret), detail: `a value ${depth} levels deep` };
	}
	const variant = random.int(0, 4);
	if (variant === 3) payload.entry[0].changes[0].value.contacts = [{ profile: { name: 'José Müller' }, wa_id: '16505551234' }];
	const text = JSON.stringify(payload);
	const [charset, body] = [
		['charset=utf-8', Buffer.from(text)],
		['charset=UTF-8', Buffer.from(text)],
		['charset="utf-8"', Buffer.from(text)],
		['charset=latin1', Buffer.from(text, 'latin1')],
		['charset=utf-16le', Buffer.from(text, 'utf16le')],
	][variant] as [string, Buffer];
	return { body, headers: { 'content-type': `application/json; ${charset}`, 'x-hub-signature-256': sign(body, secret) }, detail: charset };
}

export function generateFuzzRequests(options: FuzzOptions): FuzzRequest[] {
	const random = seededRandom(options.seed);
	const retryRate = options.retryRate ?? 0.2;
	const oversizedCount = options.oversizedCount ?? 12;
	const requests: FuzzRequest[] = [];
	let goodCounter = 0;
	let badCounter = 0;
	const goodIds = (count: number) => Array.from({ length: count }, () => wamid(GOOD_ID_MARK, goodCounter++));
	const badIds = (count: number) => Array.from({ length: count }, () => wamid(BAD_ID_MARK, badCounter++));

	// The bad kinds in a seeded order, oversized ones limited to a few.
	const kinds: FuzzKind[] = [];
	for (let i = 0; i < oversizedCount; i++) kinds.push('oversizedBody');
	const regular = BAD_KINDS.filter((kind) => kind !== 'oversizedBody');
	while (kinds.length < options.badCount) kinds.push(regular[kinds.length % regular.length]);
	const valids: FuzzKind[] = Array.from({ length: options.validCount }, () => 'valid');
	for (const kind of ODD_VALID_KINDS) for (let i = 0; i < (options.oddCount ?? 30); i++) valids.push(kind);
	for (let i = 0; i < (options.newEventCount ?? 150); i++) valids.push('newEvent');
	const all = [...kinds, ...valids];
	for (let i = all.length - 1; i > 0; i--) {
		const j = Math.floor(random.next() * (i + 1));
		[all[i], all[j]] = [all[j], all[i]];
	}

	// One oversized body, built once: valid JSON, correctly signed, over Meta's 3 MB payload limit.
	let oversized: { body: Buffer; ids: string[] } | undefined;
	const sentValid: FuzzRequest[] = [];

	for (const kind of all) {
		const index = requests.length;
		const secret = options.appSecret;
		if (kind === 'valid' || kind === 'newEvent') {
			const ids = goodIds(kind === 'valid' ? random.int(1, 3) : 1);
			const payload = kind === 'valid' ? validPayload(random, options.wabaId, ids) : validNewEvent(random, options.wabaId, ids[0]);
			const body = Buffer.from(JSON.stringify(payload));
			const detail = kind === 'valid' ? `${ids.length} message(s)` : String((payload.entry as Array<{ changes: Array<{ field: string }> }>)[0].changes[0].field);
			const request: FuzzRequest = { index, kind, detail, rawBody: body, headers: jsonHeaders(body, secret), expectIds: ids, badIds: [] };
			requests.push(request);
			if (kind === 'valid') sentValid.push(request);
			// Meta re-sends a delivery it thinks failed, byte for byte; it must not emit twice.
			if (random.chance(retryRate)) {
				requests.push({ ...request, index: requests.length, kind: 'validRetry', detail: `retry of #${index}`, expectIds: [] });
			}
			continue;
		}
		if (ODD_VALID_KINDS.includes(kind)) {
			const ids = goodIds(random.int(1, 3));
			const { body, headers, detail } = oddDelivery(kind, random, validPayload(random, options.wabaId, ids), secret);
			requests.push({ index, kind, detail, rawBody: body, headers, expectIds: ids, badIds: [] });
			continue;
		}
		// Field mutations touch the first change and message, so those payloads carry just one.
		const ids = badIds(kind === 'missingField' || kind === 'mistypedField' ? 1 : random.int(1, 2));
		const payload = validPayload(random, options.wabaId, ids) as any;
		let body = Buffer.from(JSON.stringify(payload));
		let headers: Record<string, string> = jsonHeaders(body, secret);
		let detail: string = kind;
		switch (kind) {
			case 'badCharset': {
				const variant = random.int(0, 1);
				// n8n decodes with the charset and its JSON parser refuses a byte-order mark; an unknown charset cannot be decoded.
				if (variant === 0) body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]);
				headers = { 'content-type': variant === 0 ? 'application/json' : 'application/json; charset=klingon', 'x-hub-signature-256': sign(body, secret) };
				detail = ['byte-order mark', 'unknown charset'][variant];
				break;
			}
			case 'gzipSignedCompressed':
				body = gzipSync(body);
				headers = { ...jsonHeaders(body, secret), 'content-encoding': 'gzip' };
				detail = 'gzip, signed over the compressed bytes';
				break;
			case 'staleCapture': {
				const days = random.int(8, 400);
				body = Buffer.from(JSON.stringify(validPayload(random, options.wabaId, ids, RECENT_TIME - days * 86_400)));
				headers = jsonHeaders(body, secret);
				detail = `${days} days old`;
				break;
			}
			case 'missingSignature':
				delete headers['x-hub-signature-256'];
				break;
			case 'wrongSignature': {
				const variant = random.int(0, 2);
				if (variant === 0) headers['x-hub-signature-256'] = sign(body, `${secret}-old`);
				else if (variant === 1) headers['x-hub-signature-256'] = sign(Buffer.concat([body, Buffer.from(' ')]), secret);
				else headers['x-hub-signature-256'] = `sha256=${'0'.repeat(64)}`;
				detail = ['other secret', 'other body', 'zeros'][variant];
				break;
			}
			case 'truncatedSignature': {
				const full = sign(body, secret);
				const cut = random.int(0, full.length - 1);
				headers['x-hub-signature-256'] = full.slice(0, cut);
				detail = `signature cut at ${cut}`;
				break;
			}
			case 'malformedSignature': {
				const hex = sign(body, secret).slice('sha256='.length);
				const variant = random.int(0, 4);
				headers['x-hub-signature-256'] = [hex, `sha256=${hex.slice(0, 63)}g`, `sha1=${hex.slice(0, 40)}`, `sha256= ${hex}`, `sha256=${hex}${hex}`][variant];
				detail = ['bare hex', 'non-hex digit', 'sha1 prefix', 'space after =', 'doubled'][variant];
				break;
			}
			case 'notJson': {
				const variant = random.int(0, 3);
				body = Buffer.from(
					[
						'object=whatsapp_business_account&entry=1',
						`<xml><id>wamid.${BAD_ID_MARK}</id></xml>`,
						Array.from({ length: random.int(1, 200) }, () => String.fromCharCode(random.int(0, 255))).join(''),
						'',
					][variant],
					variant === 2 ? 'latin1' : 'utf8',
				);
				headers = { 'content-type': random.pick(['application/json', 'text/plain', 'application/octet-stream', 'application/x-www-form-urlencoded']), 'x-hub-signature-256': sign(body, secret) };
				detail = ['form text', 'xml', 'random bytes', 'empty'][variant];
				break;
			}
			case 'truncatedJson': {
				const cut = random.int(1, body.length - 1);
				body = body.subarray(0, cut);
				headers = { 'content-type': random.pick(['application/json', 'text/plain', '']), 'x-hub-signature-256': sign(body, secret) };
				if (!headers['content-type']) delete headers['content-type'];
				detail = `cut at ${cut}`;
				break;
			}
			case 'oversizedBody': {
				if (!oversized) {
					const many = badIds(6_000);
					const big = validPayload(random, options.wabaId, many) as any;
					big.entry[0].changes[0].value.padding = 'p'.repeat(2 * 1024 * 1024);
					oversized = { body: Buffer.from(JSON.stringify(big)), ids: many };
				}
				body = oversized.body;
				headers = jsonHeaders(body, secret);
				ids.push(...oversized.ids.slice(0, 3));
				detail = `${(body.length / 1024 / 1024).toFixed(1)} MB`;
				break;
			}
			case 'wrongObject':
				payload.object = random.pick(['page', 'instagram', 'whatsapp_business_accounts', 'WHATSAPP_BUSINESS_ACCOUNT', '']);
				body = Buffer.from(JSON.stringify(payload));
				headers = jsonHeaders(body, secret);
				detail = `object "${payload.object}"`;
				break;
			case 'newEventMalformed': {
				const malformed = malformedNewEvent(random, options.wabaId, ids[0]);
				body = Buffer.from(JSON.stringify(malformed.payload));
				headers = jsonHeaders(body, secret);
				detail = malformed.detail;
				break;
			}
			case 'missingField':
			case 'mistypedField': {
				const mutation = random.pick(kind === 'missingField' ? MISSING : MISTYPED);
				mutation.apply(payload);
				const value = mutation.detail === 'body is an array' ? [payload] : payload;
				body = Buffer.from(JSON.stringify(value));
				headers = jsonHeaders(body, secret);
				detail = mutation.detail;
				break;
			}
		}
		requests.push({ index, kind, detail, rawBody: body, headers, expectIds: [], badIds: ids });
	}
	requests.push(...hugeThenReplays(random, options, sentValid, goodIds, badIds));
	// Renumber after retries were inserted.
	requests.forEach((request, index) => (request.index = index));
	return requests;
}

/** All messages in one change, as Meta batches a busy number's messages. */
function oneChangeDelivery(wabaId: string, ids: string[]) {
	const messages = ids.map((id) => textMessage({ id, referral: adReferral({ ctwa_clid: `ARAkLkA8rmlFeiCktEJQ-QTwRiy${id.slice(-10)}` }) }));
	return envelope([messagesChange(messages, contactsOf(messages))], wabaId, RECENT_TIME);
}

/**
 * Deliveries of 1,001 to 1,500 messages (the trigger takes the first 1,000 of a POST: those past it
 * are marked bad), together more events than the trigger's in-process memory holds, then the first
 * valid deliveries again byte for byte: only n8n's deduplication store can still recognise them.
 */
function hugeThenReplays(random: SeededRandom, options: FuzzOptions, sentValid: FuzzRequest[], goodIds: (count: number) => string[], badIds: (count: number) => string[]): FuzzRequest[] {
	const requests: FuzzRequest[] = [];
	for (let i = 0; i < (options.hugeCount ?? 9); i++) {
		const taken = goodIds(1_000);
		const dropped = badIds(random.int(1, 500));
		const ids = [...taken, ...dropped];
		const payload = random.chance(0.5) ? oneChangeDelivery(options.wabaId, ids) : validPayload(random, options.wabaId, ids);
		const body = Buffer.from(JSON.stringify(payload));
		requests.push({ index: 0, kind: 'hugeCount', detail: `${ids.length} messages`, rawBody: body, headers: jsonHeaders(body, options.appSecret), expectIds: taken, badIds: dropped });
	}
	for (const earlier of sentValid.slice(0, 20)) requests.push({ ...earlier, kind: 'lateReplay', detail: `replay of #${earlier.index} after the in-process memory`, expectIds: [] });
	return requests;
}

export const isBad = (request: FuzzRequest) => !GOOD_KINDS.has(request.kind);
