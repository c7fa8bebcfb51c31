import type { IDataObject } from 'n8n-workflow';

import type { ParameterProblem } from '../actions/common/parameterProblem';

/**
 * The phone-number fields the node asks for. `whatsapp_business_manager_messaging_limit` is the
 * current messaging limit; `messaging_limit_tier` is deprecated since v24.0 and not requested.
 */
export const PHONE_NUMBER_FIELDS = [
	'id',
	'display_phone_number',
	'verified_name',
	'quality_rating',
	'status',
	'name_status',
	'code_verification_status',
	'platform_type',
	'throughput',
	'whatsapp_business_manager_messaging_limit',
	'account_mode',
	'is_pin_enabled',
];

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
	if (raw.whatsapp_business_manager_messaging_limit !== undefined) {
		result.messaging_limit = raw.whatsapp_business_manager_messaging_limit;
	}
	return result;
}

export function pinProblems(pin: string, field = 'PIN'): ParameterProblem[] {
	return /^\d{6}$/.test(pin) ? [] : [{ field, rule: 'must be exactly 6 digits' }];
}

export interface BusinessProfileUpdate {
	about?: string;
	address?: string;
	description?: string;
	email?: string;
	vertical?: string;
	websites?: string[];
}

const LIMITS: Array<[keyof BusinessProfileUpdate, string, number]> = [
	['address', 'Address', 256],
	['description', 'Description', 512],
	['email', 'Email', 128],
];

/** Checks a profile update against Meta's limits (business-profiles reference); empty when valid. */
export function businessProfileProblems(update: BusinessProfileUpdate): ParameterProblem[] {
	const problems: ParameterProblem[] = [];
	if (update.about !== undefined) {
		const length = [...update.about].length;
		if (length < 1 || length > 139) problems.push({ field: 'About', rule: `must be 1 to 139 characters, got ${length}` });
	}
	for (const [key, label, max] of LIMITS) {
		const value = update[key] as string | undefined;
		if (value !== undefined && [...value].length > max) {
			problems.push({ field: label, rule: `must be at most ${max} characters, got ${[...value].length}` });
		}
	}
	if (update.email !== undefined && update.email !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(update.email)) {
		problems.push({ field: 'Email', rule: 'must be an email address' });
	}
	if (update.vertical !== undefined && !VERTICALS.includes(update.vertical)) {
		problems.push({ field: 'Vertical', rule: `must be one of ${VERTICALS.join(', ')}` });
	}
	if (update.websites !== undefined) problems.push(...websiteProblems(update.websites));
	return problems;
}

function websiteProblems(websites: string[]): ParameterProblem[] {
	const field = 'Websites';
	const problems: ParameterProblem[] = [];
	if (websites.length > 2) problems.push({ field, rule: `at most 2 websites, got ${websites.length}` });
	for (const website of websites) {
		if (!/^https?:\/\/[^\s]+$/i.test(website)) problems.push({ field, rule: `"${website}" must start with http:// or https://` });
		else if (website.length > 256) problems.push({ field, rule: `"${website.slice(0, 40)}..." is longer than 256 characters` });
	}
	return problems;
}

/** Splits a comma- or newline-separated list, dropping blanks. */
export function splitList(value: string | string[] | undefined): string[] {
	if (value === undefined) return [];
	const list = Array.isArray(value) ? value : value.split(/[\n,]/);
	return list.map((entry) => String(entry).trim()).filter(Boolean);
}

export interface NewPhoneNumber {
	countryCode: string;
	phoneNumber: string;
	displayName: string;
}

/** Checks Add Phone Number's fields; country code and number are digits only (spaces and dashes are removed first). */
export function newPhoneNumberProblems(input: NewPhoneNumber): ParameterProblem[] {
	const problems: ParameterProblem[] = [];
	if (!/^\d{1,3}$/.test(input.countryCode)) problems.push({ field: 'Country Code', rule: 'must be 1 to 3 digits, without "+"' });
	if (!/^\d{4,14}$/.test(input.phoneNumber)) problems.push({ field: 'Phone Number', rule: 'must be 4 to 14 digits, without the country code' });
	const nameLength = [...input.displayName.trim()].length;
	if (nameLength < 2 || nameLength > 75) problems.push({ field: 'Display Name', rule: `must be 2 to 75 characters, got ${nameLength}` });
	return problems;
}

/** `+1 (555) 010-0199` -> `15550100199`. */
export function digitsOnly(value: string): string {
	return value.replace(/[\s\-().+]/g, '');
}
