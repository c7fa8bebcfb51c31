import type http from 'node:http';

import { fbtraceId } from './graph';
import type { SandboxState } from './state';
import type { RequestContext, RouteRegistry } from './types';

/** Meta's x-business-use-case-usage header; a regain time above 0 says the app is throttled. */
export function usageHeader(state: SandboxState, regainMinutes = 0): string {
	return JSON.stringify({
		[state.wabaId]: [
			{
				type: 'whatsapp_business_management',
				call_count: regainMinutes ? 100 : 1,
				total_cputime: 1,
				total_time: 1,
				estimated_time_to_regain_access: regainMinutes,
			},
		],
	});
}

/** Writes a JSON answer with the headers Graph puts on every response. */
export function sendJson(
	res: http.ServerResponse,
	state: SandboxState,
	status: number,
	payload: unknown,
	headers: Record<string, string> = {},
): void {
	const text = JSON.stringify(payload);
	res.writeHead(status, {
		'content-type': 'application/json; charset=UTF-8',
		'x-fb-trace-id': fbtraceId(),
		'x-business-use-case-usage': usageHeader(state),
		...headers,
	});
	res.end(text);
}

/**
 * A public download under `prefix`, like Meta's CDN links (template samples, profile pictures, flow
 * assets): no token needed; `find` gives the file, or nothing for a 404 with `notFound` as its text.
 */
export function publicDownload(
	registry: RouteRegistry,
	prefix: string,
	find: (ctx: RequestContext) => { data: Buffer | string; contentType: string } | undefined,
	notFound = 'Not Found',
): void {
	registry.raw(
		'GET',
		prefix,
		(ctx) => {
			const file = find(ctx);
			return file ? { raw: file.data, contentType: file.contentType } : { status: 404, raw: notFound, contentType: 'text/plain' };
		},
		{ authenticated: false },
	);
}
