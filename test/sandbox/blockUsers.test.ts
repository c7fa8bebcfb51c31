import { useSandbox } from '../helpers/sandbox';
import { PHONE_ID, USER, USER_ID, baseSeed, messagingCalls } from './messagesKit';

/** The Block Users API as Meta's block-users page documents it, with fetch. */
describe('sandbox: block users', () => {
	const sandbox = useSandbox({ seed: baseSeed });
	const { openWindow } = messagingCalls(sandbox);
	const call = async (method: string, body?: unknown, query = '') => {
		const response = await fetch(`${sandbox.url}/v25.0/${PHONE_ID}/block_users${query}`, {
			method,
			headers: { Authorization: `Bearer ${sandbox.state.token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
			body: body ? JSON.stringify(body) : undefined,
		});
		return { status: response.status, json: (await response.json()) as Record<string, any> };
	};
	const users = (...entries: Array<Record<string, string>>) => ({ messaging_product: 'whatsapp', block_users: entries });

	it('blocks a user who wrote in the last 24 hours, lists and unblocks them', async () => {
		await openWindow();
		const blocked = await call('POST', users({ user: '+1 650-555-1234' }));
		expect(blocked).toEqual({ status: 200, json: { messaging_product: 'whatsapp', block_users: { added_users: [{ input: '+1 650-555-1234', wa_id: USER }] } } });
		expect((await call('POST', users({ user: USER }))).status).toBe(200);
		const listed = await call('GET');
		expect(listed.json.data).toEqual([{ messaging_product: 'whatsapp', wa_id: USER }]);
		const unblocked = await call('DELETE', users({ user: USER }));
		expect(unblocked.json).toEqual({ messaging_product: 'whatsapp', block_users: { removed_users: [{ input: USER, wa_id: USER }] } });
		expect((await call('GET')).json.data).toEqual([]);
	});

	it('answers a mixed result with HTTP 400, both lists, each failed user\'s error and 139100', async () => {
		await openWindow();
		const { status, json } = await call('POST', users({ user: USER }, { user: '+44 7700 900123' }, { user: '+1 555-013-3700' }));
		expect(status).toBe(400);
		expect(json.block_users.added_users).toEqual([{ input: USER, wa_id: USER }]);
		expect(json.block_users.failed_users).toEqual([
			{ input: '+44 7700 900123', wa_id: '447700900123', errors: [{ message: 'Re-engagement required', code: 131047, error_data: { details: 'User has not messaged in the last 24 hours' } }] },
			{ input: '+1 555-013-3700', wa_id: '15550133700', errors: [expect.objectContaining({ code: 131021 })] },
		]);
		expect(json.error).toEqual(expect.objectContaining({ code: 139100, fbtrace_id: expect.any(String) }));
	});

	it('blocks by business-scoped user ID, and unblocks without the 24-hour rule', async () => {
		await openWindow({ userId: USER_ID });
		expect((await call('POST', users({ user_id: USER_ID }))).json.block_users.added_users).toEqual([{ input: USER_ID, user_id: USER_ID }]);
		expect((await call('GET')).json.data).toEqual([{ messaging_product: 'whatsapp', user_id: USER_ID }]);
		expect((await call('DELETE', users({ user: '+44 7700 900123' }))).status).toBe(200);
	});

	it('refuses a request without users, over 1,000 users, or without messaging_product', async () => {
		expect((await call('POST', users())).json.error.code).toBe(100);
		const many = Array.from({ length: 1001 }, (_, i) => ({ user: `1650555${String(i).padStart(4, '0')}` }));
		expect((await call('POST', users(...many))).json.error.code).toBe(130429);
		expect((await call('POST', { block_users: [{ user: USER }] })).json.error.code).toBe(100);
	});

	it('pages the blocklist with cursors', async () => {
		for (let i = 0; i < 3; i++) await openWindow({ from: `1650555000${i}` });
		await call('POST', users({ user: '16505550000' }, { user: '16505550001' }, { user: '16505550002' }));
		const first = await call('GET', undefined, '?limit=2');
		expect(first.json.data.map((u: { wa_id: string }) => u.wa_id)).toEqual(['16505550000', '16505550001']);
		const second = await call('GET', undefined, `?limit=2&after=${first.json.paging.cursors.after}`);
		expect(second.json.data.map((u: { wa_id: string }) => u.wa_id)).toEqual(['16505550002']);
		expect(second.json.paging.next).toBeUndefined();
	});
});
