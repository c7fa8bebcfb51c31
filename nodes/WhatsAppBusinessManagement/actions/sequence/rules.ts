/** What Meta's Welcome Message Sequences guide requires of a sequence, checked before sending. */
import type { IDataObject } from 'n8n-workflow';

import type { ParameterProblem } from '../common/parameterProblem';

/** The welcome message Meta shows when someone opens the chat from a Click-to-WhatsApp ad. */
export interface WelcomeMessage {
	text?: string;
	autofill_message?: { content: string };
	ice_breakers?: Array<{ title: string }>;
	[key: string]: unknown;
}

/** What the "Define Using: Fields" mode collects, before it becomes Meta's JSON. */
export interface WelcomeMessageFields {
	text?: string;
	autofillMessage?: string;
	iceBreakerTitles?: string[];
}

/** Checks a sequence name (Meta requires one on create). */
export function validateSequenceName(name: unknown, field = 'Name'): ParameterProblem[] {
	if (typeof name !== 'string' || name.trim() === '') return [{ field, rule: 'must not be empty' }];
	return [];
}

/**
 * Builds Meta's welcome_message_sequence object from the node's fields. Empty text and prefilled
 * message are left out rather than sent as "", which Meta would show as an empty bubble.
 */
export function buildWelcomeMessage(fields: WelcomeMessageFields): { message: WelcomeMessage; problems: ParameterProblem[] } {
	const problems: ParameterProblem[] = [];
	const message: WelcomeMessage = {};
	const text = (fields.text ?? '').trim();
	if (text) message.text = text;
	const autofill = (fields.autofillMessage ?? '').trim();
	if (autofill) message.autofill_message = { content: autofill };
	const titles = fields.iceBreakerTitles ?? [];
	titles.forEach((title, index) => {
		if (typeof title !== 'string' || title.trim() === '') {
			problems.push({ field: 'Ice Breakers', rule: `title ${index + 1} must not be empty` });
		}
	});
	if (titles.length) message.ice_breakers = titles.map((title) => ({ title: String(title ?? '').trim() }));
	if (!text && !autofill && titles.length === 0) {
		problems.push({ field: 'Text', rule: 'enter a welcome text, a prefilled message or at least one ice breaker' });
	}
	return { message, problems };
}

/**
 * Parses and checks the "Welcome Message (JSON)" field: it must be a JSON object with something to
 * show, and the keys the guide documents must have the guide's types.
 */
export function parseWelcomeMessageJson(raw: unknown, field = 'Welcome Message (JSON)'): { message?: WelcomeMessage; problems: ParameterProblem[] } {
	let parsed: unknown = raw;
	if (typeof raw === 'string') {
		if (raw.trim() === '') return { problems: [{ field, rule: 'must not be empty' }] };
		try {
			parsed = JSON.parse(raw);
		} catch (error) {
			return { problems: [{ field, rule: `must be valid JSON (${(error as Error).message})` }] };
		}
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
		return { problems: [{ field, rule: 'must be a JSON object such as {"text": "Hi!"}' }] };
	}
	const message = parsed as WelcomeMessage;
	const problems: ParameterProblem[] = [];
	if (Object.keys(message).length === 0) {
		problems.push({ field, rule: 'must contain at least "text", "autofill_message" or "ice_breakers"' });
	}
	if (message.text !== undefined && typeof message.text !== 'string') problems.push({ field, rule: '"text" must be a string' });
	if (message.autofill_message !== undefined) {
		const autofill = message.autofill_message as unknown;
		if (!autofill || typeof autofill !== 'object' || typeof (autofill as IDataObject).content !== 'string') {
			problems.push({ field, rule: '"autofill_message" must be an object with a string "content"' });
		}
	}
	if (message.ice_breakers !== undefined) {
		if (!Array.isArray(message.ice_breakers)) {
			problems.push({ field, rule: '"ice_breakers" must be a list of {"title": "..."} objects' });
		} else {
			message.ice_breakers.forEach((entry, index) => {
				const title = entry && typeof entry === 'object' ? (entry as IDataObject).title : undefined;
				if (typeof title !== 'string' || title.trim() === '') {
					problems.push({ field, rule: `ice_breakers[${index}].title must be a non-empty string` });
				}
			});
		}
	}
	return { message, problems };
}

/** Sequence IDs are Graph object IDs: digits only. */
export function validateSequenceId(id: unknown, field = 'Sequence'): ParameterProblem[] {
	if (typeof id !== 'string' && typeof id !== 'number') return [{ field, rule: 'must be a sequence ID' }];
	if (!/^\d+$/.test(String(id).trim())) return [{ field, rule: `must be a numeric sequence ID, not "${String(id)}"` }];
	return [];
}
