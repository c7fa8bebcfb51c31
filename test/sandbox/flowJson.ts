/**
 * The sandbox's Flow JSON checks: what Meta's asset upload reports as `validation_errors` for the
 * structural problems its reference documents (flowjson.mdx): the text must parse, the root must be an
 * object with `version` (string) and a non-empty `screens` list, each screen needs an `id` and a
 * `layout`, and the root takes no properties besides the documented ones. Errors carry Meta's shape:
 * `error`, `error_type`, `message`, `line_start/line_end/column_start/column_end` and `pointers`.
 */

export interface Span {
	start: number;
	end: number;
}

export interface JsonLocation {
	/** Where the value at a path sits; paths look like `screens[0].layout` ('' is the root). */
	values: Map<string, Span>;
	/** Where the property key of a path sits (only for object members). */
	keys: Map<string, Span>;
}

/** Records the position of every value and key of a JSON text (which must already parse). */
export function locateJson(text: string): JsonLocation {
	const values = new Map<string, Span>();
	const keys = new Map<string, Span>();
	let i = 0;
	const skip = () => {
		while (i < text.length && /\s/.test(text[i])) i++;
	};
	const readString = (): string => {
		const start = i;
		i++;
		while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
		i++;
		return JSON.parse(text.slice(start, i)) as string;
	};
	const value = (path: string): void => {
		skip();
		const start = i;
		const char = text[i];
		if (char === '{') {
			i++;
			skip();
			while (text[i] !== '}') {
				skip();
				const keyStart = i;
				const key = readString();
				const childPath = path ? `${path}.${key}` : key;
				keys.set(childPath, { start: keyStart, end: i });
				skip();
				i++; // ':'
				value(childPath);
				skip();
				if (text[i] === ',') i++;
				skip();
			}
			i++;
		} else if (char === '[') {
			i++;
			skip();
			let index = 0;
			while (text[i] !== ']') {
				value(`${path}[${index++}]`);
				skip();
				if (text[i] === ',') i++;
				skip();
			}
			i++;
		} else if (char === '"') {
			readString();
		} else {
			while (i < text.length && /[^\s,\]}]/.test(text[i])) i++;
		}
		values.set(path, { start, end: i });
	};
	value('');
	return { values, keys };
}

export function position(text: string, offset: number): { line: number; column: number } {
	const lines = text.slice(0, offset).split('\n');
	return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

export interface FlowValidationError {
	error: string;
	error_type: string;
	message: string;
	line_start: number;
	line_end: number;
	column_start: number;
	column_end: number;
	pointers: Array<{ line_start: number; line_end: number; column_start: number; column_end: number; path: string }>;
}

/** Meta's `$root/screens/0` notation for a `screens[0]` path. */
function schemaPath(path: string): string {
	return ['$root', ...path.split(/[.[\]]+/).filter(Boolean)].join('/');
}

const ROOT_PROPERTIES = ['version', 'screens', 'data_api_version', 'routing_model', 'data_channel_uri'];

type AddError = (error: string, message: string, path: string, span: Span | undefined) => void;

/** The error Meta reports for Flow JSON that does not parse, at the position the parser names. */
function syntaxError(text: string, caught: Error): FlowValidationError {
	const offset = Number(/at position (\d+)/.exec(caught.message)?.[1] ?? 0);
	const at = position(text, offset);
	return {
		error: 'INVALID_JSON',
		error_type: 'JSON_SYNTAX_ERROR',
		message: `The Flow JSON is not valid JSON: ${caught.message}`,
		line_start: at.line,
		line_end: at.line,
		column_start: at.column,
		column_end: at.column,
		pointers: [],
	};
}

function checkScreen(screen: unknown, index: number, where: ReturnType<typeof locateJson>, add: AddError) {
	const path = `screens[${index}]`;
	if (!screen || typeof screen !== 'object' || Array.isArray(screen)) {
		add('INVALID_PROPERTY_TYPE', `Expected property "${schemaPath(path)}" to be of type "object".`, path, where.values.get(path));
		return;
	}
	const record = screen as Record<string, unknown>;
	for (const required of ['id', 'layout']) {
		if (record[required] === undefined) {
			add('MISSING_REQUIRED_PROPERTY', `The property "${required}" is required at "${schemaPath(path)}".`, path, where.values.get(path));
		}
	}
	if (record.id !== undefined && typeof record.id !== 'string') {
		add('INVALID_PROPERTY_TYPE', `Expected property "${schemaPath(`${path}.id`)}" to be of type "string".`, `${path}.id`, where.values.get(`${path}.id`));
	}
	if (record.layout !== undefined && (!record.layout || typeof record.layout !== 'object' || Array.isArray(record.layout))) {
		add(
			'INVALID_PROPERTY_TYPE',
			`Expected property "${schemaPath(`${path}.layout`)}" to be of type "object".`,
			`${path}.layout`,
			where.values.get(`${path}.layout`),
		);
	}
}

function checkRoot(root: Record<string, unknown>, where: ReturnType<typeof locateJson>, add: AddError) {
	for (const key of Object.keys(root)) {
		if (!ROOT_PROPERTIES.includes(key)) {
			add('INVALID_PROPERTY', `The property "${key}" cannot be specified at "$root".`, key, where.keys.get(key));
		}
	}
	if (root.version === undefined) {
		add('MISSING_REQUIRED_PROPERTY', 'The property "version" is required at "$root".', '', undefined);
	} else if (typeof root.version !== 'string') {
		add('INVALID_PROPERTY_TYPE', 'Expected property "version" to be of type "string".', 'version', where.values.get('version'));
	}
	if (root.screens === undefined) {
		add('MISSING_REQUIRED_PROPERTY', 'The property "screens" is required at "$root".', '', undefined);
	} else if (!Array.isArray(root.screens)) {
		add('INVALID_PROPERTY_TYPE', 'Expected property "screens" to be of type "array".', 'screens', where.values.get('screens'));
	} else if (root.screens.length === 0) {
		add('INVALID_PROPERTY_VALUE', 'The property "screens" must contain at least 1 screen.', 'screens', where.values.get('screens'));
	} else {
		root.screens.forEach((screen, index) => checkScreen(screen, index, where, add));
	}
}

export function validateFlowJson(text: string): FlowValidationError[] {
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch (caught) {
		return [syntaxError(text, caught as Error)];
	}
	const where = locateJson(text);
	const errors: FlowValidationError[] = [];
	const add: AddError = (error, message, path, span) => {
		const chosen = span ?? where.values.get('') ?? { start: 0, end: 0 };
		const from = position(text, chosen.start);
		const to = position(text, chosen.end);
		const pointer = { line_start: from.line, line_end: to.line, column_start: from.column, column_end: to.column, path };
		errors.push({
			error,
			error_type: 'JSON_SCHEMA_ERROR',
			message,
			line_start: from.line,
			line_end: to.line,
			column_start: from.column,
			column_end: to.column,
			pointers: [pointer],
		});
	};
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
		add('INVALID_PROPERTY_TYPE', 'Expected property "$root" to be of type "object".', '', where.values.get(''));
		return errors;
	}
	checkRoot(parsed as Record<string, unknown>, where, add);
	return errors;
}
