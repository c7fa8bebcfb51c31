/** What Meta documents for WhatsApp Flows: the edge, the values and limits, the fields, the answers' shapes. */
import type { IDataObject } from 'n8n-workflow';

/** The Graph edge listing and creating the WhatsApp Flows of a WABA. */
export const flowsPath = (businessAccountId: string) => `/${businessAccountId}/flows`;

/**
 * Flow categories in Meta's order: https://developers.facebook.com/docs/whatsapp/flows/reference/flowsapi
 * lists SIGN_UP ... SURVEY, OTHER; the Python Business SDK's `create_flow` enum adds SHOPPING after OTHER.
 */
export const FLOW_CATEGORIES = [
	'SIGN_UP',
	'SIGN_IN',
	'APPOINTMENT_BOOKING',
	'LEAD_GENERATION',
	'CONTACT_US',
	'CUSTOMER_SUPPORT',
	'SURVEY',
	'OTHER',
	'SHOPPING',
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

export type FlowField = (typeof FLOW_FIELDS)[number];

/** Flow > Get's default fields: all but the WABA, the app and the update time, which the user already knows. */
export const FLOW_DEFAULT_FIELDS: FlowField[] = FLOW_FIELDS.filter(
	(field) => field !== 'application' && field !== 'updated_at' && field !== 'whatsapp_business_account',
);

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
