/** Variables in template text (`{{1}}`, `{{first_name}}`): finding them, and the rules for their names. */
import type { ParameterFormat } from './graph';
import { problem, type TemplateProblem } from './templateProblem';

/** `{{1}}`, `{{first_name}}`: every variable in a text, in order of appearance (with repeats). */
export function extractVariables(text: string): string[] {
	const variables: string[] = [];
	for (const match of text.matchAll(/\{\{\s*([^{}]*?)\s*\}\}/g)) variables.push(match[1]);
	return variables;
}

export const POSITIONAL_VARIABLE = /^[1-9]\d*$/;
const NAMED_VARIABLE = /^[a-z][a-z0-9_]*$/;

/**
 * Checks variables of a text against the parameter format: positional ones numbered {{1}}..{{n}}
 * without gaps, named ones in lowercase snake case, never mixed.
 */
export function checkVariableNames(component: string, variables: string[], format: ParameterFormat): TemplateProblem[] {
	const problems: TemplateProblem[] = [];
	for (const variable of new Set(variables)) {
		if (format === 'POSITIONAL' && !POSITIONAL_VARIABLE.test(variable)) {
			problems.push(problem(component, 'text', `uses variable {{${variable}}}, but the positional parameter format allows only {{1}}, {{2}}, ...`));
		}
		if (format === 'NAMED' && !NAMED_VARIABLE.test(variable)) {
			problems.push(
				problem(
					component,
					'text',
					`uses variable {{${variable}}}, but the named parameter format needs lowercase letters, digits and underscores, starting with a letter`,
				),
			);
		}
	}
	if (format === 'POSITIONAL' && !problems.length) {
		const numbers = [...new Set(variables)].map(Number).sort((a, b) => a - b);
		const gap = numbers.findIndex((value, index) => value !== index + 1);
		if (gap !== -1) {
			problems.push(problem(component, 'text', `must number its variables {{1}} to {{${numbers.length}}} without gaps (found {{${numbers[gap]}}})`));
		}
	}
	return problems;
}
