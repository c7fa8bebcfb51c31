import type { IDataObject } from 'n8n-workflow';

/** The Graph edge listing and creating the WhatsApp Flows of a WABA. */
export const flowsPath = (businessAccountId: string) => `/${businessAccountId}/flows`;

/** Flow categories, from Meta's `create_flow` categories enum (Python Business SDK). */
export const FLOW_CATEGORIES = [
	'SIGN_UP',
	'SIGN_IN',
	'APPOINTMENT_BOOKING',
	'LEAD_GENERATION',
	'CONTACT_US',
	'CUSTOMER_SUPPORT',
	'SURVEY',
	'SHOPPING',
	'OTHER',
] as const;

/** "Flow JSON content string is limited and cannot exceed 10 MB" (Meta's Flow JSON reference). */
export const MAX_FLOW_JSON_BYTES = 10 * 1024 * 1024;

/** Infobip's and AWS's Flow APIs, which mirror Meta's, cap a flow name at 200 characters. */
export const MAX_FLOW_NAME_LENGTH = 200;

/** Fields a flow node exposes (Meta's Flow reference); `id` always comes back. */
export const FLOW_FIELDS = [
	'application',
	'categories',
	'data_api_version',
	'endpoint_uri',
	'health_status',
	'json_version',
	'name',
	'preview',
	'status',
	'updated_at',
	'validation_errors',
	'whatsapp_business_account',
] as const;

/**
 * The `fields` parameter for a flow. `preview` alone is not a field Meta serves: it must be asked as
 * `preview.invalidate(false)`, or `invalidate(true)` to expire the old link and mint a new one.
 */
export function flowFieldsParameter(fields: string[], invalidatePreview = false): string {
	const wanted = fields.filter((field) => field !== 'id');
	return ['id', ...wanted]
		.map((field) => (field === 'preview' ? `preview.invalidate(${invalidatePreview ? 'true' : 'false'})` : field))
		.join(',');
}

/**
 * A flow chosen in a resource locator: a bare ID, a `{mode, value}` locator, or a WhatsApp Manager
 * link (`.../wa/manage/flows/<id>/...`). Returns the ID or undefined when none can be read.
 */
export function flowIdFromLocator(value: unknown): string | undefined {
	let raw: unknown = value;
	if (raw && typeof raw === 'object' && 'value' in (raw as IDataObject)) raw = (raw as IDataObject).value;
	if (raw === undefined || raw === null) return undefined;
	const text = String(raw).trim();
	if (/^\d+$/.test(text)) return text;
	const fromLink = /\/flows\/(\d+)(?:[/?#]|$)/.exec(text);
	if (fromLink) return fromLink[1];
	const fromQuery = /[?&]flow_id=(\d+)/.exec(text);
	return fromQuery?.[1];
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

/** One Flow JSON validation error as the node outputs it. */
export interface FlowValidationError extends IDataObject {
	message: string;
	line: number | null;
	column: number | null;
	lineEnd: number | null;
	columnEnd: number | null;
	/** The first pointer's path, e.g. `screens[0].layout.children[0].type`. */
	path: string | null;
	error: string | null;
	errorType: string | null;
	pointers: IDataObject[];
}

const numberOrNull = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/**
 * Meta's `validation_errors` (`error`, `error_type`, `message`, `line_start`, `line_end`,
 * `column_start`, `column_end`, `pointers[{path,...}]`) as flat items a workflow can read.
 */
export function normalizeValidationErrors(raw: unknown): FlowValidationError[] {
	if (!Array.isArray(raw)) return [];
	return raw.map((entry) => {
		const item = (entry && typeof entry === 'object' ? entry : { message: String(entry) }) as IDataObject;
		const pointers = Array.isArray(item.pointers) ? (item.pointers as IDataObject[]) : [];
		const firstPath = pointers.find((pointer) => typeof pointer?.path === 'string')?.path as string | undefined;
		return {
			message: String(item.message ?? item.error ?? 'Validation error'),
			line: numberOrNull(item.line_start),
			column: numberOrNull(item.column_start),
			lineEnd: numberOrNull(item.line_end),
			columnEnd: numberOrNull(item.column_end),
			path: firstPath ?? null,
			error: typeof item.error === 'string' ? item.error : null,
			errorType: typeof item.error_type === 'string' ? item.error_type : null,
			pointers,
		};
	});
}

/** A one-line summary of validation errors for an error message. */
export function describeValidationErrors(errors: FlowValidationError[], max = 3): string {
	const shown = errors.slice(0, max).map((error) => {
		const where = error.line !== null ? ` (line ${error.line}${error.column !== null ? `, column ${error.column}` : ''})` : '';
		return `${error.message}${where}`;
	});
	const more = errors.length > max ? `; and ${errors.length - max} more` : '';
	return `${shown.join('; ')}${more}`;
}

/** A flow as Meta returns it, with validation errors made structured. */
export function normalizeFlow(raw: IDataObject): IDataObject {
	const result: IDataObject = { ...raw };
	if (raw.id !== undefined && raw.id !== null) result.id = String(raw.id);
	if (raw.validation_errors !== undefined) result.validation_errors = normalizeValidationErrors(raw.validation_errors);
	return result;
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
