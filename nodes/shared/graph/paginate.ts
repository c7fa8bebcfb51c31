import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { GraphContext } from './context';
import { graphRequest } from './request';

export interface PaginateOptions {
	path: string;
	qs?: IDataObject;
	returnAll: boolean;
	/** With returnAll false: how many items at most. */
	limit?: number;
	/** The largest page the endpoint allows; every request asks for it (or for what is left). */
	maxPageSize: number;
	itemIndex?: number;
	/** Where the list lives in a response when it is not `data` (or the body itself is an array). */
	listKeys?: string[];
	/**
	 * For endpoints that may answer the whole list at once (the welcome-sequence guide's bare array,
	 * where `limit` is just "how many to fetch"): the `limit` to ask for instead of `maxPageSize`.
	 * A Graph edge serves at most its own maximum per page whatever is asked, so cursor paging goes
	 * on as usual there. If Graph refuses the large limit (one of `limitRefusedCodes`), the request
	 * is sent once more with `maxPageSize`, and later pages keep that size.
	 */
	wholeListLimit?: number;
	/** Meta error codes that mean "this limit is refused" (default: 100, invalid parameter). */
	limitRefusedCodes?: number[];
}

/** Whether a Graph error is a refusal of the request's parameters (so a smaller `limit` may pass). */
function isRefusal(error: unknown, codes: number[]): boolean {
	return error instanceof NodeApiError && codes.includes(error.context.metaCode as number);
}

/** Extracts the list from a Graph collection in any of the shapes Meta has used. */
export function listFromResponse(body: unknown, listKeys: string[] = []): IDataObject[] {
	if (Array.isArray(body)) return body as IDataObject[];
	if (body && typeof body === 'object') {
		for (const key of ['data', ...listKeys]) {
			const value = (body as IDataObject)[key];
			if (Array.isArray(value)) return value as IDataObject[];
		}
	}
	return [];
}

/** The cursor of the next page, when Graph says there is one. */
function nextCursorOf(body: unknown): string | undefined {
	const paging = (body && typeof body === 'object' && !Array.isArray(body) ? (body as IDataObject).paging : undefined) as
		| { next?: string; cursors?: { after?: string } }
		| undefined;
	return paging?.next ? paging.cursors?.after : undefined;
}

/**
 * Cursor pagination: follows `paging.cursors.after` for as long as Graph sends `paging.next`, asking
 * for the largest page each time so the number of calls is ceil(N / page size). With
 * `wholeListLimit`, an endpoint that answers a bare array gets its whole list in one call.
 */
export async function graphPaginate(this: GraphContext, options: PaginateOptions): Promise<IDataObject[]> {
	const results: IDataObject[] = [];
	const wanted = options.returnAll ? Infinity : Math.max(0, options.limit ?? 50);
	if (wanted === 0) return results;
	const refusedCodes = options.limitRefusedCodes ?? [100];
	// The most one request asks for: the edge's maximum, or the whole-list limit while Graph accepts it.
	let pageCap = Math.max(options.maxPageSize, options.wholeListLimit ?? 0);
	let after: string | undefined;
	/** One page: `size` as the limit (none when undefined), from the current cursor. */
	const request = (size: number | undefined) => {
		const qs: IDataObject = { ...(options.qs ?? {}) };
		if (size !== undefined) qs.limit = size;
		if (after) qs.after = after;
		return graphRequest.call(this, { method: 'GET', path: options.path, qs, itemIndex: options.itemIndex });
	};
	for (;;) {
		let pageSize = Math.min(pageCap, wanted - results.length);
		let body: unknown;
		try {
			body = await request(pageSize);
		} catch (error) {
			// Safety net for the whole-list limit: an edge that refuses a limit above its maximum
			// (invalid parameter) is asked once more with the maximum, and keeps it from then on.
			if (pageSize <= options.maxPageSize || !isRefusal(error, refusedCodes)) throw error;
			pageCap = options.maxPageSize;
			pageSize = Math.min(pageCap, wanted - results.length);
			body = await request(pageSize);
		}
		let page = listFromResponse(body, options.listKeys);
		if (Array.isArray(body) && !after && page.length >= pageSize && wanted > pageSize) {
			// A bare array (the welcome-sequence guide's shape) has no cursors: `limit` is simply how
			// many to return. A full page may be a cut list, so ask once more without a limit.
			page = listFromResponse(await request(undefined), options.listKeys);
		}
		for (const entry of page) {
			if (results.length >= wanted) break;
			results.push(entry);
		}
		const nextCursor = nextCursorOf(body);
		if (!nextCursor || results.length >= wanted || page.length === 0 || nextCursor === after) break;
		after = nextCursor;
	}
	return results;
}
