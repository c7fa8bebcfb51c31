import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * One field value the node refuses to send, found before any request: by the description's own
 * rules (descriptionRules.ts) or by an operation's validate().
 */
export interface ParameterProblem {
	/** The field as the user sees it: its label, a path such as `Options > Fields`, or Meta's key (`buttons[0].url`). */
	field: string;
	/** What is wrong, phrased to follow the field: `must be 6 digits`. */
	rule: string;
	/** For template components: the part of Meta's `components` the field belongs to (`BODY component`). */
	component?: string;
	/** What to do about it, when the rule alone does not say. */
	hint?: string;
}

/** The last sentence of every refusal. */
export const NO_REQUEST_SENT = 'No request was sent to Meta.';

export function formatProblem(problem: ParameterProblem): string {
	return problem.component ? `${problem.component}: field "${problem.field}" ${problem.rule}` : `Field "${problem.field}": ${problem.rule}`;
}

/**
 * The one error an item's refused fields end in: the first problem as the message; every problem
 * (when there are several), the hints and NO_REQUEST_SENT as the description.
 */
export function refusal(node: INode, problems: ParameterProblem[], itemIndex: number): NodeOperationError {
	const lines = problems.length > 1 ? problems.map((problem) => `- ${formatProblem(problem)}`) : [];
	const hints = [...new Set(problems.map((problem) => problem.hint).filter((hint): hint is string => !!hint))];
	return new NodeOperationError(node, formatProblem(problems[0]), {
		itemIndex,
		description: [...lines, ...hints, NO_REQUEST_SENT].join('\n'),
	});
}
