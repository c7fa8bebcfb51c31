/**
 * Meta's rules for a template as a whole (name, language, category, message TTL, a header's sample
 * file); the components' own rules are in componentRules.ts and buttonRules.ts.
 */
import { validateComponents } from './componentRules';
import { HEADER_SAMPLE_TYPES, LIMITS, TEMPLATE_CATEGORIES, type ParameterFormat, type TemplateCategory } from './graph';
import { isBlank } from '../common/blank';
import { problem, type TemplateProblem } from './templateProblem';

export function validateTemplateName(name: unknown): TemplateProblem[] {
	const component = 'Template';
	if (isBlank(name)) return [problem(component, 'name', 'is required')];
	const text = String(name);
	const problems: TemplateProblem[] = [];
	if (text.length > LIMITS.nameLength) {
		problems.push(problem(component, 'name', `must be at most ${LIMITS.nameLength} characters (it has ${text.length})`));
	}
	if (!/^[a-z0-9_]+$/.test(text)) {
		problems.push(problem(component, 'name', 'may contain only lowercase letters, digits and underscores (_)'));
	}
	return problems;
}

/** Meta's language codes: `en`, `en_US`, `pt_BR`, `zh_HK`, `fil`. */
export function validateLanguage(language: unknown): TemplateProblem[] {
	if (isBlank(language)) return [problem('Template', 'language', 'is required')];
	if (!/^[a-z]{2,3}(_[A-Z]{2,4})?$/.test(String(language))) {
		return [problem('Template', 'language', 'must be a language code such as en, en_US or pt_BR')];
	}
	return [];
}

export function validateCategory(category: unknown): TemplateProblem[] {
	if (isBlank(category)) return [problem('Template', 'category', 'is required')];
	if (!TEMPLATE_CATEGORIES.includes(String(category).toUpperCase() as TemplateCategory)) {
		return [problem('Template', 'category', `must be one of ${TEMPLATE_CATEGORIES.join(', ')}`)];
	}
	return [];
}

export interface CreateTemplateInput {
	name: unknown;
	language: unknown;
	category: unknown;
	parameterFormat: ParameterFormat;
	components: unknown;
}

export function validateCreateTemplate(input: CreateTemplateInput): TemplateProblem[] {
	return [
		...validateTemplateName(input.name),
		...validateLanguage(input.language),
		...validateCategory(input.category),
		...validateComponents(input.components, { category: String(input.category ?? ''), parameterFormat: input.parameterFormat }),
	];
}

/**
 * Meta's time-to-live ranges: 30 to 900 s for authentication, 30 to 43,200 s for utility, 43,200 to
 * 2,592,000 s for marketing (marketing TTL applies to sends through the Marketing Messages API), and
 * `-1` for authentication and utility templates, which sets a custom TTL of 30 days.
 * Sources: https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/time-to-live
 * ("Valid message_send_ttl_seconds property values"; mirrored in kapso-meta-docs/documentation
 * documentation/whatsapp/templates/time-to-live.mdx).
 */
export const MESSAGE_TTL_THIRTY_DAYS = -1;

export function validateMessageTtl(seconds: unknown, category?: string): TemplateProblem[] {
	const field = 'message_send_ttl_seconds';
	if (!Number.isInteger(seconds)) return [problem('Template', field, 'must be a whole number of seconds')];
	const value = seconds as number;
	const upper = String(category ?? '').toUpperCase();
	const ranges: Record<string, [number, number, string]> = {
		AUTHENTICATION: [30, 900, '30 seconds to 15 minutes (900), or -1 for 30 days'],
		UTILITY: [30, 43_200, '30 seconds to 12 hours (43,200), or -1 for 30 days'],
		MARKETING: [43_200, 2_592_000, '12 hours (43,200) to 30 days (2,592,000)'],
	};
	const range = ranges[upper] ?? [30, 2_592_000, '30 seconds to 30 days (2,592,000), or -1 for 30 days'];
	// -1 is documented for authentication and utility only; with no category known, Meta decides.
	if (value === MESSAGE_TTL_THIRTY_DAYS && upper !== 'MARKETING') return [];
	if (value < range[0] || value > range[1]) {
		return [problem('Template', field, `must be ${range[2]}${category ? ` for ${upper} templates` : ''} (it is ${value})`)];
	}
	return [];
}

/** Checks a header sample file before it is uploaded. */
export function validateHeaderSample(format: string, file: { mimeType?: string; size: number; fileName?: string }): TemplateProblem[] {
	const component = 'HEADER component';
	const accepted = HEADER_SAMPLE_TYPES[format.toUpperCase()];
	if (!accepted) return [];
	const problems: TemplateProblem[] = [];
	const mimeType = (file.mimeType ?? '').split(';')[0].trim().toLowerCase();
	if (!accepted.mimeTypes.includes(mimeType)) {
		problems.push(
			problem(component, 'sample file', `must be ${accepted.mimeTypes.join(' or ')} for a ${format.toLowerCase()} header (got ${mimeType || 'an unknown type'})`),
		);
	}
	if (file.size === 0) problems.push(problem(component, 'sample file', 'is empty'));
	if (file.size > accepted.maxBytes) {
		problems.push(problem(component, 'sample file', `must be at most ${accepted.maxBytes / 1024 / 1024} MB (it has ${(file.size / 1024 / 1024).toFixed(1)} MB)`));
	}
	return problems;
}
