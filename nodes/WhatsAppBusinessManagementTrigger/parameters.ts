import type { INode } from 'n8n-workflow';

/** Whether a parameter value is, or holds, an n8n expression (a string that starts with "="). */
export function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(holdsExpression);
	if (typeof value === 'object' && value !== null) return Object.values(value).some(holdsExpression);
	return false;
}

/**
 * One of the trigger's parameters, as `getNodeParameter(name, fallback)` gives it, for the calls
 * n8n makes per webhook delivery. A saved value without an expression is that value: for these
 * parameters (a boolean, a multi-option list and a collection of a string and a number, none with
 * `validateType`) getNodeParameter only copies it, and `node` is already the copy getNode()
 * returned; n8n fills in the defaults when it loads the workflow, and `fallback` stands in for a
 * value that is missing. A value that holds an expression is resolved by `resolve` (n8n's
 * getNodeParameter). Each getNodeParameter call rebuilds n8n's expression context and looks the
 * parameter up among the node's properties, which cost tens of microseconds a call, several per
 * delivery, on top of a webhook that does the rest of its work in about half a millisecond.
 */
export function triggerParameter<T>(node: INode, name: string, fallback: T, resolve: () => unknown): T {
	const value = node.parameters[name];
	if (value === undefined || value === null) return fallback;
	return (holdsExpression(value) ? resolve() : value) as T;
}
