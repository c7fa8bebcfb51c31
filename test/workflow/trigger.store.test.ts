/**
 * The trigger's execute() against n8n's deduplication store when executions race on it: the store
 * stand-in (test/helpers/webhook.ts) reads and writes back one row per node as n8n's does, so
 * overlapping calls lose updates and two first calls race on the insert, unless the node prevents it.
 */
import { envelope, messagesChange, referralMessage } from '../support/metaWebhooks';
import { useSandbox } from '../helpers/sandbox';
import { capturedLogLines } from '../helpers/secretScan';
import { MANUAL_SUBSCRIPTION, deduplicator, useTriggerServers, type TriggerServer } from '../helpers/webhook';
import { clearProcessMemory } from '../../nodes/WhatsAppBusinessManagementTrigger/WhatsAppBusinessManagementTrigger.node';

const sandbox = useSandbox({ reset: false });
// Declared before useTriggerServers, so it runs before the server closes (afterEach hooks run in declaration order).
afterEach(() => {
	deduplicator.interleave = undefined;
});
const startTestTrigger = useTriggerServers(sandbox, 'store');
let trigger: TriggerServer;

async function startTrigger() {
	trigger = await startTestTrigger({ parameters: { ...MANUAL_SUBSCRIPTION } });
}

const deliveryOf = (index: number) => envelope([messagesChange([referralMessage(index)], [])]);
const deliver = (index: number) => sandbox.sendWebhook({ url: trigger.url, payload: deliveryOf(index) });
const storeHolds = (deliveryId: unknown) => deduplicator.holds(trigger.workflowId, trigger.node, String(deliveryId));
const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));
const uncheckedWarnings = () => capturedLogLines().filter((line) => line.includes('events pass unchecked')).length;

test('50 executions of distinct deliveries at once: every delivery ID is in the store', async () => {
	await startTrigger();
	// Each call yields between its read and its write, as a database round trip does.
	deduplicator.interleave = nextTick;
	const responses = await Promise.all(Array.from({ length: 50 }, (_, index) => deliver(1000 + index)));
	expect(responses.map((response) => response.status)).toEqual(Array(50).fill(200));
	expect(trigger.executions).toHaveLength(50);
	const ids = trigger.executions.map((execution) => execution.items[0]?.json.deliveryId);
	expect(new Set(ids).size).toBe(50);
	expect(ids.filter((id) => !storeHolds(id))).toEqual([]);
	// And so, after a restart, all 50 re-deliveries are dropped.
	clearProcessMemory();
	await Promise.all(Array.from({ length: 50 }, (_, index) => deliver(1000 + index)));
	expect(trigger.executions.slice(50).map((execution) => execution.items.length)).toEqual(Array(50).fill(0));
});

test('the first-write race (another process inserted the row first) is retried: the delivery is recorded, not passed unchecked', async () => {
	await startTrigger();
	const warningsBefore = uncheckedWarnings();
	let raced = false;
	deduplicator.interleave = (moment, key, store) => {
		if (moment !== 'afterRead' || raced) return;
		raced = true;
		store.set(key, ['another-process-delivery']);
	};
	await deliver(2000);
	expect(raced).toBe(true);
	expect(uncheckedWarnings()).toBe(warningsBefore);
	const [execution] = trigger.executions;
	expect(execution.items.map((item) => item.json.messageId)).toEqual([referralMessage(2000).id]);
	expect(storeHolds(execution.items[0].json.deliveryId)).toBe(true);
	// The other process's entry survived too.
	expect(deduplicator.store.get(`${trigger.workflowId}|n:${trigger.node.id}`)).toContain('another-process-delivery');
	clearProcessMemory();
	await deliver(2000);
	expect(trigger.executions[1].items).toEqual([]);
});

test("a concurrent writer in another process overwrites our entry: the read-back finds it missing and records it again", async () => {
	await startTrigger();
	await deliver(3000);
	let overwritten = false;
	deduplicator.interleave = (moment, key, store) => {
		if (moment !== 'afterWrite' || overwritten) return;
		overwritten = true;
		// The other process read the row before our write and now writes back what it read plus its own.
		store.set(key, [...(store.get(key) ?? []).slice(0, 1), 'another-process-delivery']);
	};
	await deliver(3001);
	expect(overwritten).toBe(true);
	const second = trigger.executions[1];
	expect(second.items.map((item) => item.json.messageId)).toEqual([referralMessage(3001).id]);
	expect(storeHolds(second.items[0].json.deliveryId)).toBe(true);
	expect(storeHolds(trigger.executions[0].items[0].json.deliveryId)).toBe(true);
	deduplicator.interleave = undefined;
	clearProcessMemory();
	await deliver(3001);
	expect(trigger.executions[2].items).toEqual([]);
});

test('a restart between deliveries and their re-deliveries emits no event twice', async () => {
	await startTrigger();
	deduplicator.interleave = nextTick;
	for (let batch = 0; batch < 4; batch++) await Promise.all(Array.from({ length: 8 }, (_, index) => deliver(4000 + batch * 8 + index)));
	clearProcessMemory();
	for (let batch = 0; batch < 4; batch++) await Promise.all(Array.from({ length: 8 }, (_, index) => deliver(4000 + batch * 8 + index)));
	const emitted = trigger.emitted().map((item) => item.messageId);
	expect(emitted).toHaveLength(32);
	expect(new Set(emitted).size).toBe(32);
	expect(trigger.executions).toHaveLength(64);
});

test('with the store down for another reason, items pass (a lead seen twice beats a lead lost) and the log says so', async () => {
	await startTrigger();
	deduplicator.interleave = () => {
		throw new Error('SQLITE_BUSY: database is locked');
	};
	const warningsBefore = uncheckedWarnings();
	await deliver(5000);
	expect(uncheckedWarnings()).toBe(warningsBefore + 1);
	expect(trigger.executions[0].items.map((item) => item.json.messageId)).toEqual([referralMessage(5000).id]);
	expect(storeHolds(trigger.executions[0].items[0].json.deliveryId)).toBe(false);
});
