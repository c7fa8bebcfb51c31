import { useSandbox } from '../helpers/sandbox';
import { spendSendRates, throughputOf } from './messaging/limits';
import { messagingOf } from './messaging/store';
import { PHONE_ID, USER, baseSeed, graphError, messagingCalls } from './messagesKit';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Meta's throughput (130429) and pair rate (131056) per business number, and throttling faults, with fetch. */
describe('sandbox: send rates', () => {
	const sandbox = useSandbox({ seed: { ...baseSeed, templates: [{ name: 'hello', language: 'en_US', components: [{ type: 'BODY', text: 'Hello!' }] }] } });
	const { send, control } = messagingCalls(sandbox);
	const hello = (to: string) => send({ to, type: 'template', template: { name: 'hello', language: { code: 'en_US' } } });
	const recipients = (count: number, offset = 0) => Array.from({ length: count }, (_, i) => `1650555${String(offset + i).padStart(4, '0')}`);
	const codes = (answers: Array<{ status: number; json: Record<string, any> }>) => answers.map((a) => (a.status === 200 ? 200 : a.json.error.code));

	it('answers 130429 above the number\'s throughput and accepts again once the second has passed', async () => {
		await control('messages/settings', { defaultThroughput: 2 });
		const started = Date.now();
		const burst = await Promise.all(recipients(10).map(hello));
		const refilled = Math.floor(((Date.now() - started) / 1000) * 2);
		const accepted = codes(burst).filter((c) => c === 200).length;
		expect(accepted).toBeGreaterThanOrEqual(2);
		expect(accepted).toBeLessThanOrEqual(2 + refilled);
		expect(codes(burst).filter((c) => c !== 200).every((c) => c === 130429)).toBe(true);
		expect(burst.find((a) => a.status !== 200)!.json).toEqual(graphError(130429, /throughput has been reached/));
		expect((await control('state')).messages).toHaveLength(accepted);
		await sleep(1100);
		expect(codes(await Promise.all(recipients(2, 100).map(hello)))).toEqual([200, 200]);
	});

	it('lets a sender pacing at the cap through without one refusal', async () => {
		await control('messages/settings', { defaultThroughput: 20 });
		const answers = [];
		for (const to of recipients(30)) {
			answers.push(await hello(to));
			await sleep(55);
		}
		expect(codes(answers).every((c) => c === 200)).toBe(true);
	});

	it('gives a HIGH throughput number 1,000 messages per second, and a per-number override wins', async () => {
		sandbox.seed({ phoneNumbers: [{ id: PHONE_ID, throughput: { level: 'HIGH' } }] });
		expect(codes(await Promise.all(recipients(120).map(hello))).every((c) => c === 200)).toBe(true);
		expect(throughputOf(sandbox.state, messagingOf(sandbox.state), PHONE_ID)).toBe(1000);
		await control('messages/settings', { throughputByNumber: { [PHONE_ID]: 2 } });
		expect(throughputOf(sandbox.state, messagingOf(sandbox.state), PHONE_ID)).toBe(2);
		expect(codes(await Promise.all(recipients(5, 200).map(hello)))).toContain(130429);
	});

	it('answers 131056 when one recipient gets more than the pair rate allows, while others still get messages', async () => {
		await control('messages/settings', { pairRate: { burst: 2, intervalMs: 60_000 } });
		expect(codes([await hello(USER), await hello(USER)])).toEqual([200, 200]);
		const third = await hello(USER);
		expect(third.json).toEqual(graphError(131056, /to the same phone number in a short period/));
		expect(third.json.error.message).toBe('(#131056) (Business Account, Consumer Account) pair rate limit hit');
		expect((await hello('16505550999')).status).toBe(200);
		await control('messages/settings', { pairRate: { intervalMs: 50 } });
		expect((await hello(USER)).status).toBe(200);
	});

	it('defaults to Meta\'s figures: 80 per second, 45 at once to one user, then one every 6 seconds', async () => {
		const state = await control('state');
		expect(state.messaging.settings).toEqual(expect.objectContaining({ defaultThroughput: 80, pairRate: { burst: 45, intervalMs: 6000 } }));
		// The buckets with a clock of our own: no test timing can move these figures.
		const store = messagingOf(sandbox.state);
		const at = (ms: number, to = USER) => {
			try {
				spendSendRates(sandbox.state, store, PHONE_ID, to, ms);
				return 200;
			} catch (error) {
				return (error as { code: number }).code;
			}
		};
		const burst = Array.from({ length: 46 }, () => at(1_000_000));
		expect(burst.slice(44)).toEqual([200, 131056]);
		expect([at(1_005_900), at(1_006_000), at(1_006_100)]).toEqual([131056, 200, 131056]);
		const numberBurst = Array.from({ length: 81 }, (_, i) => at(2_000_000, `1650600${String(i).padStart(4, '0')}`));
		expect(numberBurst.filter((c) => c === 200)).toHaveLength(80);
		expect(numberBurst[80]).toBe(130429);
		expect(at(2_000_013, '16507000001')).toBe(200);
	});

	it('throttles a share of message calls with the faults module, carrying none of them out', async () => {
		sandbox.setFaults({ throttle: { rate: 1, codes: [130429, 80007], pathIncludes: '/messages' } });
		const answers = await Promise.all(recipients(4).map(hello));
		expect(codes(answers).every((c) => c === 130429 || c === 80007)).toBe(true);
		expect((await control('state')).messages).toEqual([]);
		const other = await fetch(`${sandbox.url}/v25.0/${PHONE_ID}`, { headers: { Authorization: `Bearer ${sandbox.state.token}` } });
		expect(other.status).toBe(200);
	});
});
