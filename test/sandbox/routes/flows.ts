import { randomBytes } from 'node:crypto';

import { GraphError, invalidParameter, newId, paginate } from '../graph';
import { validateFlowJson } from '../flowJson';
import { publicDownload } from '../respond';
import type { HandlerResult, RequestContext, RouteRegistry } from '../server';
import type { FlowRecord, SandboxState } from '../state';
import { healthStatus, renderFlow } from './flowRendering';

/**
 * WhatsApp Flows, per Meta's Flows API reference (graph-api.md section 2) and the lifecycle and
 * error-code pages it cites:
 * - `GET/POST /{waba}/flows` list and create (name unique per WABA, categories required),
 * - `GET/POST/DELETE /{flow}` read (fields, preview.invalidate()), update metadata, delete drafts,
 * - `POST /{flow}/publish`, `POST /{flow}/deprecate`, `GET/POST /{flow}/assets` (multipart flow.json).
 * Choice documented in state.ts: editing a PUBLISHED flow moves it back to DRAFT (2025 lifecycle
 * doc) unless `flowEditsRevertToDraft` is false, then 139001 as on WABAs with On-Premises numbers.
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
];
const MAX_FLOW_JSON_BYTES = 10 * 1024 * 1024;
const MAX_NAME_LENGTH = 200;
export const FLOW_ASSET_PREFIX = '/flow-assets/';

const errors = {
	nameNotUnique: () =>
		new GraphError(100, 'Invalid parameter', {
			details: 'Flow name is not unique',
			userTitle: 'Flow name is not unique',
			userMsg: 'Flow name is not unique',
		}),
	required: (name: string) => new GraphError(100, `The parameter ${name} is required`),
	cannotUpdate: (why: string) =>
		new GraphError(139001, "Can't update flow", { userTitle: "Can't update flow", userMsg: why, details: why }),
	publishFailed: (why: string) =>
		new GraphError(139002, 'Publishing Flow failed', { userTitle: 'Publishing Flow failed', userMsg: why, details: why }),
	deprecateFailed: (status: string) =>
		new GraphError(139003, "Can't deprecate flow", {
			userTitle: "Can't deprecate flow",
			userMsg: `Only published flows can be deprecated; this flow is ${status}.`,
		}),
	deleteFailed: (status: string) =>
		new GraphError(139004, "Can't delete flow", {
			userTitle: "Can't delete flow",
			userMsg: `Only flows in DRAFT status can be deleted; this flow is ${status}.`,
		}),
	blocked: () =>
		new GraphError(139000, 'Blocked by integrity', {
			userTitle: 'Blocked by integrity',
			userMsg: 'The flow was blocked by integrity checks and cannot be changed.',
		}),
};

function present(value: unknown): boolean {
	return value !== undefined && value !== null && value !== '';
}

/** Categories arrive as an array (JSON body) or as a JSON-encoded string (form or multipart). */
function readCategories(value: unknown): string[] {
	let list: unknown = value;
	if (typeof value === 'string') {
		try {
			list = JSON.parse(value);
		} catch {
			list = value.split(',').map((c) => c.trim());
		}
	}
	if (!Array.isArray(list) || list.length === 0) throw invalidParameter('categories must be a non-empty array');
	for (const category of list) {
		if (typeof category !== 'string' || !FLOW_CATEGORIES.includes(category)) {
			throw invalidParameter(`categories: "${String(category)}" is not one of ${FLOW_CATEGORIES.join(', ')}`);
		}
	}
	return [...new Set(list as string[])];
}

function readName(state: SandboxState, value: unknown, exceptId?: string): string {
	if (typeof value !== 'string' || !value.trim()) throw invalidParameter('name must be a non-empty string');
	const name = value.trim();
	if (name.length > MAX_NAME_LENGTH) throw invalidParameter(`name must be at most ${MAX_NAME_LENGTH} characters`);
	for (const flow of state.flows.values()) {
		if (flow.name === name && flow.id !== exceptId) throw errors.nameNotUnique();
	}
	return name;
}

function readEndpointUri(value: unknown): string {
	const text = String(value).trim();
	if (!/^https:\/\/[^\s/]+/.test(text)) throw invalidParameter('endpoint_uri must be an https URL');
	return text;
}

/** Meta takes the Flow JSON as a string, never as a nested object. */
function readFlowJsonString(value: unknown): string {
	if (typeof value !== 'string') throw invalidParameter('flow_json must be a string containing the Flow JSON');
	if (Buffer.byteLength(value, 'utf8') > MAX_FLOW_JSON_BYTES) {
		throw invalidParameter('Flow JSON content string is limited and cannot exceed 10 MB');
	}
	return value;
}

function readBoolean(value: unknown): boolean {
	return value === true || value === 'true' || value === '1' || value === 1;
}

/** Stores a Flow JSON on a flow: validation errors, versions and a fresh download token. */
function attachFlowJson(flow: FlowRecord, text: string): void {
	flow.flow_json = text;
	flow.validation_errors = validateFlowJson(text) as unknown as Array<Record<string, unknown>>;
	let parsed: Record<string, unknown> = {};
	try {
		parsed = JSON.parse(text) as Record<string, unknown>;
	} catch {
		// Validation errors already say so.
	}
	flow.json_version = typeof parsed.version === 'string' ? parsed.version : undefined;
	flow.data_api_version = typeof parsed.data_api_version === 'string' ? parsed.data_api_version : undefined;
	flow.asset_token = randomBytes(12).toString('hex');
}

/** What a change to a flow's metadata or JSON does, by status (lifecycle doc). */
function beforeEdit(state: SandboxState, flow: FlowRecord): void {
	if (flow.status === 'BLOCKED') throw errors.blocked();
	if (flow.status === 'DEPRECATED') throw errors.cannotUpdate('A deprecated flow cannot be updated; clone it into a new flow.');
	if (flow.status === 'PUBLISHED' || flow.status === 'THROTTLED') {
		if (!state.flowEditsRevertToDraft) {
			throw errors.cannotUpdate('A published flow cannot be updated; clone it with clone_flow_id and publish the clone.');
		}
		flow.status = 'DRAFT';
	}
}

export function makeFlow(partial: Partial<FlowRecord> & { flow_json?: unknown }): FlowRecord {
	const flow: FlowRecord = {
		id: partial.id ?? newId('7'),
		name: partial.name ?? 'Flow',
		status: partial.status ?? 'DRAFT',
		categories: partial.categories ?? ['OTHER'],
		validation_errors: [],
		endpoint_uri: partial.endpoint_uri,
		health_status: partial.health_status,
		application: partial.application,
		preview: partial.preview,
		created_time: partial.created_time ?? Date.now(),
	};
	if (partial.flow_json !== undefined) {
		attachFlowJson(flow, typeof partial.flow_json === 'string' ? partial.flow_json : JSON.stringify(partial.flow_json, null, 2));
	}
	if (partial.validation_errors) flow.validation_errors = partial.validation_errors;
	return flow;
}

function flowOf(ctx: RequestContext): FlowRecord {
	return ctx.state.flows.get(ctx.params.id)!;
}

function listFlows(ctx: RequestContext): HandlerResult {
	const fields = ctx.query.get('fields');
	const list = [...ctx.state.flows.values()].map((flow) => renderFlow(ctx, flow, fields));
	return { json: paginate(list, ctx.query, { defaultLimit: 25, maxLimit: 100, selfUrl: ctx.url }) };
}

function createFlow(ctx: RequestContext): HandlerResult {
	const { input, state } = ctx;
	if (!present(input.name)) throw errors.required('name');
	if (!present(input.categories)) throw errors.required('categories');
	const name = readName(state, input.name);
	const categories = readCategories(input.categories);
	const flow = makeFlow({ name, categories });
	if (present(input.endpoint_uri)) flow.endpoint_uri = readEndpointUri(input.endpoint_uri);

	if (present(input.clone_flow_id)) {
		const source = state.flows.get(String(input.clone_flow_id));
		if (!source) throw invalidParameter(`clone_flow_id: flow ${String(input.clone_flow_id)} does not exist in this WhatsApp Business Account`);
		if (source.flow_json !== undefined) attachFlowJson(flow, source.flow_json);
		if (!flow.endpoint_uri && source.endpoint_uri) flow.endpoint_uri = source.endpoint_uri;
	}
	const withJson = present(input.flow_json);
	if (withJson) attachFlowJson(flow, readFlowJsonString(input.flow_json));
	const publish = readBoolean(input.publish);
	// "Only works if flow_json is also provided with valid Flow JSON": without it the request is
	// refused; with validation errors the flow is created as a DRAFT and the errors come back.
	if (publish && !withJson) throw invalidParameter('publish can only be set together with flow_json');
	if (publish && flow.validation_errors.length === 0) flow.status = 'PUBLISHED';

	state.flows.set(flow.id, flow);
	if (!withJson) return { json: { id: flow.id } };
	return { json: { id: flow.id, success: true, validation_errors: flow.validation_errors } };
}

function updateFlow(ctx: RequestContext): HandlerResult {
	const { input, state } = ctx;
	const flow = flowOf(ctx);
	const name = present(input.name) ? readName(state, input.name, flow.id) : undefined;
	const categories = present(input.categories) ? readCategories(input.categories) : undefined;
	const endpointUri = present(input.endpoint_uri) ? readEndpointUri(input.endpoint_uri) : undefined;
	const applicationId = present(input.application_id) ? String(input.application_id) : undefined;
	if (applicationId && applicationId !== state.appId) throw invalidParameter(`application_id ${applicationId} is not an app of this business`);
	beforeEdit(state, flow);
	if (name !== undefined) flow.name = name;
	if (categories) flow.categories = categories;
	if (endpointUri !== undefined) flow.endpoint_uri = endpointUri;
	if (applicationId) flow.application = { id: applicationId, name: 'Sandbox App' };
	flow.updated_time = Date.now();
	return { json: { success: true } };
}

function deleteFlow(ctx: RequestContext): HandlerResult {
	const flow = flowOf(ctx);
	if (flow.status !== 'DRAFT') throw errors.deleteFailed(flow.status);
	ctx.state.flows.delete(flow.id);
	return { json: { success: true } };
}

function publishFlow(ctx: RequestContext): HandlerResult {
	const flow = flowOf(ctx);
	if (flow.status === 'BLOCKED') throw errors.blocked();
	if (flow.status !== 'DRAFT') throw errors.publishFailed(`Publishing Flow in invalid state: the flow is ${flow.status}.`);
	if (flow.flow_json === undefined) throw errors.publishFailed('The flow has no Flow JSON.');
	if (flow.validation_errors.length) {
		throw errors.publishFailed(`The Flow JSON has ${flow.validation_errors.length} validation error(s); fix them before publishing.`);
	}
	// A flow that exchanges data with an endpoint declares data_api_version in its Flow JSON.
	if (flow.data_api_version) {
		if (!flow.endpoint_uri) throw errors.publishFailed('No endpoint URI: a flow with data_api_version needs endpoint_uri.');
		// "All the flows with endpoints need to have an Application connected to them" (Flows API, update metadata).
		if (!flow.application) throw errors.publishFailed('No Meta app connected: a flow with an endpoint needs application_id.');
		if (healthStatus(ctx.state, flow).can_send_message === 'BLOCKED') {
			throw errors.publishFailed('The flow endpoint is not available.');
		}
	}
	flow.status = 'PUBLISHED';
	flow.updated_time = Date.now();
	return { json: { success: true } };
}

function deprecateFlow(ctx: RequestContext): HandlerResult {
	const flow = flowOf(ctx);
	if (flow.status !== 'PUBLISHED' && flow.status !== 'THROTTLED') throw errors.deprecateFailed(flow.status);
	flow.status = 'DEPRECATED';
	flow.updated_time = Date.now();
	return { json: { success: true } };
}

function listAssets(ctx: RequestContext): HandlerResult {
	const flow = flowOf(ctx);
	const assets =
		flow.flow_json === undefined
			? []
			: [
					{
						name: 'flow.json',
						asset_type: 'FLOW_JSON',
						download_url: `${ctx.url.origin}${FLOW_ASSET_PREFIX}${flow.id}/${flow.asset_token}/flow.json`,
					},
				];
	return { json: paginate(assets, ctx.query, { defaultLimit: 25, maxLimit: 100, selfUrl: ctx.url }) };
}

function uploadAsset(ctx: RequestContext): HandlerResult {
	const flow = flowOf(ctx);
	const input = ctx.input;
	if (!/multipart\/form-data/i.test(ctx.contentType)) {
		throw invalidParameter('Flow assets are uploaded as multipart/form-data with a file part');
	}
	if (input.asset_type !== 'FLOW_JSON') throw invalidParameter('asset_type must be FLOW_JSON');
	if (!present(input.name)) throw errors.required('name');
	const file = ctx.files.find((f) => f.field === 'file');
	if (!file) throw errors.required('file');
	if (file.data.length > MAX_FLOW_JSON_BYTES) throw invalidParameter('Flow JSON content string is limited and cannot exceed 10 MB');
	beforeEdit(ctx.state, flow);
	attachFlowJson(flow, file.data.toString('utf8'));
	flow.updated_time = Date.now();
	// Meta keeps the upload whatever its validation errors and answers success.
	return { json: { success: true, validation_errors: flow.validation_errors } };
}

export function register(registry: RouteRegistry): void {
	registry.seeder('flows', (state: SandboxState, records) => {
		for (const record of records) {
			const flow = makeFlow(record as Partial<FlowRecord>);
			state.flows.set(flow.id, flow);
		}
	});

	registry.node('GET', 'waba', 'flows', listFlows);

	registry.node('POST', 'waba', 'flows', createFlow);

	registry.node('GET', 'flow', '', (ctx) => ({ json: renderFlow(ctx, flowOf(ctx), ctx.query.get('fields')) }));

	registry.node('POST', 'flow', '', updateFlow);

	registry.node('DELETE', 'flow', '', deleteFlow);

	registry.node('POST', 'flow', 'publish', publishFlow);

	registry.node('POST', 'flow', 'deprecate', deprecateFlow);

	registry.node('GET', 'flow', 'assets', listAssets);

	registry.node('POST', 'flow', 'assets', uploadAsset);

	// The signed CDN link from GET /{flow}/assets; like Meta's, it needs no token.
	publicDownload(
		registry,
		FLOW_ASSET_PREFIX,
		(ctx) => {
			const [flowId, token] = ctx.params.rest.split('/');
			const flow = ctx.state.flows.get(flowId);
			if (!flow || flow.flow_json === undefined || flow.asset_token !== token) return undefined;
			return { data: flow.flow_json, contentType: 'application/json' };
		},
		'URL signature expired',
	);
}
