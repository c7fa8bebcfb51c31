/** Text length as WhatsApp counts it, and the problem of a text over one of Meta's limits. */
import type { ParameterProblem } from './parameterProblem';

/** Characters as WhatsApp counts them: code points, so an emoji counts once. */
export function characterCount(text: string): number {
	return [...text].length;
}

/** A text field over its maximum length, or empty when required. */
export function lengthProblem(field: string, text: string, max: number, required = false): ParameterProblem | undefined {
	if (!text.trim()) return required ? { field, rule: 'is empty' } : undefined;
	const count = characterCount(text);
	return count > max ? { field, rule: `has ${count} characters; Meta allows at most ${max}` } : undefined;
}
