/**
 * Message sends under chaos: a send that may have been carried out (server error, dropped
 * connection, timeout) is never sent again and says so; throttled sends are retried until each is
 * sent exactly once; a pair-rate refusal (131056) holds back that recipient only; sends are paced to
 * the sender's throughput. The sandbox's store of accepted messages is the proof of "sent once".
 */
import type { IDataObject } from 'n8n-workflow';

import { PAIR_RATE_POLICY } from '../../nodes/WhatsAppBusinessManagement/actions/message/send';
import { DEFAULT_RETRY_POLICY } from '../../nodes/shared/graph';
import { useSandbox } from '../helpers/sandbox';
import { jsonOf, runNode, sandboxCredential } from '../helpers/workflow';
import { messagingOf } from '../sandbox/messaging/store';
import { MESSAGE_SENDER, MESSAGE_USER, seedMessaging } from './messageScenarios';

const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const users = (count: number) => Array.from({ length: count }, (_, n) => `1650555${String(2000 + n).padStart(4, '0')}`);

describe('message chaos: doubtful sends, throttling, pair rate and pacing', () => {
	const sandbox = useSandbox();
	const savedRetry = { ...DEFAULT_RETRY_POLICY };
	const savedPair = { ...PAIR_RATE_POLICY };

	beforeAll(() => {
		DEFAULT_RETRY_POLICY.baseDelayMs = 2;
		DEFAULT_RETRY_POLICY.maxDelayMs = 20;
		PAIR_RATE_POLICY.firstDelayMs = 300;
	});
	afterAll(() => {
		Object.assign(DEFAULT_RETRY_POLICY, savedRetry);
		Object.assign(PAIR_RATE_POLICY, savedPair);
	});
	beforeEach(() => seedMessaging(sandbox));

	const openWindows = (numbers: string[]) => sandbox.seed({ contacts: numbers.map((wa_id) => ({ wa_id, windowOpen: true })) });
	const accepted = () => messagingOf(sandbox.state).sent;
	const sendCalls = () => sandbox.requestsTo('POST', `/${MESSAGE_SENDER}/messages`);
	const run = (items: IDataObject[], parameters: IDataObject = {}, continueOnFail = false) =>
		runNode({
			parameters: {
				resource: 'message',
				operation: 'sendText',
				phoneNumberId: byId(MESSAGE_SENDER),
				recipientPhone: '={{ $json.to }}',
				text: '={{ "Order " + $json.n }}',
				...parameters,
			},
			items,
			credential: sandboxCredential(sandbox),
			continueOnFail,
		});

	it.each([
		['a server error (500)', { status: 500, code: 1 }],
		['a connection dropped after Meta carried the send out', { dropAfterHandling: true }],
	])('after %s the send is not repeated: its item says may_have_been_delivered and the others go on', async (_label, fault) => {
		const numbers = users(3);
		openWindows(numbers);
		sandbox.faults.queue.push({ method: 'POST', pathIncludes: '/messages', ...fault });
		const result = await run(numbers.map((to, n) => ({ to, n })), { requestOptions: { concurrency: 1 } });
		expect(result.error).toBeUndefined();
		const json = jsonOf(result);
		expect(json[0]).toEqual(expect.objectContaining({ may_have_been_delivered: true, wamid: null, message_status: 'unknown', recipient: numbers[0] }));
		expect(json[0].description).toMatch(/not sent again/);
		expect(json.slice(1)).toEqual([expect.objectContaining({ may_have_been_delivered: false }), expect.objectContaining({ may_have_been_delivered: false })]);
		expect(sendCalls()).toHaveLength(3);
		expect(accepted().filter((message) => message.input === numbers[0])).toHaveLength('dropAfterHandling' in fault ? 1 : 0);
	});

	it('after a timeout the send is not repeated, though Meta went on to carry it out', async () => {
		sandbox.setFaults({ latencyMs: 400 });
		const result = await run([{ to: MESSAGE_USER, n: 1 }], { requestOptions: { timeout: 100 } });
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toEqual([expect.objectContaining({ may_have_been_delivered: true, error: expect.stringMatching(/did not answer within 0.1 s/) })]);
		await new Promise((resolve) => setTimeout(resolve, 500));
		expect(sendCalls()).toHaveLength(1);
		expect(accepted()).toHaveLength(1);
	});

	it('with When Delivery Is Uncertain = Fail, the error says the message may have been delivered (and so does its error item)', async () => {
		sandbox.faults.queue.push({ method: 'POST', pathIncludes: '/messages', status: 503, code: 2 });
		const failed = await run([{ to: MESSAGE_USER, n: 1 }], { sendingOptions: { uncertainDelivery: 'fail' } });
		expect(failed.error?.message).toMatch(/Meta error 2/);
		expect(failed.error?.description).toMatch(/may have been delivered/);
		sandbox.faults.queue.push({ method: 'POST', pathIncludes: '/messages', status: 503, code: 2 });
		const item = await run([{ to: MESSAGE_USER, n: 2 }], { sendingOptions: { uncertainDelivery: 'fail' } }, true);
		expect(jsonOf(item)).toEqual([expect.objectContaining({ may_have_been_delivered: true, metaCode: 2 })]);
		expect(sendCalls()).toHaveLength(2);
	});

	it('with 30% of calls throttled (130429, 80007), 300 sends all arrive, each exactly once, in input order', async () => {
		const numbers = users(300);
		openWindows(numbers);
		// A number Meta raised to 500 per second, so the test is quick; the pacing keeps under it.
		sandbox.seed({ messaging: { defaultThroughput: 500 } });
		sandbox.setFaults({ throttle: { rate: 0.3, codes: [130429, 80007] }, seed: 7 });
		const result = await run(numbers.map((to, n) => ({ to, n })), { sendingOptions: { throughput: 500 } });
		expect(result.error).toBeUndefined();
		const json = jsonOf(result);
		expect(json.map((item) => item.recipient)).toEqual(numbers);
		expect(json.every((item) => typeof item.wamid === 'string' && item.may_have_been_delivered === false)).toBe(true);
		expect(accepted()).toHaveLength(300);
		expect(new Set(accepted().map((message) => (message.body.text as IDataObject).body)).size).toBe(300);
		expect(sendCalls().length).toBeGreaterThan(300);
	});

	it('a 131056 holds back only that recipient: the others are sent meanwhile, and the held one goes out after the wait', async () => {
		const others = users(3);
		openWindows(others);
		sandbox.seed({ messaging: { pairRate: { burst: 1, intervalMs: 250 } } });
		const items = [{ to: MESSAGE_USER, n: 1 }, { to: MESSAGE_USER, n: 2 }, ...others.map((to, n) => ({ to, n: 10 + n }))];
		const result = await run(items, { requestOptions: { concurrency: 2 } });
		expect(result.error).toBeUndefined();
		expect(jsonOf(result).every((item) => typeof item.wamid === 'string')).toBe(true);
		const order = accepted().map((message) => (message.body.text as IDataObject).body);
		expect(order).toHaveLength(5);
		// The second message to MESSAGE_USER was refused once (131056), then sent after the others.
		expect(order[order.length - 1]).toBe('Order 2');
		expect(sendCalls().filter((call) => (call.body as IDataObject).to === MESSAGE_USER)).toHaveLength(3);
	});

	it('when 131056 persists past the back-offs, the item fails with Meta\'s code and the pair-rate hint', async () => {
		sandbox.seed({ messaging: { pairRate: { burst: 1, intervalMs: 600_000 } } });
		PAIR_RATE_POLICY.firstDelayMs = 20;
		try {
			const result = await run([{ to: MESSAGE_USER, n: 1 }, { to: MESSAGE_USER, n: 2 }], { requestOptions: { concurrency: 1 } }, true);
			const json = jsonOf(result);
			expect(json[0]).toEqual(expect.objectContaining({ wamid: expect.any(String) }));
			expect(json[1]).toEqual(expect.objectContaining({ metaCode: 131056, description: expect.stringMatching(/pair rate limit/) }));
			expect(sendCalls()).toHaveLength(2 + PAIR_RATE_POLICY.maxRetries);
		} finally {
			PAIR_RATE_POLICY.firstDelayMs = 300;
		}
	});

	it('paces sends to the Throughput option: 25 sends at 20 per second take over a second and trip no 130429', async () => {
		const numbers = users(25);
		openWindows(numbers);
		sandbox.seed({ messaging: { defaultThroughput: 20 } });
		messagingOf(sandbox.state).throughputBuckets.clear();
		// The sandbox's bucket starts full (a burst of 20); empty it so only pacing keeps the node under the cap.
		const began = Date.now();
		const result = await run(numbers.map((to, n) => ({ to, n })), { sendingOptions: { throughput: 20 } });
		const elapsed = Date.now() - began;
		expect(result.error).toBeUndefined();
		expect(elapsed).toBeGreaterThanOrEqual(1150);
		expect(sendCalls()).toHaveLength(25);
		expect(accepted()).toHaveLength(25);
	});
});
