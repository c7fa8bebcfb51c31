import type { IDataObject } from 'n8n-workflow';

import { useSandbox } from '../helpers/sandbox';
import { jsonOf, runNode, sandboxCredential } from '../helpers/workflow';
import { recordInbound } from '../sandbox/messaging/webhooks';

const PHONE = '106540352242922';
const USER = '16505551234';
const USER_ID = 'US.13491208655302741918';
const rl = (value: string) => ({ __rl: true, mode: 'id', value });

describe('Sender > Block User, Unblock User, Get Blocked Users through WorkflowExecute', () => {
	const sandbox = useSandbox({ seed: { phoneNumbers: [{ id: PHONE, display_phone_number: '+1 555-013-3700' }], messaging: { statusWebhooks: { enabled: false } } } });

	const run = (parameters: IDataObject, items: IDataObject[] = [{ from: USER }], continueOnFail = false) =>
		runNode({ parameters: { resource: 'sender', phoneNumberId: rl(PHONE), ...parameters }, credential: sandboxCredential(sandbox), items, continueOnFail });
	const calls = (method: string) => sandbox.requestsTo(method, `/${PHONE}/block_users`);

	it('blocks the trigger item\'s sender, lists them, and unblocks them', async () => {
		recordInbound(sandbox.state, { from: USER, phoneNumberId: PHONE });
		const blocked = await run({ operation: 'blockUser' });
		expect(blocked.error).toBeUndefined();
		expect(jsonOf(blocked)).toEqual([{ blocked: true, input: USER, wa_id: USER, phone_number_id: PHONE }]);
		expect(calls('POST')[0].body).toEqual({ messaging_product: 'whatsapp', block_users: [{ user: USER }] });
		const listed = await run({ operation: 'getBlockedUsers', returnAll: true }, [{}]);
		expect(jsonOf(listed)).toEqual([{ wa_id: USER, phone_number_id: PHONE }]);
		const unblocked = await run({ operation: 'unblockUser', blockUserPhone: '+1 (650) 555-1234' }, [{}]);
		expect(jsonOf(unblocked)).toEqual([{ unblocked: true, input: USER, wa_id: USER, phone_number_id: PHONE }]);
		expect(calls('DELETE')[0].body).toEqual({ messaging_product: 'whatsapp', block_users: [{ user: USER }] });
		expect(jsonOf(await run({ operation: 'getBlockedUsers', returnAll: true }, [{}]))).toEqual([]);
	});

	it('blocks by business-scoped user ID', async () => {
		recordInbound(sandbox.state, { userId: USER_ID, phoneNumberId: PHONE });
		const blocked = await run({ operation: 'blockUser', blockUserType: 'userId' }, [{ userId: USER_ID }]);
		expect(jsonOf(blocked)).toEqual([{ blocked: true, input: USER_ID, user_id: USER_ID, phone_number_id: PHONE }]);
		expect(calls('POST')[0].body).toEqual({ messaging_product: 'whatsapp', block_users: [{ user_id: USER_ID }] });
	});

	it('says why Meta refused a user: not written in 24 hours (131047), the number itself (131021)', async () => {
		const stale = await run({ operation: 'blockUser' });
		expect(stale.error?.message).toBe('Meta error 131047: this user has not messaged the number in the last 24 hours, or is not a WhatsApp user');
		expect(stale.error?.description).toContain('Block the user the next time they write');
		expect(stale.error?.description).toContain('Details: User has not messaged in the last 24 hours');
		expect(stale.error?.description).toMatch(/fbtrace_id \S+/);
		const self = await run({ operation: 'blockUser', blockUserPhone: '+1 555-013-3700' }, [{}], true);
		expect(jsonOf(self)).toEqual([expect.objectContaining({ metaCode: 131021 })]);
		expect(String(jsonOf(self)[0].error)).toMatch(/Meta error 131021: Self Block/);
		// Blocking is safe to repeat, but a refusal is not retried.
		expect(calls('POST')).toHaveLength(2);
	});

	it('refuses a bad number or user ID before any request', async () => {
		const local = await run({ operation: 'blockUser', blockUserPhone: '07700 900123' }, [{}]);
		expect(local.error?.message).toBe('Field "User Phone Number": must start with the country code, not "07700 900123"');
		const userId = await run({ operation: 'unblockUser', blockUserType: 'userId', blockUserId: 'abc' }, [{}]);
		expect(userId.error?.message).toMatch(/^Field "User ID": must be a business-scoped user ID/);
		expect(sandbox.requests.filter((r) => r.graphPath.includes('block_users'))).toHaveLength(0);
	});

	it('lists a long blocklist page by page, up to the limit', async () => {
		const numbers = Array.from({ length: 130 }, (_, i) => `1650555${String(i).padStart(4, '0')}`);
		for (const from of numbers) recordInbound(sandbox.state, { from, phoneNumberId: PHONE });
		const blocked = await run({ operation: 'blockUser', blockUserPhone: '={{ $json.from }}' }, numbers.map((from) => ({ from })));
		expect(blocked.error).toBeUndefined();
		const all = await run({ operation: 'getBlockedUsers', returnAll: true }, [{}]);
		expect(jsonOf(all).map((user) => user.wa_id)).toEqual(numbers);
		expect(calls('GET').map((call) => call.query.limit)).toEqual(['100', '100']);
		const some = await run({ operation: 'getBlockedUsers', returnAll: false, limit: 5 }, [{}]);
		expect(jsonOf(some)).toHaveLength(5);
	});
});
