import { randomBytes } from 'node:crypto';

import { GraphError } from '../graph';
import type { RequestContext } from '../server';
import type { FlowRecord, SandboxState } from '../state';

/** How a flow reads back from Graph (Flows API reference): `fields`, preview links, health status. */

const PREVIEW_TTL_MS = 30 * 24 * 60 * 60 * 1000;

const FIELDS = [
	'id',
	'name',
	'categories',
	'preview',
	'status',
	'validation_errors',
	'json_version',
	'data_api_version',
	'endpoint_uri',
	'health_status',
	'whatsapp_business_account',
	'application',
	'updated_at',
];
const DEFAULT_FIELDS = ['id', 'name', 'status', 'categories', 'validation_errors'];

/** Graph time format: `2023-05-21T11:18:09+0000`. */
function graphTime(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+0000');
}

function mintPreview(flow: FlowRecord): void {
	flow.preview = {
		preview_url: `https://business.facebook.com/wa/manage/flows/${flow.id}/preview/?token=${randomBytes(16).toString('hex')}`,
		expires_at: graphTime(Date.now() + PREVIEW_TTL_MS),
	};
}

export function healthStatus(state: SandboxState, flow: FlowRecord): Record<string, unknown> {
	if (flow.health_status) return flow.health_status;
	const flowState = flow.status === 'BLOCKED' ? 'BLOCKED' : 'AVAILABLE';
	return {
		can_send_message: flowState,
		entities: [
			{ entity_type: 'FLOW', id: flow.id, can_send_message: flowState },
			{ entity_type: 'WABA', id: state.wabaId, can_send_message: 'AVAILABLE' },
		],
	};
}

/** Splits `a,b.c(x),d` at the top-level commas. */
function splitFields(fields: string): string[] {
	const result: string[] = [];
	let depth = 0;
	let current = '';
	for (const char of fields) {
		if (char === '(') depth++;
		if (char === ')') depth--;
		if (char === ',' && depth === 0) {
			result.push(current.trim());
			current = '';
		} else current += char;
	}
	if (current.trim()) result.push(current.trim());
	return result.filter(Boolean);
}

/** A flow's Graph node, with `fields` applied; `preview.invalidate(true)` mints a new link. */
export function renderFlow(ctx: RequestContext, flow: FlowRecord, fieldsParameter: string | null): Record<string, unknown> {
	const requested = fieldsParameter ? splitFields(fieldsParameter) : DEFAULT_FIELDS;
	const result: Record<string, unknown> = {};
	for (const request of requested) {
		const name = request.replace(/[.{(].*$/, '');
		if (!FIELDS.includes(name)) throw new GraphError(100, `Tried accessing nonexisting field (${name}) on node type (Flow)`);
		switch (name) {
			case 'preview': {
				const invalidate = /invalidate\(\s*true\s*\)/.test(request);
				if (invalidate || !flow.preview || Date.parse(flow.preview.expires_at.replace('+0000', 'Z')) <= Date.now()) mintPreview(flow);
				result.preview = { ...flow.preview };
				break;
			}
			case 'health_status':
				result.health_status = healthStatus(ctx.state, flow);
				break;
			case 'whatsapp_business_account':
				result.whatsapp_business_account = { id: ctx.state.wabaId, name: ctx.state.wabaName };
				break;
			case 'updated_at':
				result.updated_at = graphTime(flow.updated_time ?? flow.created_time);
				break;
			default: {
				const value = (flow as unknown as Record<string, unknown>)[name];
				if (value !== undefined) result[name] = value;
			}
		}
	}
	result.id = flow.id;
	return result;
}
