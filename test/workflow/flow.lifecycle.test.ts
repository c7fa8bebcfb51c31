import { Container } from '@n8n/di';
import { BinaryDataService } from 'n8n-core';
import type { IBinaryData } from 'n8n-workflow';

import { useSandbox } from '../helpers/sandbox';
import { jsonOf, runNode, sandboxCredential } from '../helpers/workflow';

const VALID_FLOW_JSON = JSON.stringify(
	{
		version: '7.0',
		screens: [{ id: 'BOOKING', title: 'Book a test drive', terminal: true, layout: { type: 'SingleColumnLayout', children: [] } }],
	},
	null,
	2,
);
/** The first screen lacks its layout, and the root carries a property Meta does not know. */
const INVALID_FLOW_JSON = '{\n  "version": "7.0",\n  "screens": [\n    { "id": "BOOKING" }\n  ],\n  "initial-text": "hi"\n}';

const locator = (value: string, mode = 'id') => ({ __rl: true, mode, value });

describe('Flow lifecycle through WorkflowExecute', () => {
	const sandbox = useSandbox();

	const run = (parameters: Record<string, unknown>, extra: { continueOnFail?: boolean; items?: unknown[] } = {}) =>
		runNode({
			parameters: { resource: 'flow', ...parameters },
			credential: sandboxCredential(sandbox),
			continueOnFail: extra.continueOnFail,
			items: extra.items as never,
		});

	it('walks one flow: create -> upload JSON with errors -> upload valid JSON -> preview -> publish -> deprecate', async () => {
		// Create
		const created = await run({
			operation: 'create',
			name: 'Test drive booking',
			categories: ['APPOINTMENT_BOOKING', 'LEAD_GENERATION'],
			additionalFields: { endpointUri: 'https://example.com/flow-endpoint' },
		});
		expect(created.error).toBeUndefined();
		const flowId = created.items[0].json.id as string;
		expect(flowId).toMatch(/^\d+$/);
		const createCall = sandbox.requestsTo('POST', `/${sandbox.state.wabaId}/flows`);
		expect(createCall).toHaveLength(1);
		expect(createCall[0].contentType).toMatch(/application\/json/);
		expect(createCall[0].body).toEqual({
			name: 'Test drive booking',
			categories: ['APPOINTMENT_BOOKING', 'LEAD_GENERATION'],
			endpoint_uri: 'https://example.com/flow-endpoint',
		});
		expect(sandbox.state.flows.get(flowId)?.status).toBe('DRAFT');

		// Upload a Flow JSON with validation errors: the item succeeds and lists them.
		sandbox.clearRequests();
		const withErrors = await run({ operation: 'uploadFlowJson', flowId: locator(flowId), source: 'json', flowJson: INVALID_FLOW_JSON });
		expect(withErrors.error).toBeUndefined();
		const uploadResult = withErrors.items[0].json;
		expect(uploadResult).toMatchObject({ id: flowId, success: true, valid: false });
		expect(uploadResult.validation_errors).toEqual([
			expect.objectContaining({
				message: 'The property "initial-text" cannot be specified at "$root".',
				line: 6,
				column: 3,
				path: 'initial-text',
				error: 'INVALID_PROPERTY',
				errorType: 'JSON_SCHEMA_ERROR',
			}),
			expect.objectContaining({ message: 'The property "layout" is required at "$root/screens/0".', line: 4, column: 5, path: 'screens[0]' }),
		]);
		const upload = sandbox.requestsTo('POST', `/${flowId}/assets`);
		expect(upload).toHaveLength(1);
		expect(upload[0].contentType).toMatch(/^multipart\/form-data; boundary=/);
		expect(upload[0].body).toEqual({ name: 'flow.json', asset_type: 'FLOW_JSON' });
		expect(upload[0].files).toEqual([expect.objectContaining({ field: 'file', filename: 'flow.json', contentType: 'application/json', size: Buffer.byteLength(INVALID_FLOW_JSON) })]);

		// Publishing now is refused by Meta with 139002.
		const tooEarly = await run({ operation: 'publish', flowId: locator(flowId) });
		expect(tooEarly.error?.message).toMatch(/^Meta error 139002: The Flow JSON has 2 validation error\(s\)/);
		expect(tooEarly.error?.description).toMatch(/Fix all validation errors/);

		// Upload a valid Flow JSON.
		const fixed = await run({ operation: 'uploadFlowJson', flowId: locator(flowId), source: 'json', flowJson: VALID_FLOW_JSON, options: { failOnValidationErrors: true } });
		expect(fixed.error).toBeUndefined();
		expect(jsonOf(fixed)).toEqual([{ id: flowId, success: true, valid: true, validation_errors: [] }]);
		expect(sandbox.state.flows.get(flowId)?.flow_json).toBe(VALID_FLOW_JSON);

		// Preview, then a new link that expires the old one.
		sandbox.clearRequests();
		const preview = await run({ operation: 'getPreviewUrl', flowId: locator(flowId) });
		const firstLink = preview.items[0].json.preview_url as string;
		expect(firstLink).toMatch(new RegExp(`^https://business\\.facebook\\.com/wa/manage/flows/${flowId}/preview/\\?token=`));
		expect(preview.items[0].json).toMatchObject({ id: flowId, invalidated: false, expires_at: expect.stringMatching(/\+0000$/) });
		expect(sandbox.requestsTo('GET', `/${flowId}`)[0].query).toEqual({ fields: 'id,preview.invalidate(false)' });
		const again = await run({ operation: 'getPreviewUrl', flowId: locator(flowId) });
		expect(again.items[0].json.preview_url).toBe(firstLink);
		const fresh = await run({ operation: 'getPreviewUrl', flowId: locator(flowId), invalidate: true });
		expect(fresh.items[0].json.preview_url).not.toBe(firstLink);
		expect(sandbox.requestsTo('GET', `/${flowId}`)[2].query).toEqual({ fields: 'id,preview.invalidate(true)' });

		// Publish.
		sandbox.clearRequests();
		const published = await run({ operation: 'publish', flowId: locator(flowId) });
		expect(jsonOf(published)).toEqual([{ id: flowId, status: 'PUBLISHED', success: true }]);
		expect(sandbox.requestsTo('POST', `/${flowId}/publish`)).toHaveLength(1);
		expect(sandbox.state.flows.get(flowId)?.status).toBe('PUBLISHED');

		// Get shows the chosen fields, with structured validation errors.
		const got = await run({ operation: 'get', flowId: locator(flowId), fields: ['name', 'status', 'json_version', 'endpoint_uri', 'health_status', 'validation_errors', 'categories'] });
		expect(got.items[0].json).toEqual({
			id: flowId,
			name: 'Test drive booking',
			status: 'PUBLISHED',
			json_version: '7.0',
			endpoint_uri: 'https://example.com/flow-endpoint',
			health_status: expect.objectContaining({ can_send_message: 'AVAILABLE' }),
			validation_errors: [],
			categories: ['APPOINTMENT_BOOKING', 'LEAD_GENERATION'],
		});

		// A published flow cannot be deleted: Meta's 139004 becomes a clear message.
		const notDeleted = await run({ operation: 'delete', flowId: locator(flowId) });
		expect(notDeleted.error?.message).toBe(
			`Flow ${flowId} cannot be deleted because it is not a draft (Meta error 139004). Only draft flows can be deleted; deprecate a published flow instead.`,
		);
		expect(notDeleted.error?.description).toMatch(/fbtrace_id/);

		// Deprecate; a second time is refused with 139003.
		const deprecated = await run({ operation: 'deprecate', flowId: locator(flowId) });
		expect(jsonOf(deprecated)).toEqual([{ id: flowId, status: 'DEPRECATED', success: true }]);
		expect(sandbox.state.flows.get(flowId)?.status).toBe('DEPRECATED');
		const twice = await run({ operation: 'deprecate', flowId: locator(flowId) });
		expect(twice.error?.message).toMatch(/^Meta error 139003: Only published flows can be deprecated; this flow is DEPRECATED\./);
		expect(twice.error?.description).toMatch(/Only a published flow can be deprecated/);
	});

	it('fails the upload item on validation errors when asked, after Meta stored the JSON', async () => {
		sandbox.seed({ flows: [{ id: '7001', name: 'Strict' }] });
		const result = await run({ operation: 'uploadFlowJson', flowId: locator('7001'), source: 'json', flowJson: INVALID_FLOW_JSON, options: { failOnValidationErrors: true } });
		expect(result.error?.message).toMatch(/^Meta stored the Flow JSON of flow 7001 but found 2 validation error\(s\): The property "initial-text" cannot be specified at "\$root"\. \(line 6, column 3\)/);
		expect(sandbox.requestsTo('POST', '/7001/assets')).toHaveLength(1);
		expect(sandbox.state.flows.get('7001')?.flow_json).toBe(INVALID_FLOW_JSON);
	});

	it('uploads the Flow JSON from a binary property', async () => {
		sandbox.seed({ flows: [{ id: '7002', name: 'From file' }] });
		const result = await run(
			{ operation: 'uploadFlowJson', flowId: locator('7002'), source: 'binary', binaryPropertyName: 'flowFile' },
			{ items: [{ json: {}, binary: { flowFile: { data: Buffer.from(VALID_FLOW_JSON).toString('base64'), mimeType: 'application/json', fileName: 'mine.json' } } }] },
		);
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ id: '7002', valid: true });
		const upload = sandbox.requestsTo('POST', '/7002/assets')[0];
		expect(upload.files[0]).toMatchObject({ field: 'file', filename: 'flow.json', size: Buffer.byteLength(VALID_FLOW_JSON) });
		expect(sandbox.state.flows.get('7002')?.flow_json).toBe(VALID_FLOW_JSON);
	});

	it('downloads the Flow JSON as parsed JSON and as a flow.json binary', async () => {
		sandbox.seed({ flows: [{ id: '7003', name: 'Download', flow_json: VALID_FLOW_JSON }] });
		const result = await run({ operation: 'getFlowJson', flowId: locator('https://business.facebook.com/wa/manage/flows/7003/', 'url'), binaryPropertyName: 'data' });
		expect(result.error).toBeUndefined();
		const item = result.items[0];
		expect(item.json).toEqual({ id: '7003', name: 'flow.json', asset_type: 'FLOW_JSON', size: Buffer.byteLength(VALID_FLOW_JSON), flow_json: JSON.parse(VALID_FLOW_JSON) });
		expect(item.binary?.data).toMatchObject({ fileName: 'flow.json', mimeType: 'application/json' });
		const bytes = await Container.get(BinaryDataService).getAsBuffer(item.binary!.data as IBinaryData);
		expect(bytes.toString('utf8')).toBe(VALID_FLOW_JSON);
		expect(sandbox.requestsTo('GET', '/7003/assets')[0].query).toEqual({ fields: 'name,asset_type,download_url' });
		const download = sandbox.requestsTo('GET', '/flow-assets/7003/');
		expect(download).toHaveLength(1);
		// The signed CDN link needs no token, so the token does not travel to the CDN host.
		expect(download[0].headers.authorization).toBeUndefined();
	});

	it('says so when a flow has no Flow JSON yet', async () => {
		sandbox.seed({ flows: [{ id: '7004', name: 'Empty' }] });
		const result = await run({ operation: 'getFlowJson', flowId: locator('7004'), binaryPropertyName: 'data' });
		expect(result.error?.message).toBe('Flow 7004 has no Flow JSON yet');
	});

	it('creates with a Flow JSON, publishes on create, and reports the status Meta gives', async () => {
		const result = await run({
			operation: 'create',
			name: 'Instant',
			categories: ['SURVEY'],
			additionalFields: { flowJson: VALID_FLOW_JSON, publish: true },
		});
		expect(result.error).toBeUndefined();
		const json = result.items[0].json;
		expect(json).toMatchObject({ success: true, validation_errors: [], status: 'PUBLISHED' });
		const call = sandbox.requestsTo('POST', '/flows')[0];
		expect(call.body).toEqual({ name: 'Instant', categories: ['SURVEY'], flow_json: VALID_FLOW_JSON, publish: true });
		expect(sandbox.requestsTo('GET', `/${json.id as string}`)[0].query).toEqual({ fields: 'id,status' });

		// With validation errors Meta keeps it a DRAFT; the item says so.
		const draft = await run({ operation: 'create', name: 'Not yet', categories: ['SURVEY'], additionalFields: { flowJson: INVALID_FLOW_JSON, publish: true } });
		expect(draft.items[0].json).toMatchObject({ status: 'DRAFT', validation_errors: [expect.objectContaining({ path: 'initial-text' }), expect.anything()] });
		const strict = await run({ operation: 'create', name: 'Strict', categories: ['SURVEY'], additionalFields: { flowJson: INVALID_FLOW_JSON, failOnValidationErrors: true } });
		expect(strict.error?.message).toMatch(/^The flow \d+ was created, but its Flow JSON has 2 validation error\(s\)/);
	});

	it('clones a flow chosen in the locator', async () => {
		sandbox.seed({ flows: [{ id: '7005', name: 'Original', flow_json: VALID_FLOW_JSON }] });
		const result = await run({ operation: 'create', name: 'Clone', categories: ['OTHER'], additionalFields: { cloneFlowId: locator('7005', 'list') } });
		expect(result.error).toBeUndefined();
		expect(sandbox.requestsTo('POST', '/flows')[0].body).toEqual({ name: 'Clone', categories: ['OTHER'], clone_flow_id: '7005' });
		expect(sandbox.state.flows.get(result.items[0].json.id as string)?.flow_json).toBe(VALID_FLOW_JSON);
	});

	it('refuses a duplicate name with Meta\'s "Flow name is not unique"', async () => {
		sandbox.seed({ flows: [{ id: '7006', name: 'Taken' }] });
		// Categories typed as text in an expression are sent as a list.
		const result = await run({ operation: 'create', name: 'Taken', categories: '={{ "OTHER, SURVEY" }}' });
		expect(sandbox.requestsTo('POST', '/flows')[0].body).toEqual({ name: 'Taken', categories: ['OTHER', 'SURVEY'] });
		expect(result.error?.message).toBe('Meta error 100: Flow name is not unique');
		expect(result.error?.context?.metaCode).toBe(100);
	});

	it('updates metadata; a published flow goes back to DRAFT, or Meta refuses with 139001', async () => {
		sandbox.seed({ flows: [{ id: '7007', name: 'Live', status: 'PUBLISHED', flow_json: VALID_FLOW_JSON }] });
		const result = await run({ operation: 'update', flowId: locator('7007'), updateFields: { name: 'Live v2', categories: ['CONTACT_US'], endpointUri: 'https://example.com/v2' } });
		expect(jsonOf(result)).toEqual([{ id: '7007', success: true, name: 'Live v2', categories: ['CONTACT_US'], endpoint_uri: 'https://example.com/v2' }]);
		expect(sandbox.requestsTo('POST', '/7007')[0].body).toEqual({ name: 'Live v2', categories: ['CONTACT_US'], endpoint_uri: 'https://example.com/v2' });
		expect(sandbox.state.flows.get('7007')).toMatchObject({ name: 'Live v2', status: 'DRAFT' });

		sandbox.state.flows.get('7007')!.status = 'PUBLISHED';
		sandbox.seed({ flowEditsRevertToDraft: false });
		const refused = await run({ operation: 'update', flowId: locator('7007'), updateFields: { name: 'Live v3' } });
		expect(refused.error?.message).toMatch(/^Meta error 139001: A published flow cannot be updated/);
		expect(refused.error?.description).toMatch(/must be cloned/);
	});

	it('connects a Meta app through Update, after which an endpoint flow can be published', async () => {
		const flowJson = { ...JSON.parse(VALID_FLOW_JSON), data_api_version: '3.0' };
		sandbox.seed({ flows: [{ id: '7010', name: 'Booking', endpoint_uri: 'https://example.com/flow', flow_json: flowJson }] });
		const before = await run({ operation: 'publish', flowId: locator('7010') }, { continueOnFail: true });
		expect(before.items[0].json).toMatchObject({ metaCode: 139002, error: expect.stringMatching(/No Meta app connected/) });

		const result = await run({ operation: 'update', flowId: locator('7010'), updateFields: { applicationId: ` ${sandbox.state.appId} ` } });
		expect(jsonOf(result)).toEqual([{ id: '7010', success: true, application_id: sandbox.state.appId }]);
		expect(sandbox.requests.find((r) => r.method === 'POST' && r.graphPath === '/7010')?.body).toEqual({ application_id: sandbox.state.appId });
		expect(sandbox.state.flows.get('7010')?.application).toMatchObject({ id: sandbox.state.appId });

		const published = await run({ operation: 'publish', flowId: locator('7010') });
		expect(published.error).toBeUndefined();
		expect(sandbox.state.flows.get('7010')?.status).toBe('PUBLISHED');
	});

	it('deletes a draft flow', async () => {
		sandbox.seed({ flows: [{ id: '7008', name: 'Scratch' }] });
		const result = await run({ operation: 'delete', flowId: locator('7008') });
		expect(jsonOf(result)).toEqual([{ id: '7008', deleted: true, success: true }]);
		expect(sandbox.requestsTo('DELETE', '/7008')).toHaveLength(1);
		expect(sandbox.state.flows.has('7008')).toBe(false);
	});

	it('refuses to publish an endpoint flow without endpoint URI (139002)', async () => {
		sandbox.seed({ flows: [{ id: '7009', name: 'Endpoint', flow_json: { ...JSON.parse(VALID_FLOW_JSON), data_api_version: '3.0' } }] });
		const result = await run({ operation: 'publish', flowId: locator('7009') }, { continueOnFail: true });
		expect(result.items[0].json).toMatchObject({ metaCode: 139002, error: expect.stringMatching(/No endpoint URI/) });
	});

	it('passes on each other refusal with Meta\'s code and fbtrace_id (Continue On Fail items)', async () => {
		sandbox.seed({
			flows: [
				{ id: '7101', name: 'No JSON yet' },
				{ id: '7102', name: 'Blocked', status: 'BLOCKED', flow_json: VALID_FLOW_JSON },
				{ id: '7103', name: 'Draft', flow_json: VALID_FLOW_JSON },
				{ id: '7104', name: 'Gone', status: 'DEPRECATED', flow_json: VALID_FLOW_JSON },
			],
		});
		const cases: Array<[Record<string, unknown>, string[], Array<[number, number | null]>]> = [
			// One run per operation; the flow comes from each item through an expression.
			[{ operation: 'publish' }, ['7101', '7102', '7104'], [[139002, null], [139000, null], [139002, null]]],
			[{ operation: 'deprecate' }, ['7103'], [[139003, null]]],
			[{ operation: 'delete' }, ['7104'], [[139004, null]]],
			[{ operation: 'get', fields: ['name'] }, ['555000111'], [[100, 33]]],
			[{ operation: 'uploadFlowJson', source: 'json', flowJson: VALID_FLOW_JSON }, ['7104'], [[139001, null]]],
		];
		for (const [parameters, flows, expected] of cases) {
			const result = await runNode({
				parameters: { resource: 'flow', ...parameters, flowId: locator('={{ $json.flow }}') },
				credential: sandboxCredential(sandbox),
				continueOnFail: true,
				items: flows.map((flow) => ({ flow })),
			});
			expect(result.items.map((item) => [item.json.metaCode, item.json.metaSubcode ?? null])).toEqual(expected);
			expect(result.items.map((item) => item.pairedItem)).toEqual(flows.map((_, index) => ({ item: index })));
			expect(result.items.every((item) => typeof item.json.fbtraceId === 'string')).toBe(true);
			if (parameters.operation === 'publish') expect(result.items[0].json.error).toBe('Meta error 139002: The flow has no Flow JSON.');
			if (parameters.operation === 'delete') expect(result.items[0].json.error).toMatch(/^Flow 7104 cannot be deleted because it is not a draft/);
		}
	});

	it('lists flows with the chosen fields, paging with the largest page', async () => {
		sandbox.seed({ flows: Array.from({ length: 130 }, (_, i) => ({ id: String(8000 + i), name: `Flow ${i}`, categories: ['OTHER'] })) });
		const all = await run({ operation: 'getAll', returnAll: true, fields: ['name', 'status'] });
		expect(all.items).toHaveLength(130);
		expect(all.items[0].json).toEqual({ id: '8000', name: 'Flow 0', status: 'DRAFT' });
		const calls = sandbox.requestsTo('GET', '/flows');
		expect(calls.map((c) => c.query.limit)).toEqual(['100', '100']);
		expect(calls[0].query.fields).toBe('id,name,status');

		sandbox.clearRequests();
		const some = await run({ operation: 'getAll', returnAll: false, limit: 3, fields: ['categories', 'name', 'status', 'validation_errors'] });
		expect(jsonOf(some)).toEqual([
			{ id: '8000', name: 'Flow 0', status: 'DRAFT', categories: ['OTHER'], validation_errors: [] },
			{ id: '8001', name: 'Flow 1', status: 'DRAFT', categories: ['OTHER'], validation_errors: [] },
			{ id: '8002', name: 'Flow 2', status: 'DRAFT', categories: ['OTHER'], validation_errors: [] },
		]);
		expect(sandbox.requestsTo('GET', '/flows')[0].query).toEqual({ fields: 'id,categories,name,status,validation_errors', limit: '3' });
	});
});
