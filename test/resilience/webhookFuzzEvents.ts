/**
 * The webhook events of issue 16 in the fuzz suite: valid deliveries of each new field and of
 * identity changes (one item each, tagged with a fuzz ID the suite counts), and malformed variants
 * of each (a documented key missing, of the wrong type, empty or huge; an array where an object
 * belongs; a value nested thousands deep), which must give no item. Payloads come from the one
 * builder of Meta's documented shapes (test/support/metaEvents.ts).
 */
import { FLAT_EXAMPLES, automaticEventsPayload, flatChangePayload, historyPayload, identityChangePayload, messageEchoesPayload, userPreferencesPayload } from '../support/metaEvents';
import { RECENT_TIME } from '../support/metaWebhooks';
import type { SeededRandom } from '../support/random';

/** The Events options of issue 16, selected by the fuzz trigger beside Ad Referral. */
export const NEW_EVENTS = ['automaticEvent', 'userPreference', 'messageEcho', 'history', 'accountReviewUpdate', 'accountAlert', 'securityUpdate', 'businessCapabilityUpdate', 'templateComponentsUpdate', 'identityChange'];

/**
 * The ID the suite counts an item by: the message ID, else the user ID of a preference, else the
 * `fuzz_tag` a flat change carries through (the trigger copies a flat value's keys untouched).
 */
export function fuzzIdOf(item: Record<string, unknown>): string {
	return String(item.messageId ?? item.userId ?? item.fuzz_tag ?? item.eventId ?? '');
}

type Json = Record<string, unknown>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const valueOf = (payload: any): any => payload.entry[0].changes[0].value;
const FLAT_FIELDS = Object.keys(FLAT_EXAMPLES);

/** A valid delivery of one new event (each field, and an identity change) whose item the suite finds by `tag`. */
export const VALID: Array<(wabaId: string, tag: string) => Json> = [
	(wabaId, tag) => automaticEventsPayload({ wabaId, time: RECENT_TIME, events: [{ id: tag, eventName: 'Purchase', ctwaClid: `clid-${tag.slice(-12)}`, value: 10, currency: 'EUR' }] }),
	(wabaId, tag) => userPreferencesPayload({ wabaId, time: RECENT_TIME, preferences: [{ name: 'Fuzz', userId: tag, value: 'stop' }] }),
	(wabaId, tag) => messageEchoesPayload({ wabaId, time: RECENT_TIME, echoes: [{ id: tag, to: '16505550100', text: 'echo' }] }),
	(wabaId, tag) => historyPayload({ wabaId, time: RECENT_TIME, threads: [{ id: '16505550101', messages: [{ id: tag, from: '16505550101', text: 'old chat' }] }] }),
	(wabaId, tag) => identityChangePayload({ wabaId, time: RECENT_TIME, change: { type: 'user_changed_user_id', messageId: tag, previousUserId: 'US.FUZZ.1', userId: 'US.FUZZ.2' } }),
	...FLAT_FIELDS.map((field) => (wabaId: string, tag: string) => flatChangePayload({ wabaId, time: RECENT_TIME, field, value: { ...FLAT_EXAMPLES[field], fuzz_tag: tag } })),
];

export function validNewEvent(random: SeededRandom, wabaId: string, tag: string): Json {
	return random.pick(VALID)(wabaId, tag);
}

interface Malformed {
	detail: string;
	build: (wabaId: string, tag: string) => Json;
}

const corrupt = (payload: Json, change: (value: Record<string, any>) => void): Json => {
	change(valueOf(payload));
	return payload;
};
const HUGE = 'h'.repeat(300_000);
const DEEP = (depth: number) => JSON.parse(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);

/** For each field, its ways of being malformed; `tag` sits where an item would carry it. */
const MALFORMED: Malformed[] = [
	{ detail: 'automatic_events: no ctwa_clid', build: (w, t) => corrupt(VALID[0](w, t), (v) => delete v.automatic_events[0].ctwa_clid) },
	{ detail: 'automatic_events: event_name a number', build: (w, t) => corrupt(VALID[0](w, t), (v) => (v.automatic_events[0].event_name = 4)) },
	{ detail: 'automatic_events: an object, not a list', build: (w, t) => corrupt(VALID[0](w, t), (v) => (v.automatic_events = v.automatic_events[0])) },
	{ detail: 'automatic_events: a huge ctwa_clid', build: (w, t) => corrupt(VALID[0](w, t), (v) => (v.automatic_events[0].ctwa_clid = HUGE)) },
	{ detail: 'automatic_events: custom_data 3,000 deep', build: (w, t) => corrupt(VALID[0](w, t), (v) => (v.automatic_events[0].custom_data = DEEP(3_000))) },
	{ detail: 'user_preferences: no value', build: (w, t) => corrupt(VALID[1](w, t), (v) => delete v.user_preferences[0].value) },
	{ detail: 'user_preferences: value an array', build: (w, t) => corrupt(VALID[1](w, t), (v) => (v.user_preferences[0].value = ['stop'])) },
	{ detail: 'user_preferences: no user', build: (w, t) => corrupt(VALID[1](w, t), (v) => (v.user_preferences[0] = { ...v.user_preferences[0], user_id: '', wa_id: '', detail: t })) },
	{ detail: 'smb_message_echoes: no type', build: (w, t) => corrupt(VALID[2](w, t), (v) => delete v.message_echoes[0].type) },
	{ detail: 'smb_message_echoes: an echo that is a string', build: (w, t) => corrupt(VALID[2](w, t), (v) => (v.message_echoes = [t])) },
	{ detail: 'history: message id empty, chunk metadata a string', build: (w, t) => corrupt(VALID[3](w, t), (v) => ((v.history[0].threads[0].messages[0].id = ''), (v.history[0].metadata = t))) },
	{ detail: 'history: threads an object', build: (w, t) => corrupt(VALID[3](w, t), (v) => ((v.history[0].threads = v.history[0].threads[0]), delete v.history[0].metadata)) },
	{ detail: 'identity change naming nobody', build: (w, t) => identityChangePayload({ wabaId: w, time: RECENT_TIME, change: { type: 'user_changed_user_id', messageId: t } }) },
	{ detail: 'identity change with system an array', build: (w, t) => corrupt(VALID[4](w, t), (v) => (v.messages[0].system = [v.messages[0].system])) },
	{ detail: 'account_review_update: decision missing', build: (w, t) => flatChangePayload({ wabaId: w, time: RECENT_TIME, field: 'account_review_update', value: { fuzz_tag: t } }) },
	{ detail: 'account_review_update: decision huge', build: (w, t) => flatChangePayload({ wabaId: w, time: RECENT_TIME, field: 'account_review_update', value: { decision: HUGE, fuzz_tag: t } }) },
	{ detail: 'account_alerts: alert_info an array', build: (w, t) => corrupt(VALID[5 + FLAT_FIELDS.indexOf('account_alerts')](w, t), (v) => (v.alert_info = [v.alert_info])) },
	{ detail: 'security: event empty', build: (w, t) => corrupt(VALID[5 + FLAT_FIELDS.indexOf('security')](w, t), (v) => (v.event = '')) },
	{ detail: 'business_capability_update: limits as strings', build: (w, t) => flatChangePayload({ wabaId: w, time: RECENT_TIME, field: 'business_capability_update', value: { max_daily_conversations_per_business: '2000', fuzz_tag: t } }) },
	{ detail: 'message_template_components_update: no template ID', build: (w, t) => corrupt(VALID[5 + FLAT_FIELDS.indexOf('message_template_components_update')](w, t), (v) => delete v.message_template_id) },
	{ detail: 'a new field whose value is an array', build: (w, t) => corrupt(VALID[5](w, t), (v) => Object.keys(v).forEach((key) => (v[key] = [v[key]]))) },
];

export function malformedNewEvent(random: SeededRandom, wabaId: string, tag: string): { payload: Json; detail: string } {
	const variant = random.pick(MALFORMED);
	return { payload: variant.build(wabaId, tag), detail: variant.detail };
}
