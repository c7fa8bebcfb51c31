import type { ParameterProblem } from '../common/parameterProblem';

export { formatProblem } from '../common/parameterProblem';

/** One broken rule: which component, which field (Meta's key, e.g. `buttons[0].url`), and what the rule says. */
export type TemplateProblem = ParameterProblem & { component: string };

export const problem = (component: string, field: string, rule: string): TemplateProblem => ({ component, field, rule });

export const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

