/**
 * Options > Max Event Age (issue 14 point 9), through the HTTP trigger server: events older than
 * it are dropped with a log line; the default (7 days, Meta's retry horizon) keeps recent events
 * and drops replayed old captures; 0 keeps every age.
 */
import { RECENT_TIME, WABA_ID, envelope, messagesChange, referralMessage } from '../support/metaWebhooks';
import { useSandbox } from '../helpers/sandbox';
import { capturedLogLines } from '../helpers/secretScan';
import { MANUAL_SUBSCRIPTION, useTriggerServers, type TriggerServer } from '../helpers/webhook';

const sandbox = useSandbox({ reset: false });
const startTestTrigger = useTriggerServers(sandbox, 'age');
let trigger: TriggerServer;

const HOUR = 3600;
const DAY = 24 * HOUR;
const now = () => Math.floor(Date.now() / 1000);

async function startTrigger(parameters: Record<string, unknown> = {}) {
	trigger = await startTestTrigger({ parameters: { ...MANUAL_SUBSCRIPTION, events: ['adReferral'], ...parameters } });
}

const messageAt = (index: number, seconds: number) => ({ ...referralMessage(index), timestamp: String(seconds) });
const ageLines = () => capturedLogLines().filter((line) => line.includes('(Options > Max Event Age)'));

test('by default an event older than 7 days is dropped with a log line; one of 6 days passes', async () => {
	await startTrigger();
	const before = ageLines().length;
	const payload = envelope([messagesChange([messageAt(1, now() - 8 * DAY), messageAt(2, now() - 6 * DAY), messageAt(3, RECENT_TIME)], [])]);
	const response = await sandbox.sendWebhook({ url: trigger.url, payload });
	expect(response.status).toBe(200);
	expect(trigger.emitted().map((item) => item.messageId)).toEqual([referralMessage(2).id, referralMessage(3).id]);
	expect(ageLines().slice(before)).toEqual([expect.stringContaining('dropped 1 event(s) older than 168 hour(s)')]);
});

test('a replayed capture of 2025 starts nothing and is answered 200', async () => {
	await startTrigger();
	const payload = envelope([messagesChange([messageAt(4, 1751247548)], [])]);
	const response = await sandbox.sendWebhook({ url: trigger.url, payload });
	expect(response).toMatchObject({ status: 200, body: 'Only events older than Max Event Age' });
	expect(trigger.executions).toHaveLength(0);
});

test('a shorter Max Event Age drops a management change by its entry time', async () => {
	await startTrigger({ events: ['templateStatusUpdate'], options: { maxEventAge: 1 } });
	const change = { field: 'message_template_status_update', value: { event: 'APPROVED', message_template_id: 7, message_template_name: 'promo', message_template_language: 'en_US', reason: 'NONE' } };
	const old = { object: 'whatsapp_business_account', entry: [{ id: WABA_ID, time: now() - 2 * HOUR, changes: [change] }] };
	const recent = { object: 'whatsapp_business_account', entry: [{ id: WABA_ID, time: now() - 60, changes: [change] }] };
	await sandbox.sendWebhook({ url: trigger.url, payload: old });
	await sandbox.sendWebhook({ url: trigger.url, payload: recent });
	expect(trigger.executions).toHaveLength(1);
	expect(trigger.emitted()).toEqual([expect.objectContaining({ message_template_name: 'promo', entryTime: recent.entry[0].time })]);
	expect(ageLines().at(-1)).toContain('dropped 1 event(s) older than 1 hour(s)');
});

test('0 keeps events of any age, and an event without a readable time is kept whatever the age', async () => {
	await startTrigger({ options: { maxEventAge: 0 } });
	await sandbox.sendWebhook({ url: trigger.url, payload: envelope([messagesChange([messageAt(5, 1751247548)], [])]) });
	expect(trigger.emitted().map((item) => item.messageId)).toEqual([referralMessage(5).id]);
	await trigger.close();
	await startTrigger({ options: { maxEventAge: 1 } });
	await sandbox.sendWebhook({ url: trigger.url, payload: envelope([messagesChange([{ ...referralMessage(6), timestamp: 'TIMESTAMP' }], [])]) });
	expect(trigger.emitted().map((item) => item.messageId)).toEqual([referralMessage(6).id]);
});
