/** What Meta documents for phone numbers: the edge, the fields and values, the calls several operations make. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { graphRequest } from '../../../shared/graph';

/** The phone-number fields the node asks for, besides the messaging limit (see phoneNumberFields). */
const PHONE_NUMBER_FIELDS = [
	'id',
	'display_phone_number',
	'verified_name',
	'quality_rating',
	'status',
	'name_status',
	'code_verification_status',
	'platform_type',
	'throughput',
	'account_mode',
	'is_pin_enabled',
];

/**
 * `whatsapp_business_manager_messaging_limit` exists from Graph v24.0 (asked for on an older version,
 * Graph answers error 100 "nonexisting field"); there `messaging_limit_tier`, deprecated from v24.0,
 * is the messaging limit. Source: https://developers.facebook.com/documentation/business-messaging/whatsapp/messaging-limits
 */
export function messagingLimitField(apiVersion: string): string {
	const major = Number(/^v(\d+)\./.exec(apiVersion)?.[1] ?? 0);
	return major >= 24 ? 'whatsapp_business_manager_messaging_limit' : 'messaging_limit_tier';
}

/** The `fields` list for a phone number on the credential's Graph version. */
export const phoneNumberFields = (apiVersion: string) => [...PHONE_NUMBER_FIELDS, messagingLimitField(apiVersion)].join(',');

export const BUSINESS_PROFILE_FIELDS = ['about', 'address', 'description', 'email', 'profile_picture_url', 'websites', 'vertical'];

export const phoneNumbersPath = (businessAccountId: string) => `/${businessAccountId}/phone_numbers`;

/** Meta's business-profile `vertical` values (Cloud API business-profiles page plus the OpenAPI file's additions). */
export const VERTICALS = [
	'ALCOHOL',
	'APPAREL',
	'AUTO',
	'BEAUTY',
	'EDU',
	'ENTERTAIN',
	'EVENT_PLAN',
	'FINANCE',
	'GOVT',
	'GROCERY',
	'HEALTH',
	'HOTEL',
	'NONPROFIT',
	'NOT_A_BIZ',
	'ONLINE_GAMBLING',
	'OTC_DRUGS',
	'OTHER',
	'PHYSICAL_GAMBLING',
	'PROF_SERVICES',
	'RESTAURANT',
	'RETAIL',
	'TRAVEL',
	'UNDEFINED',
];

/** Regions Meta's local storage accepts for `data_localization_region` (Cloud API local storage page). */
export const DATA_LOCALIZATION_REGIONS = ['AE', 'AU', 'BH', 'BR', 'CA', 'CH', 'DE', 'GB', 'ID', 'IN', 'JP', 'KR', 'SG', 'ZA'];

/** One phone number as the node outputs it: Meta's fields plus a flat `messaging_limit` and `throughput_level`. */
export function normalizePhoneNumber(raw: IDataObject): IDataObject {
	const result: IDataObject = { ...raw };
	if (raw.id !== undefined) result.id = String(raw.id);
	const throughput = raw.throughput as IDataObject | undefined;
	if (throughput && typeof throughput === 'object' && throughput.level !== undefined) result.throughput_level = throughput.level;
	const limit = raw.whatsapp_business_manager_messaging_limit ?? raw.messaging_limit_tier;
	if (limit !== undefined) result.messaging_limit = limit;
	return result;
}

/** `POST /{phone}/request_code`: Meta sends a 6-digit code by SMS or voice call. */
export async function requestVerificationCode(
	this: IExecuteFunctions,
	phoneNumberId: string,
	codeMethod: string,
	language: string,
	itemIndex: number,
): Promise<IDataObject> {
	return (await graphRequest.call(this, {
		method: 'POST',
		path: `/${phoneNumberId}/request_code`,
		qs: { code_method: codeMethod, language },
		itemIndex,
	})) as IDataObject;
}

/** `GET /{phone}/whatsapp_business_profile`: Meta answers `{data:[profile]}`. */
export async function fetchBusinessProfile(this: IExecuteFunctions, phoneNumberId: string, itemIndex: number, fields = BUSINESS_PROFILE_FIELDS) {
	const body = (await graphRequest.call(this, {
		method: 'GET',
		path: `/${phoneNumberId}/whatsapp_business_profile`,
		qs: { fields: fields.join(',') },
		itemIndex,
	})) as IDataObject;
	const list = Array.isArray(body.data) ? (body.data as IDataObject[]) : [];
	// SPEC's example wraps the profile in `business_profile`; accept that shape too.
	return list[0] ?? (body.business_profile as IDataObject | undefined) ?? {};
}

/**
 * Meta allows 10 register/deregister calls per number in 72 hours (133016); the raw text says
 * little, so the error names the number and what to do.
 */
export function explainRegistrationLimit(error: unknown, phoneNumberId: string): unknown {
	if (error instanceof NodeApiError && error.context.metaCode === 133016) {
		error.message =
			`Phone number ${phoneNumberId} reached Meta's registration limit: 10 register or deregister attempts per number in 72 hours. ` +
			'Wait before trying this number again (Meta error 133016).';
	}
	return error;
}
