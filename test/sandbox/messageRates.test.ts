import { useSandbox } from '../helpers/sandbox';
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
		await control('messages/settings', { defaultThroughput: 5 });
		const burst = await Promise.all(recipients(7).map(hello));
		expect(codes(burst).filter((c) => c === 200)).toHaveLength(5);
		expect(codes(burst).filter((c) => c === 130429)).toHaveLength(2);
		expect(burst.find((a) => a.status !== 200)!.json).toEqual(graphError(130429, /throughput has been reached/));
		expect((await control('state')).messages).toHaveLength(5);
		await sleep(450);
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
		await control('messages/settings', { throughputByNumber: { [PHONE_ID]: 2 } });
		expect(codes(await Promise.all(recipients(3, 200).map(hello))).sort((a, b) => a - b)).toEqual([200, 200, 130429]);
	});

	it('answers 131056 when one recipient gets more than the pair rate allows, while others still get messages', async () => {
		await control('messages/settings', { pairRate: { burst: 2, intervalMs: 300 } });
		expect(codes([await hello(USER), await hello(USER)])).toEqual([200, 200]);
		const third = await hello(USER);
		expect(third.json).toEqual(graphError(131056, /to the same phone number in a short period/));
		expect(third.json.error.message).toBe('(#131056) (Business Account, Consumer Account) pair rate limit hit');
		expect((await hello('16505550999')).status).toBe(200);
		await sleep(320);
		expect((await hello(USER)).status).toBe(200);
	});

	it('defaults to Meta\'s figures: 80 per second, a burst of 45 to one user', async () => {
		const state = await control('state');
		expect(state.messaging.settings).toEqual(expect.objectContaining({ defaultThroughput: 80, pairRate: { burst: 45, intervalMs: 6000 } }));
		const same = [];
		for (let i = 0; i < 46; i += 1) same.push(await hello(USER));
		expect(codes(same).slice(44)).toEqual([200, 131056]);
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
