/** What the node checks of a phone number's fields before sending (Meta's business-profile and registration limits). */
import type { ParameterProblem } from '../common/parameterProblem';
import { VERTICALS } from './graph';

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
