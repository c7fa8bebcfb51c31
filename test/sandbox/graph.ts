/**
 * Graph API building blocks for the WABA sandbox: Meta's error envelope, cursor paging and ids.
 * Written from Meta's documentation (see ../../../shared/reference/graph-api.md), not from the node.
 */
import { randomBytes } from 'node:crypto';

export interface GraphErrorOptions {
	httpStatus?: number;
	subcode?: number;
	userTitle?: string;
	userMsg?: string;
	details?: string;
	isTransient?: boolean;
	type?: string;
}

/** A Graph failure a route handler throws; the server renders it as Meta's error envelope. */
export class GraphError extends Error {
	constructor(
		readonly code: number,
		message: string,
		readonly options: GraphErrorOptions = {},
	) {
		super(message);
	}

	get httpStatus(): number {
		return this.options.httpStatus ?? 400;
	}

	toBody() {
		const error: Record<string, unknown> = {
			message: `(#${this.code}) ${this.message}`,
			type: this.options.type ?? 'OAuthException',
			code: this.code,
		};
		if (this.options.subcode !== undefined) error.error_subcode = this.options.subcode;
		if (this.options.userTitle) error.error_user_title = this.options.userTitle;
		if (this.options.userMsg) error.error_user_msg = this.options.userMsg;
		if (this.options.details) error.error_data = { messaging_product: 'whatsapp', details: this.options.details };
		if (this.options.isTransient !== undefined) error.is_transient = this.options.isTransient;
		error.fbtrace_id = fbtraceId();
		return { error };
	}
}

export function fbtraceId(): string {
	return randomBytes(12).toString('base64').replace(/[+/=]/g, 'A');
}

/** Code 100 "Invalid parameter", the answer to most malformed requests. */
export function invalidParameter(details: string, subcode?: number): GraphError {
	return new GraphError(100, 'Invalid parameter', { details, subcode, userMsg: details });
}

/** What Graph answers for an ID it cannot load (code 100, subcode 33). */
export function unknownObject(id: string): GraphError {
	return new GraphError(
		100,
		`Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
		{ subcode: 33 },
	);
}

export function encodeCursor(index: number): string {
	return Buffer.from(`cursor:${index}`).toString('base64');
}

export function decodeCursor(cursor: string | undefined): number | undefined {
	if (!cursor) return undefined;
	const text = Buffer.from(cursor, 'base64').toString('utf8');
	const match = /^cursor:(\d+)$/.exec(text);
	if (!match) throw invalidParameter(`Invalid cursor: ${cursor}`);
	return Number(match[1]);
}

export interface PageOptions {
	defaultLimit: number;
	maxLimit: number;
	/** The URL the page was served at, to build `paging.next` / `paging.previous` from. */
	selfUrl: URL;
}

/**
 * Graph cursor paging: `limit`, `after`, `before`; `paging.next` only when more follows. Graph
 * serves at most the edge's maximum whatever `limit` asks.
 */
export function paginate<T>(list: T[], query: URLSearchParams, options: PageOptions) {
	const rawLimit = query.get('limit');
	let limit = options.defaultLimit;
	if (rawLimit !== null) {
		if (!/^\d+$/.test(rawLimit)) throw invalidParameter('limit must be a positive integer');
		limit = Math.max(1, Math.min(options.maxLimit, Number(rawLimit)));
	}
	const after = decodeCursor(query.get('after') ?? undefined);
	const before = decodeCursor(query.get('before') ?? undefined);
	let start = after !== undefined ? after + 1 : 0;
	if (before !== undefined && after === undefined) start = Math.max(0, before - limit);
	const end = Math.min(list.length, start + limit);
	const data = list.slice(start, end);
	const paging: Record<string, unknown> = {};
	if (data.length) {
		paging.cursors = { before: encodeCursor(start), after: encodeCursor(end - 1) };
		if (end < list.length) {
			const next = new URL(options.selfUrl.toString());
			next.searchParams.set('limit', String(limit));
			next.searchParams.set('after', encodeCursor(end - 1));
			next.searchParams.delete('before');
			paging.next = next.toString();
		}
		if (start > 0) {
			const previous = new URL(options.selfUrl.toString());
			previous.searchParams.set('limit', String(limit));
			previous.searchParams.set('before', encodeCursor(start));
			previous.searchParams.delete('after');
			paging.previous = previous.toString();
		}
	}
	return { data, paging };
}

/** Applies Graph's `fields=a,b,c` selection; `id` is always kept, as Graph does. */
export function selectFields<T extends Record<string, unknown>>(object: T, fields: string | null, defaults: string[]): Record<string, unknown> {
	const wanted = fields ? fields.split(',').map((f) => f.trim().replace(/[.{(].*$/, '')).filter(Boolean) : defaults;
	const result: Record<string, unknown> = {};
	for (const key of wanted) {
		if (object[key] !== undefined) result[key] = object[key];
	}
	if (object.id !== undefined) result.id = object.id;
	return result;
}

let idCounter = 0;
/** Graph ids are numeric strings; these are unique within one process. */
export function newId(prefix = '1'): string {
	idCounter += 1;
	return `${prefix}${String(Date.now() % 1e9).padStart(9, '0')}${String(idCounter).padStart(5, '0')}`;
}
