import type http from 'node:http';

import { fbtraceId } from './graph';
import type { SandboxState } from './state';

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
