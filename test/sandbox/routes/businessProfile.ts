import { randomBytes } from 'node:crypto';

import { invalidParameter, selectFields } from '../graph';
import { publicDownload } from '../respond';
import type { HandlerResult, RequestContext, RouteRegistry } from '../server';
import type { PhoneNumberRecord } from '../state';

/**
 * A phone number's business profile (graph-api.md §4, Meta's business-profiles docs): read with
 * `fields`, update within Meta's limits, and the picture served from a public CDN-like path.
 */

export const PROFILE_DEFAULT_FIELDS = ['about', 'address', 'description', 'email', 'profile_picture_url', 'websites', 'vertical'];
export const VERTICALS = [
	'UNDEFINED', 'OTHER', 'AUTO', 'BEAUTY', 'APPAREL', 'EDU', 'ENTERTAIN', 'EVENT_PLAN', 'FINANCE', 'GROCERY', 'GOVT', 'HOTEL',
	'HEALTH', 'NONPROFIT', 'PROF_SERVICES', 'RETAIL', 'TRAVEL', 'RESTAURANT', 'NOT_A_BIZ', 'ALCOHOL', 'ONLINE_GAMBLING',
	'PHYSICAL_GAMBLING', 'OTC_DRUGS',
];
export const PROFILE_PICTURE_PREFIX = '/pps/whatsapp/';

function profileOwner(ctx: RequestContext): PhoneNumberRecord {
	return ctx.state.phoneNumbers.get(ctx.params.id)!;
}

function profileProblems(input: Record<string, unknown>): string | undefined {
	const limits: Array<[string, number, number]> = [
		['about', 1, 139],
		['address', 0, 256],
		['description', 0, 512],
		['email', 0, 128],
	];
	for (const [key, min, max] of limits) {
		if (input[key] === undefined) continue;
		const length = [...String(input[key])].length;
		if (length < min || length > max) return `${key} must be ${min ? `${min} to ` : 'at most '}${max} characters`;
	}
	if (input.vertical !== undefined && !VERTICALS.includes(String(input.vertical))) return 'vertical is not a valid value';
	if (input.websites !== undefined) {
		let websites = input.websites;
		if (typeof websites === 'string') {
			try {
				websites = JSON.parse(websites);
			} catch {
				websites = [websites];
			}
		}
		if (!Array.isArray(websites) || websites.length > 2) return 'websites must be a list of at most 2 URLs';
		for (const site of websites) {
			if (typeof site !== 'string' || !/^https?:\/\//i.test(site) || site.length > 256) {
				return 'each website must start with http:// or https:// and be at most 256 characters';
			}
		}
		input.websites = websites;
	}
	return undefined;
}

function readProfile(ctx: RequestContext): HandlerResult {
	const { profile_picture: _picture, profile_picture_handle: _handle, ...profile } = profileOwner(ctx).profile;
	if (profile.profile_picture_url?.startsWith('/')) profile.profile_picture_url = `${ctx.url.origin}${profile.profile_picture_url}`;
	const selected = selectFields(profile as Record<string, unknown>, ctx.query.get('fields'), PROFILE_DEFAULT_FIELDS);
	return { json: { data: [{ ...selected, messaging_product: 'whatsapp' }] } };
}

function updateProfile(ctx: RequestContext): HandlerResult {
	const record = profileOwner(ctx);
	const input = { ...ctx.input };
	if (input.messaging_product !== 'whatsapp') throw invalidParameter('The parameter messaging_product is required and must be "whatsapp".');
	const problem = profileProblems(input);
	if (problem) throw invalidParameter(problem);
	for (const key of ['about', 'address', 'description', 'email', 'vertical'] as const) {
		if (input[key] !== undefined) record.profile[key] = String(input[key]);
	}
	if (input.websites !== undefined) record.profile.websites = input.websites as string[];
	if (input.profile_picture_handle !== undefined) {
		const handle = String(input.profile_picture_handle);
		const upload = ctx.state.uploadHandles.get(handle);
		if (!upload) throw invalidParameter('profile_picture_handle is not a valid upload handle');
		if (!['image/jpeg', 'image/jpg', 'image/png'].includes(upload.file_type)) {
			throw invalidParameter('The profile picture must be a JPEG or PNG image');
		}
		record.profile.profile_picture_handle = handle;
		record.profile.profile_picture = { data: upload.data, mime_type: upload.file_type === 'image/jpg' ? 'image/jpeg' : upload.file_type };
		record.profile.profile_picture_url = `${ctx.url.origin}${PROFILE_PICTURE_PREFIX}${record.id}/${randomBytes(6).toString('hex')}.jpg`;
	}
	return { json: { success: true } };
}

export function registerProfileRoutes(registry: RouteRegistry): void {
	registry.node('GET', 'phone', 'whatsapp_business_profile', readProfile);
	registry.node('POST', 'phone', 'whatsapp_business_profile', updateProfile);

	// Profile pictures are public CDN links at Meta (pps.whatsapp.net): no token needed.
	publicDownload(registry, PROFILE_PICTURE_PREFIX, (ctx) => {
		for (const record of ctx.state.phoneNumbers.values()) {
			const picture = record.profile.profile_picture;
			if (picture && record.profile.profile_picture_url && new URL(record.profile.profile_picture_url, ctx.url.origin).pathname === ctx.url.pathname) {
				return { data: picture.data, contentType: picture.mime_type };
			}
		}
		return undefined;
	});
}
