/**
 * Small readers for message bodies: a missing field is Meta's 131008 "Required parameter is missing",
 * a field of the wrong shape or over its limit is 131009 "Parameter value is not valid", each naming
 * the field by its path in the body.
 */
import { messagingErrors } from './errors';

export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
export const present = (value: unknown) => value !== undefined && value !== null && value !== '';

export function requireObject(value: unknown, path: string): Json {
	if (value === undefined || value === null) throw messagingErrors.requiredMissing(`Parameter '${path}' is required.`);
	if (!isObject(value)) throw messagingErrors.valueInvalid(`Parameter '${path}' must be an object.`);
	return value;
}

export function requireArray(value: unknown, path: string, min: number, max: number): unknown[] {
	if (value === undefined || value === null) throw messagingErrors.requiredMissing(`Parameter '${path}' is required.`);
	if (!Array.isArray(value)) throw messagingErrors.valueInvalid(`Parameter '${path}' must be an array.`);
	if (value.length < min || value.length > max) throw messagingErrors.valueInvalid(`Parameter '${path}' must have ${min} to ${max} entries; it has ${value.length}.`);
	return value;
}

export function requireString(value: unknown, path: string, maxLength = Infinity): string {
	if (!present(value)) throw messagingErrors.requiredMissing(`Parameter '${path}' is required.`);
	return optionalString(value, path, maxLength)!;
}

export function optionalString(value: unknown, path: string, maxLength = Infinity): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') throw messagingErrors.valueInvalid(`Parameter '${path}' must be a string.`);
	if ([...value].length > maxLength) throw messagingErrors.valueInvalid(`Parameter '${path}' can have at most ${maxLength} characters.`);
	return value;
}

export function requireNumber(value: unknown, path: string, min: number, max: number): number {
	if (value === undefined || value === null || value === '') throw messagingErrors.requiredMissing(`Parameter '${path}' is required.`);
	const number = typeof value === 'string' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isFinite(number) || number < min || number > max) {
		throw messagingErrors.valueInvalid(`Parameter '${path}' must be a number from ${min} to ${max}.`);
	}
	return number;
}

export function requireUrl(value: unknown, path: string): string {
	const text = requireString(value, path, 2000);
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		throw messagingErrors.valueInvalid(`Parameter '${path}' is not a valid URL.`);
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') throw messagingErrors.valueInvalid(`Parameter '${path}' must be an http(s) URL.`);
	return text;
}

export function oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T {
	if (!present(value)) throw messagingErrors.requiredMissing(`Parameter '${path}' is required.`);
	if (!allowed.includes(value as T)) throw messagingErrors.valueInvalid(`Parameter '${path}' must be one of ${allowed.join(', ')}; got ${JSON.stringify(value)}.`);
	return value as T;
}

export function unique(values: string[], path: string): void {
	if (new Set(values).size !== values.length) throw messagingErrors.valueInvalid(`The values of '${path}' must be unique.`);
}
