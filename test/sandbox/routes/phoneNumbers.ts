import { randomBytes, randomInt } from 'node:crypto';

import { GraphError, invalidParameter, newId, paginate, selectFields } from '../graph';
import type { HandlerResult, RequestContext, RouteRegistry } from '../server';
import type { BusinessProfileRecord, PhoneNumberRecord, SandboxState } from '../state';
import { PROFILE_PICTURE_PREFIX, registerProfileRoutes } from './businessProfile';
import { MAX_OVERRIDE_URL_LENGTH, verifyCallback } from './subscriptions';

/**
 * Business phone numbers, per graph-api.md §4 (Meta's phone-numbers, registration, two-step
 * verification and business-profiles docs): list and get with `fields`, update (`pin`, display
 * name, webhook override), create on the WABA, request/verify the ownership code, register
 * (6-digit PIN, 10 register/deregister calls per 72 h -> 133016), deregister, and the business
 * profile (businessProfile.ts).
 */

const DEFAULT_FIELDS = [
	'verified_name',
	'code_verification_status',
	'display_phone_number',
	'quality_rating',
	'platform_type',
	'throughput',
	'webhook_configuration',
	'id',
];
/** The fields of a WhatsAppBusinessPhoneNumber Meta documents (graph-api.md §4, Meta's phone-number reference). */
const READABLE_FIELDS = [
	'id', 'account_mode', 'certificate', 'code_verification_status', 'country_code', 'country_dial_code', 'display_phone_number',
	'health_status', 'is_official_business_account', 'is_on_biz_app', 'is_pin_enabled', 'is_preverified_number', 'last_onboarded_time',
	'messaging_limit_tier', 'name_status', 'new_certificate', 'new_name_status', 'platform_type', 'quality_rating', 'quality_score',
	'search_visibility', 'status', 'throughput', 'username', 'verified_name', 'webhook_configuration',
	'whatsapp_business_manager_messaging_limit',
];
/**
 * The Graph version a field first exists in: https://developers.facebook.com/documentation/business-messaging/whatsapp/messaging-limits
 * (`whatsapp_business_manager_messaging_limit` replaces `messaging_limit_tier` from v24.0).
 */
const FIELD_SINCE_VERSION: Record<string, number> = { whatsapp_business_manager_messaging_limit: 24 };
const INTERNAL_FIELDS = new Set(['pin', 'registration_attempts', 'pending_code', 'profile', 'registered', 'cc', 'phone_number', 'webhook_override']);
const FILTERABLE_FIELDS = ['account_mode', 'messaging_limit_tier', 'is_official_business_account'];
const SORTS = ['creation_time.asc', 'creation_time.desc', 'last_onboarded_time.asc', 'last_onboarded_time.desc'];
export const DATA_LOCALIZATION_REGIONS = ['AE', 'AU', 'BH', 'BR', 'CA', 'CH', 'DE', 'GB', 'ID', 'IN', 'JP', 'KR', 'SG', 'ZA'];
export const REGISTRATION_LIMIT = 10;
export const REGISTRATION_WINDOW_MS = 72 * 60 * 60 * 1000;

let numberCounter = 0;

type PhoneNumberSeed = Partial<Omit<PhoneNumberRecord, 'profile'>> & {
	profile?: Partial<BusinessProfileRecord> & { profile_picture?: { data: Buffer | string; mime_type: string } };
};

/** A complete phone number from a partial one, with the values of a healthy, registered number. */
export function makePhoneNumber(partial: PhoneNumberSeed = {}): PhoneNumberRecord {
	numberCounter += 1;
	const cc = partial.cc ?? '1';
	const phoneNumber = partial.phone_number ?? `555010${String(numberCounter).padStart(4, '0')}`;
	const id = partial.id ?? newId('10');
	const profile: BusinessProfileRecord = {
		about: 'Cars, vans and test drives.',
		address: '1 Sandbox Way, Menlo Park',
		description: 'The sandbox dealership.',
		email: 'hello@sandbox-motors.example',
		vertical: 'AUTO',
		websites: ['https://sandbox-motors.example'],
		...(partial.profile ?? {}),
		profile_picture: undefined,
	};
	const picture = partial.profile?.profile_picture;
	if (picture) {
		profile.profile_picture = { data: Buffer.isBuffer(picture.data) ? picture.data : Buffer.from(picture.data), mime_type: picture.mime_type };
		// A path: the profile GET makes it absolute with the sandbox's own address.
		profile.profile_picture_url ??= `${PROFILE_PICTURE_PREFIX}${id}/${randomBytes(6).toString('hex')}.jpg`;
	}
	return {
		id,
		cc,
		phone_number: phoneNumber,
		display_phone_number: partial.display_phone_number ?? `+${cc} ${phoneNumber.slice(0, 3)}-${phoneNumber.slice(3, 6)}-${phoneNumber.slice(6)}`,
		verified_name: partial.verified_name ?? 'Sandbox Motors',
		quality_rating: partial.quality_rating ?? 'GREEN',
		status: partial.status ?? 'CONNECTED',
		name_status: partial.name_status ?? 'APPROVED',
		code_verification_status: partial.code_verification_status ?? 'VERIFIED',
		platform_type: partial.platform_type ?? 'CLOUD_API',
		throughput: partial.throughput ?? { level: 'STANDARD' },
		whatsapp_business_manager_messaging_limit: partial.whatsapp_business_manager_messaging_limit ?? 'TIER_2K',
		messaging_limit_tier: partial.messaging_limit_tier ?? 'TIER_1K',
		account_mode: partial.account_mode ?? 'LIVE',
		is_pin_enabled: partial.is_pin_enabled ?? partial.pin !== undefined,
		pin: partial.pin,
		registered: partial.registered ?? true,
		registration_attempts: partial.registration_attempts ?? [],
		pending_code: partial.pending_code,
		webhook_override: partial.webhook_override,
		profile,
	};
}

/**
 * Where Meta sends the number's message webhooks, as `webhook_configuration` reads it: the number's
 * own override, the WABA's override of the calling app, the app's callback, each only when set (and
 * the field only when one is)
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/override/).
 */
function webhookConfiguration(record: PhoneNumberRecord, state: SandboxState): Record<string, string> {
	const configuration: Record<string, string> = {};
	if (record.webhook_override) configuration.phone_number = record.webhook_override.override_callback_uri;
	const wabaOverride = state.subscribedApps.find((app) => app.id === state.appId)?.override_callback_uri;
	if (wabaOverride) configuration.whatsapp_business_account = wabaOverride;
	const application = state.appSubscriptions.find((subscription) => subscription.object === 'whatsapp_business_account')?.callback_url || state.appCallbackUrl;
	if (application) configuration.application = application;
	return configuration;
}

/** The number as Graph shows it: no PIN, codes or sandbox bookkeeping. */
function publicView(record: PhoneNumberRecord, state: SandboxState): Record<string, unknown> {
	const view: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(record)) if (!INTERNAL_FIELDS.has(key) && value !== undefined) view[key] = value;
	const configuration = webhookConfiguration(record, state);
	if (Object.keys(configuration).length > 0) view.webhook_configuration = configuration;
	return view;
}

/**
 * POST /{phone-number-id} `webhook_configuration`: `{override_callback_uri, verify_token}` sets the
 * number's own override once Meta's verification GET to it is answered; an empty
 * override_callback_uri removes it (Meta's webhook overrides page, "Set phone number alternate callback").
 */
async function setWebhookOverride(record: PhoneNumberRecord, raw: unknown): Promise<void> {
	const config = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { override_callback_uri?: unknown; verify_token?: unknown } | null;
	const url = config?.override_callback_uri;
	if (url === '') {
		delete record.webhook_override;
		return;
	}
	if (typeof url !== 'string') throw invalidParameter('webhook_configuration.override_callback_uri must be a URL string');
	if (url.length > MAX_OVERRIDE_URL_LENGTH) throw invalidParameter(`override_callback_uri must be at most ${MAX_OVERRIDE_URL_LENGTH} characters`);
	if (!/^https?:\/\//.test(url)) throw invalidParameter('override_callback_uri is not a valid URL');
	if (typeof config?.verify_token !== 'string' || config.verify_token === '') throw invalidParameter('verify_token is required with override_callback_uri');
	await verifyCallback(url, config.verify_token);
	record.webhook_override = { override_callback_uri: url, verify_token: config.verify_token };
}

/** Graph refuses a field the node type lacks in the requested version instead of leaving it out. */
function checkFields(fields: string | null, version: string): void {
	const major = Number(/^v(\d+)\./.exec(version)?.[1] ?? 0);
	for (const field of (fields ?? '').split(',').map((f) => f.trim().replace(/[.{(].*$/, '')).filter(Boolean)) {
		if (!READABLE_FIELDS.includes(field) || major < (FIELD_SINCE_VERSION[field] ?? 0)) {
			throw new GraphError(100, `Tried accessing nonexisting field (${field}) on node type (WhatsAppBusinessPhoneNumber)`);
		}
	}
}

function phone(ctx: RequestContext): PhoneNumberRecord {
	return ctx.state.phoneNumbers.get(ctx.params.id)!;
}

const text = (value: unknown) => (value === undefined || value === null ? undefined : String(value));

function requirePin(value: unknown): string {
	const pin = text(value);
	if (!pin) throw invalidParameter('The parameter pin is required.');
	if (!/^\d{6}$/.test(pin)) throw invalidParameter('pin must be a 6-digit number');
	return pin;
}

/** Meta: 10 register/deregister attempts per number in a moving 72-hour window. */
function countAttempt(record: PhoneNumberRecord): void {
	const now = Date.now();
	record.registration_attempts = record.registration_attempts.filter((t) => now - t < REGISTRATION_WINDOW_MS);
	if (record.registration_attempts.length >= REGISTRATION_LIMIT) {
		throw new GraphError(133016, 'Account register deregister rate limit exceeded', {
			details: 'Registration or deregistration failed because there were too many attempts for this phone number in a short period of time.',
		});
	}
	record.registration_attempts.push(now);
}

function parseFiltering(raw: string | null): Array<{ field: string; operator: string; value: unknown }> {
	if (!raw) return [];
	let parsed: unknown;
	try {
		parsed = JSON.parse(raw);
	} catch {
		throw invalidParameter('filtering must be a JSON array');
	}
	if (!Array.isArray(parsed)) throw invalidParameter('filtering must be a JSON array');
	return parsed.map((entry) => {
		const rule = entry as { field?: string; operator?: string; value?: unknown };
		if (!rule.field || !FILTERABLE_FIELDS.includes(rule.field)) {
			throw invalidParameter(`filtering field must be one of ${FILTERABLE_FIELDS.join(', ')}`);
		}
		if (rule.operator !== 'EQUAL' && rule.operator !== 'NOT_EQUAL') throw invalidParameter('filtering operator must be EQUAL or NOT_EQUAL');
		return { field: rule.field, operator: rule.operator, value: rule.value };
	});
}


function listPhoneNumbers(ctx: RequestContext): HandlerResult {
	let list = [...ctx.state.phoneNumbers.values()];
	for (const rule of parseFiltering(ctx.query.get('filtering'))) {
		list = list.filter((n) => {
			const equal = String((n as unknown as Record<string, unknown>)[rule.field]) === String(rule.value);
			return rule.operator === 'EQUAL' ? equal : !equal;
		});
	}
	const sort = ctx.query.get('sort');
	if (sort) {
		if (!SORTS.includes(sort)) throw invalidParameter(`sort must be one of ${SORTS.join(', ')}`);
		if (sort.endsWith('.desc')) list.reverse();
	}
	const fields = ctx.query.get('fields');
	checkFields(fields, ctx.version);
	const page = paginate(
		list.map((n) => selectFields(publicView(n, ctx.state), fields, DEFAULT_FIELDS)),
		ctx.query,
		{ defaultLimit: 25, maxLimit: 100, selfUrl: ctx.url },
	);
	return { json: page };
}

async function updatePhoneNumber(ctx: RequestContext): Promise<HandlerResult> {
	const record = phone(ctx);
	const { input } = ctx;
	let changed = false;
	if (input.pin !== undefined) {
		record.pin = requirePin(input.pin);
		record.is_pin_enabled = true;
		changed = true;
	}
	if (input.new_display_name !== undefined) {
		const name = String(input.new_display_name).trim();
		if ([...name].length < 2 || [...name].length > 75) throw invalidParameter('new_display_name must be 2 to 75 characters');
		(record as unknown as Record<string, unknown>).new_display_name = name;
		(record as unknown as Record<string, unknown>).new_name_status = 'PENDING_REVIEW';
		changed = true;
	}
	if (input.webhook_configuration !== undefined) {
		await setWebhookOverride(record, input.webhook_configuration);
		changed = true;
	}
	if (!changed) throw invalidParameter('No field to update was given');
	return { json: { success: true } };
}

function createPhoneNumber(ctx: RequestContext): HandlerResult {
	const cc = text(ctx.input.cc)?.trim();
	const phoneNumber = text(ctx.input.phone_number)?.trim();
	const verifiedName = text(ctx.input.verified_name)?.trim();
	if (!cc) throw invalidParameter('The parameter cc is required.');
	if (!phoneNumber) throw invalidParameter('The parameter phone_number is required.');
	if (!verifiedName) throw invalidParameter('The parameter verified_name is required.');
	if (!/^\d{1,3}$/.test(cc)) throw invalidParameter('cc must be a country calling code of 1 to 3 digits');
	if (!/^\d{4,14}$/.test(phoneNumber)) throw invalidParameter('phone_number must contain digits only');
	if ([...ctx.state.phoneNumbers.values()].some((n) => n.cc === cc && n.phone_number === phoneNumber)) {
		throw invalidParameter('This phone number is already added to a WhatsApp Business Account');
	}
	const record = makePhoneNumber({
		cc,
		phone_number: phoneNumber,
		verified_name: verifiedName,
		code_verification_status: 'NOT_VERIFIED',
		status: 'PENDING',
		name_status: 'PENDING_REVIEW',
		quality_rating: 'UNKNOWN',
		platform_type: 'NOT_APPLICABLE',
		throughput: { level: 'NOT_APPLICABLE' },
		registered: false,
	});
	ctx.state.phoneNumbers.set(record.id, record);
	return { json: { id: record.id } };
}

function requestCode(ctx: RequestContext): HandlerResult {
	const record = phone(ctx);
	const method = text(ctx.input.code_method);
	const language = text(ctx.input.language);
	if (!method) throw invalidParameter('The parameter code_method is required.');
	if (method !== 'SMS' && method !== 'VOICE') throw invalidParameter('code_method must be SMS or VOICE');
	if (!language) throw invalidParameter('The parameter language is required.');
	if (!/^[a-z]{2,3}(_[A-Z]{2})?$/.test(language)) throw invalidParameter('language must be a language code such as en_US');
	record.pending_code = String(randomInt(0, 1_000_000)).padStart(6, '0');
	return { json: { success: true } };
}

function verifyCode(ctx: RequestContext): HandlerResult {
	const record = phone(ctx);
	const code = text(ctx.input.code);
	if (!code) throw invalidParameter('The parameter code is required.');
	if (!/^\d{6}$/.test(code)) throw invalidParameter('code must be 6 digits, without the hyphen');
	if (!record.pending_code || record.pending_code !== code) {
		// 136025 and this title are UNVERIFIED: no Meta page found lists the verify_code refusal
		// (the request_code edge documents 136024 "Request code error" only).
		throw new GraphError(136025, 'Code couldn\'t be verified', {
			details: 'Verification code failed. Request a new code and try again.',
		});
	}
	record.pending_code = undefined;
	record.code_verification_status = 'VERIFIED';
	return { json: { success: true, id: record.id } };
}

function registerPhoneNumber(ctx: RequestContext): HandlerResult {
	const record = phone(ctx);
	if (ctx.input.messaging_product !== 'whatsapp') throw invalidParameter('The parameter messaging_product is required and must be "whatsapp".');
	const pin = requirePin(ctx.input.pin);
	const region = text(ctx.input.data_localization_region);
	if (region !== undefined && !DATA_LOCALIZATION_REGIONS.includes(region)) {
		throw invalidParameter(`data_localization_region must be one of ${DATA_LOCALIZATION_REGIONS.join(', ')}`);
	}
	countAttempt(record);
	if (record.code_verification_status !== 'VERIFIED') {
		throw invalidParameter('The phone number must be verified (request_code, verify_code) before it is registered');
	}
	if (record.is_pin_enabled && record.pin !== pin) {
		// 133005 "Two step verification PIN Mismatch", HTTP 400: Meta's error-codes reference
		// (developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes).
		throw new GraphError(133005, 'Two step verification PIN Mismatch', {
			details: 'The PIN does not match the two-step verification PIN of this number.',
		});
	}
	record.pin = pin;
	record.is_pin_enabled = true;
	record.registered = true;
	record.status = 'CONNECTED';
	record.platform_type = 'CLOUD_API';
	if (region) (record as unknown as Record<string, unknown>).data_localization_region = region;
	return { json: { success: true } };
}

function deregisterPhoneNumber(ctx: RequestContext): HandlerResult {
	const record = phone(ctx);
	countAttempt(record);
	record.registered = false;
	record.status = 'DISCONNECTED';
	return { json: { success: true } };
}



export function register(registry: RouteRegistry): void {
	registry.seeder('phoneNumbers', (state: SandboxState, records) => {
		for (const record of records) {
			const number = makePhoneNumber(record as PhoneNumberSeed);
			state.phoneNumbers.set(number.id, number);
		}
	});

	registry.node('GET', 'waba', 'phone_numbers', listPhoneNumbers);

	registry.node('GET', 'phone', '', (ctx) => {
		checkFields(ctx.query.get('fields'), ctx.version);
		return { json: selectFields(publicView(phone(ctx), ctx.state), ctx.query.get('fields'), DEFAULT_FIELDS) };
	});

	registry.node('POST', 'phone', '', updatePhoneNumber);

	registry.node('POST', 'waba', 'phone_numbers', createPhoneNumber);

	registry.node('POST', 'phone', 'request_code', requestCode);

	registry.node('POST', 'phone', 'verify_code', verifyCode);

	registry.node('POST', 'phone', 'register', registerPhoneNumber);

	registry.node('POST', 'phone', 'deregister', deregisterPhoneNumber);

	registerProfileRoutes(registry);
}
