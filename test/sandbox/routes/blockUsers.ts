/**
 * The Block Users API, per Meta's page
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/block-users):
 * - POST /{phone-number-id}/block_users blocks, DELETE unblocks, GET lists the blocklist;
 * - the body is `{messaging_product: "whatsapp", block_users: [{user: <phone or wa_id>}]}` (a
 *   business-scoped user ID as `user_id`), at most 1,000 users (130429 past that);
 * - only users who messaged the number in the last 24 hours can be blocked (131047), never the
 *   number itself (131021); the blocklist holds 64,000 users (139101); unblocking has no 24-hour rule;
 * - a request where some users fail answers HTTP 400 with both lists, each failed user's `errors`,
 *   and the top-level error 139100.
 * The page gives no page size for the list: 25 by default and 100 at most, like other edges here.
 * Meta says a business cannot message a blocked user but documents no error code for it, so sends
 * are not refused here.
 */
import { GraphError, fbtraceId, invalidParameter, paginate } from '../graph';
import { isObject } from '../messaging/fields';
import { USER_ID_PATTERN, findContact, messagingOf, normalisePhone } from '../messaging/store';
import type { RequestContext, RouteRegistry } from '../server';

export const BLOCKLIST_LIMIT = 64_000;
const USERS_PER_REQUEST = 1_000;

export interface BlockedUser {
	input: string;
	wa_id?: string;
	user_id?: string;
}

const blocklists = new WeakMap<object, Map<string, Map<string, BlockedUser>>>();

/** The number's blocklist, by `wa:` / `user:` key, in the order users were blocked. */
export function blocklistOf(ctx: Pick<RequestContext, 'state'>, phoneNumberId: string): Map<string, BlockedUser> {
	let byNumber = blocklists.get(ctx.state);
	if (!byNumber) blocklists.set(ctx.state, (byNumber = new Map()));
	let list = byNumber.get(phoneNumberId);
	if (!list) byNumber.set(phoneNumberId, (list = new Map()));
	return list;
}

type Failure = { input: string; wa_id?: string; errors: Array<{ message: string; code: number; error_data: { details: string } }> };

const failure = (user: BlockedUser, code: number, message: string, details: string): Failure => ({
	input: user.input,
	...(user.wa_id ? { wa_id: user.wa_id } : {}),
	errors: [{ message, code, error_data: { details } }],
});

function readUsers(ctx: RequestContext): Array<BlockedUser | Failure> {
	const body = isObject(ctx.body) ? ctx.body : {};
	if (body.messaging_product !== 'whatsapp') throw invalidParameter('messaging_product must be "whatsapp"');
	if (!Array.isArray(body.block_users) || body.block_users.length === 0) throw invalidParameter('block_users must be a non-empty array');
	if (body.block_users.length > USERS_PER_REQUEST) throw new GraphError(130429, 'Rate limit hit', { details: `At most ${USERS_PER_REQUEST} users per request.` });
	return body.block_users.map((entry) => {
		const raw = isObject(entry) ? entry : {};
		if (typeof raw.user_id === 'string' && raw.user_id) {
			return USER_ID_PATTERN.test(raw.user_id) ? { input: raw.user_id, user_id: raw.user_id } : failure({ input: raw.user_id }, 100, 'Invalid parameter', 'Not a business-scoped user ID');
		}
		const input = typeof raw.user === 'string' ? raw.user : '';
		const waId = normalisePhone(input);
		return waId ? { input, wa_id: waId } : failure({ input }, 131047, 'Re-engagement required', 'Not a valid WhatsApp user');
	});
}

const keyOf = (user: BlockedUser) => (user.wa_id ? `wa:${user.wa_id}` : `user:${user.user_id}`);

function answer(done: BlockedUser[], failed: Failure[], listName: 'added_users' | 'removed_users') {
	const lists = { [listName]: done, ...(failed.length ? { failed_users: failed } : {}) };
	if (!failed.length) return { json: { messaging_product: 'whatsapp', block_users: lists } };
	const error = {
		message: '(#139100) Failed to block/unblock users',
		type: 'OAuthException',
		code: 139100,
		error_data: { details: 'Failed to block some users, see the block_users response list for details' },
		fbtrace_id: fbtraceId(),
	};
	return { status: 400, json: { messaging_product: 'whatsapp', block_users: lists, error } };
}

function block(ctx: RequestContext) {
	const phoneNumberId = ctx.params.id;
	const own = normalisePhone(ctx.state.phoneNumbers.get(phoneNumberId)?.display_phone_number ?? '');
	const store = messagingOf(ctx.state);
	const list = blocklistOf(ctx, phoneNumberId);
	const added: BlockedUser[] = [];
	const failed: Failure[] = [];
	for (const user of readUsers(ctx)) {
		if ('errors' in user) failed.push(user);
		else if (user.wa_id && user.wa_id === own) failed.push(failure(user, 131021, 'Self Block', 'Failed to block self phone number'));
		else if (!list.has(keyOf(user)) && list.size >= BLOCKLIST_LIMIT) failed.push(failure(user, 139101, 'Blocklist limit reached', 'The blocklist has reached its 64,000 user limit'));
		else {
			const last = findContact(store, user)?.lastInboundAt[phoneNumberId];
			if (last === undefined || Date.now() - last > store.settings.windowMs) {
				failed.push(failure(user, 131047, 'Re-engagement required', 'User has not messaged in the last 24 hours'));
				continue;
			}
			list.set(keyOf(user), user);
			added.push(user);
		}
	}
	return answer(added, failed, 'added_users');
}

function unblock(ctx: RequestContext) {
	const list = blocklistOf(ctx, ctx.params.id);
	const removed: BlockedUser[] = [];
	const failed: Failure[] = [];
	for (const user of readUsers(ctx)) {
		if ('errors' in user) failed.push(user);
		else {
			list.delete(keyOf(user));
			removed.push(user);
		}
	}
	return answer(removed, failed, 'removed_users');
}

function listBlocked(ctx: RequestContext) {
	const users = [...blocklistOf(ctx, ctx.params.id).values()].map((user) => ({ messaging_product: 'whatsapp', ...(user.wa_id ? { wa_id: user.wa_id } : { user_id: user.user_id }) }));
	return { json: paginate(users, ctx.query, { defaultLimit: 25, maxLimit: 100, selfUrl: ctx.url }) };
}

export function register(registry: RouteRegistry): void {
	registry.node('POST', 'phone', 'block_users', block);
	registry.node('DELETE', 'phone', 'block_users', unblock);
	registry.node('GET', 'phone', 'block_users', listBlocked);
	registry.stateView('blocklists', (state) => Object.fromEntries([...(blocklists.get(state) ?? new Map()).entries()].map(([id, list]) => [id, [...list.values()]])));
}
