/** What the node checks of a flow's fields before sending (structure is left to Meta's validation). */
import type { ParameterProblem } from '../common/parameterProblem';
import { FLOW_CATEGORIES, MAX_FLOW_JSON_BYTES, MAX_FLOW_NAME_LENGTH } from './graph';

/** A pure check's rules (`checkFlowName`...) as problems of one field. */
export function problemsFor(field: string, rules: string[]): ParameterProblem[] {
	return rules.length ? [{ field, rule: rules.join('; ') }] : [];
}

export interface FlowJsonText {
	/** The exact text that will be sent as flow.json. */
	text: string;
	/** Its parsed form. */
	parsed: unknown;
}

/** The 1-based line and column of a character offset in a text. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
	const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
	const lines = before.split('\n');
	return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

/**
 * Checks a Flow JSON before it is sent: it must parse and stay within Meta's 10 MB. Returns the
 * problems (empty when fine) so the caller can name its own field. Structure (version, screens...) is
 * left to Meta, which answers with validation errors the node passes on.
 */
export function checkFlowJson(input: unknown): { problems: string[]; flowJson?: FlowJsonText } {
	if (input === undefined || input === null || input === '') return { problems: ['is empty'] };
	let text: string;
	if (typeof input === 'string') text = input;
	else if (Buffer.isBuffer(input)) text = input.toString('utf8');
	else if (typeof input === 'object') text = JSON.stringify(input);
	else return { problems: [`must be a JSON object, not ${typeof input}`] };

	const size = Buffer.byteLength(text, 'utf8');
	if (size > MAX_FLOW_JSON_BYTES) {
		return { problems: [`is ${size} bytes; Meta accepts at most 10 MB (${MAX_FLOW_JSON_BYTES} bytes)`] };
	}
	if (!text.trim()) return { problems: ['is empty'] };
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch (error) {
		const message = (error as Error).message;
		const position = /at position (\d+)/.exec(message);
		const where = position ? (({ line, column }) => ` (line ${line}, column ${column})`)(lineAndColumn(text, Number(position[1]))) : '';
		return { problems: [`is not valid JSON${where}: ${message}`] };
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
		return { problems: ['must be a JSON object (with "version" and "screens")'] };
	}
	return { problems: [], flowJson: { text, parsed } };
}

/** Problems with a flow name (empty, too long). */
export function checkFlowName(name: unknown): string[] {
	const text = typeof name === 'string' ? name.trim() : '';
	if (!text) return ['is required'];
	if (text.length > MAX_FLOW_NAME_LENGTH) return [`must be at most ${MAX_FLOW_NAME_LENGTH} characters (it has ${text.length})`];
	return [];
}

/** A categories value as a list: a selection, or a comma-separated text from an expression. */
export function toCategoryList(categories: unknown): string[] {
	const list = Array.isArray(categories) ? categories : typeof categories === 'string' ? categories.split(',') : [];
	return list.map((c) => String(c).trim()).filter(Boolean);
}

/** Problems with a categories selection (empty, unknown values). */
export function checkFlowCategories(categories: unknown): string[] {
	const list = toCategoryList(categories);
	if (!list.length) return ['needs at least one category'];
	const unknown = list.filter((c) => !(FLOW_CATEGORIES as readonly string[]).includes(c));
	if (unknown.length) return [`has unknown values ${unknown.join(', ')}; allowed: ${FLOW_CATEGORIES.join(', ')}`];
	return [];
}

/** Meta calls the endpoint from its servers over HTTPS only. */
export function checkEndpointUri(uri: unknown): string[] {
	const text = typeof uri === 'string' ? uri.trim() : '';
	if (!text) return [];
	let parsed: URL;
	try {
		parsed = new URL(text);
	} catch {
		return ['must be a full URL such as https://example.com/flow'];
	}
	if (parsed.protocol !== 'https:') return ['must start with https:// (Meta only calls HTTPS endpoints)'];
	return [];
}

/** A Meta app ID is digits only (the App ID in App Dashboard > App settings > Basic). */
export function checkApplicationId(id: unknown): string[] {
	const text = typeof id === 'string' ? id.trim() : String(id ?? '');
	if (!text) return ['is empty; remove the field to keep the connected app'];
	return /^\d+$/.test(text) ? [] : [`must contain only digits, not "${text}"`];
}
