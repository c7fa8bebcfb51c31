/** The trigger under hostile or odd signed input (issue 14 points 7 and 8), through the HTTP trigger server. */
import { RECENT_TIME, WABA_ID, envelope, messagesChange, referralMessage, templateStatusChange } from '../support/metaWebhooks';
import { useSandbox } from '../helpers/sandbox';
import { capturedLogLines } from '../helpers/secretScan';
import { MANUAL_SUBSCRIPTION, useTriggerServers, type TriggerServer } from '../helpers/webhook';

const sandbox = useSandbox({ reset: false });
const startTestTrigger = useTriggerServers(sandbox, 'hostile');
let trigger: TriggerServer;

async function startTrigger(events: string[]) {
	trigger = await startTestTrigger({ parameters: { ...MANUAL_SUBSCRIPTION, events } });
}

const statusChange = (name: string) => templateStatusChange({ templateId: 1, name });

test('a signed change nested 20,000 levels deep is skipped with a log line; the POST gets 200 and the other changes pass', async () => {
	await startTrigger(['templateStatusUpdate']);
	const deep = `{"field":"message_template_status_update","value":{"event":"APPROVED","nested":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}}}`;
	const rawBody = `{"object":"whatsapp_business_account","entry":[{"id":"${WABA_ID}","time":${RECENT_TIME},"changes":[${JSON.stringify(statusChange('before'))},${deep},${JSON.stringify(statusChange('after'))}]}]}`;
	const response = await sandbox.sendWebhook({ url: trigger.url, rawBody });
	expect(response.status).toBe(200);
	expect(trigger.emitted().map((item) => item.message_template_name)).toEqual(['before', 'after']);
	expect(capturedLogLines().filter((line) => line.includes('nested deeper than 64 levels'))).toHaveLength(1);
});

test('at most 1,000 events are taken from one POST; the rest is dropped with a log line', async () => {
	await startTrigger(['adReferral']);
	const changes = Array.from({ length: 1_200 }, (_, index) => messagesChange([referralMessage(index)], []));
	const response = await sandbox.sendWebhook({ url: trigger.url, payload: envelope(changes) });
	expect(response.status).toBe(200);
	const items = trigger.emitted();
	expect(items).toHaveLength(1_000);
	expect(items[999].messageId).toBe(referralMessage(999).id);
	expect(capturedLogLines().some((line) => line.includes('dropped 200 update(s) past the first 1000 events'))).toBe(true);
});

test('a 3 MB body of tiny changes is answered within a second and does not hold the event loop', async () => {
	await startTrigger(['templateStatusUpdate']);
	const tiny = '{"field":"message_template_status_update","value":{"event":"APPROVED"}}';
	const count = Math.floor((3 * 1024 * 1024 - 200) / (tiny.length + 1));
	const rawBody = `{"object":"whatsapp_business_account","entry":[{"id":"${WABA_ID}","time":${RECENT_TIME},"changes":[${Array(count).fill(tiny).join(',')}]}]}`;
	expect(Buffer.byteLength(rawBody)).toBeLessThanOrEqual(3 * 1024 * 1024);
	// The event loop's longest stall while the POST is handled (a timer that should fire every 10 ms).
	let longestStall = 0;
	let last = performance.now();
	const timer = setInterval(() => {
		const now = performance.now();
		longestStall = Math.max(longestStall, now - last);
		last = now;
	}, 10);
	const started = performance.now();
	const response = await sandbox.sendWebhook({ url: trigger.url, rawBody });
	const elapsed = performance.now() - started;
	clearInterval(timer);
	expect(response.status).toBe(200);
	// Identical changes are one event: one item.
	expect(trigger.emitted()).toHaveLength(1);
	expect(elapsed).toBeLessThan(1_000);
	expect(longestStall).toBeLessThan(1_000);
});
