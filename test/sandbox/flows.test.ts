import { useSandbox } from '../helpers/sandbox';
import { locateJson, validateFlowJson } from './flowJson';

const VALID_FLOW_JSON = JSON.stringify(
	{
		version: '7.0',
		screens: [{ id: 'WELCOME', title: 'Welcome', terminal: true, layout: { type: 'SingleColumnLayout', children: [] } }],
	},
	null,
	2,
);

describe('sandbox: Flow JSON validation', () => {
	it('accepts a minimal valid Flow JSON', () => {
		expect(validateFlowJson(VALID_FLOW_JSON)).toEqual([]);
	});

	it('locates values and keys by path', () => {
		const text = '{\n  "a": [1, {"b": "x"}]\n}';
		const where = locateJson(text);
		expect(text.slice(where.values.get('a[1].b')!.start, where.values.get('a[1].b')!.end)).toBe('"x"');
		expect(text.slice(where.keys.get('a')!.start, where.keys.get('a')!.end)).toBe('"a"');
		expect(text.slice(where.values.get('a[0]')!.start, where.values.get('a[0]')!.end)).toBe('1');
	});

	it('reports an unknown root property at its line and column with a pointer', () => {
		const text = '{\n  "version": "7.0",\n  "screens": [{"id": "A", "layout": {}}],\n  "initial-text": "hi"\n}';
		expect(validateFlowJson(text)).toEqual([
			{
				error: 'INVALID_PROPERTY',
				error_type: 'JSON_SCHEMA_ERROR',
				message: 'The property "initial-text" cannot be specified at "$root".',
				line_start: 4,
				line_end: 4,
				column_start: 3,
				column_end: 17,
				pointers: [{ line_start: 4, line_end: 4, column_start: 3, column_end: 17, path: 'initial-text' }],
			},
		]);
	});

	it('reports missing version and screens, bad screens and syntax errors', () => {
		expect(validateFlowJson('{}').map((e) => e.message)).toEqual([
			'The property "version" is required at "$root".',
			'The property "screens" is required at "$root".',
		]);
		expect(validateFlowJson('{"version": 7, "screens": []}').map((e) => e.error)).toEqual(['INVALID_PROPERTY_TYPE', 'INVALID_PROPERTY_VALUE']);
		const screens = validateFlowJson('{"version": "7.0",\n"screens": [\n  {"title": "x"},\n  {"id": 3, "layout": []}\n]}');
		expect(screens.map((e) => [e.error, e.pointers[0].path, e.line_start])).toEqual([
			['MISSING_REQUIRED_PROPERTY', 'screens[0]', 3],
			['MISSING_REQUIRED_PROPERTY', 'screens[0]', 3],
			['INVALID_PROPERTY_TYPE', 'screens[1].id', 4],
			['INVALID_PROPERTY_TYPE', 'screens[1].layout', 4],
		]);
		const syntax = validateFlowJson('{\n"version": "7.0",\n}');
		expect(syntax).toHaveLength(1);
		expect(syntax[0]).toMatchObject({ error: 'INVALID_JSON', line_start: 3, column_start: 1 });
		expect(validateFlowJson('[]')[0].error).toBe('INVALID_PROPERTY_TYPE');
	});
});

describe('sandbox: flows routes (from Meta\'s Flows API reference)', () => {
	const sandbox = useSandbox();

	const graph = async (
		method: string,
		path: string,
		options: { query?: Record<string, string>; json?: unknown; form?: Record<string, string>; multipart?: FormData } = {},
	) => {
		const url = new URL(`${sandbox.url}/v25.0${path}`);
		for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, value);
		const headers: Record<string, string> = { authorization: `Bearer ${sandbox.state.token}` };
		let body: string | FormData | undefined;
		if (options.json !== undefined) {
			headers['content-type'] = 'application/json';
			body = JSON.stringify(options.json);
		} else if (options.form) {
			headers['content-type'] = 'application/x-www-form-urlencoded';
			body = new URLSearchParams(options.form).toString();
		} else if (options.multipart) body = options.multipart;
		const response = await fetch(url, { method, headers, body });
		return { status: response.status, body: (await response.json()) as Record<string, any> };
	};
	const waba = () => `/${sandbox.state.wabaId}`;
	const flowJsonForm = (text: string, fields: Record<string, string> = { name: 'flow.json', asset_type: 'FLOW_JSON' }) => {
		const form = new FormData();
		form.append('file', new Blob([text], { type: 'application/json' }), 'flow.json');
		for (const [key, value] of Object.entries(fields)) form.append(key, value);
		return form;
	};

	it('lists flows with Graph paging and the default fields', async () => {
		sandbox.seed({ flows: Array.from({ length: 30 }, (_, i) => ({ id: String(7000 + i), name: `Flow ${i}`, categories: ['SURVEY'] })) });
		const first = await graph('GET', `${waba()}/flows`);
		expect(first.status).toBe(200);
		expect(first.body.data).toHaveLength(25);
		expect(first.body.data[0]).toEqual({ id: '7000', name: 'Flow 0', status: 'DRAFT', categories: ['SURVEY'], validation_errors: [] });
		expect(first.body.paging.next).toContain('after=');
		const second = await graph('GET', `${waba()}/flows`, { query: { after: first.body.paging.cursors.after, fields: 'name' } });
		expect(second.body.data).toHaveLength(5);
		expect(second.body.data[0]).toEqual({ name: 'Flow 25', id: '7025' });
		expect(second.body.paging.next).toBeUndefined();
	});

	it('creates a flow with JSON or form bodies and refuses a duplicate name with 100', async () => {
		const created = await graph('POST', `${waba()}/flows`, { json: { name: 'Booking', categories: ['APPOINTMENT_BOOKING'] } });
		expect(created.status).toBe(200);
		expect(Object.keys(created.body)).toEqual(['id']);
		expect(sandbox.state.flows.get(created.body.id)).toMatchObject({ status: 'DRAFT', categories: ['APPOINTMENT_BOOKING'] });

		const form = await graph('POST', `${waba()}/flows`, { form: { name: 'Survey', categories: '["SURVEY","OTHER"]' } });
		expect(sandbox.state.flows.get(form.body.id)?.categories).toEqual(['SURVEY', 'OTHER']);

		const duplicate = await graph('POST', `${waba()}/flows`, { json: { name: 'Booking', categories: ['OTHER'] } });
		expect(duplicate.status).toBe(400);
		expect(duplicate.body.error).toMatchObject({ code: 100, error_user_msg: 'Flow name is not unique' });
	});

	it('refuses a create without name or categories, with unknown categories, a non-string flow_json, or publish alone', async () => {
		const cases: Array<[unknown, RegExp]> = [
			[{ categories: ['OTHER'] }, /The parameter name is required/],
			[{ name: 'A' }, /The parameter categories is required/],
			[{ name: 'A', categories: [] }, /Invalid parameter/],
			[{ name: 'A', categories: ['PARTY'] }, /Invalid parameter/],
			[{ name: 'A', categories: ['OTHER'], flow_json: { version: '7.0', screens: [] } }, /Invalid parameter/],
			[{ name: 'A', categories: ['OTHER'], publish: true }, /Invalid parameter/],
			[{ name: 'A', categories: ['OTHER'], endpoint_uri: 'http://insecure.example.com' }, /Invalid parameter/],
			[{ name: 'A', categories: ['OTHER'], clone_flow_id: '999' }, /Invalid parameter/],
			[{ name: 'x'.repeat(201), categories: ['OTHER'] }, /Invalid parameter/],
		];
		for (const [body, message] of cases) {
			const answer = await graph('POST', `${waba()}/flows`, { json: body });
			expect(answer.status).toBe(400);
			expect(answer.body.error.code).toBe(100);
			expect(answer.body.error.message).toMatch(message);
		}
		expect(sandbox.state.flows.size).toBe(0);
	});

	it('creates with flow_json (validation errors returned), publishes only a valid one, and clones', async () => {
		const invalid = await graph('POST', `${waba()}/flows`, {
			json: { name: 'Broken', categories: ['OTHER'], flow_json: '{"version":"7.0"}', publish: true },
		});
		expect(invalid.body).toMatchObject({ success: true, validation_errors: [{ error: 'MISSING_REQUIRED_PROPERTY' }] });
		expect(sandbox.state.flows.get(invalid.body.id)?.status).toBe('DRAFT');

		const valid = await graph('POST', `${waba()}/flows`, {
			json: { name: 'Live', categories: ['OTHER'], flow_json: VALID_FLOW_JSON, publish: true },
		});
		expect(valid.body).toEqual({ id: valid.body.id, success: true, validation_errors: [] });
		expect(sandbox.state.flows.get(valid.body.id)).toMatchObject({ status: 'PUBLISHED', json_version: '7.0' });

		const clone = await graph('POST', `${waba()}/flows`, { json: { name: 'Copy', categories: ['OTHER'], clone_flow_id: valid.body.id } });
		expect(sandbox.state.flows.get(clone.body.id)).toMatchObject({ status: 'DRAFT', flow_json: VALID_FLOW_JSON });
	});

	it('gets a flow with fields, and a preview link that invalidate(true) replaces', async () => {
		sandbox.seed({ flows: [{ id: '7100', name: 'P', flow_json: JSON.parse(VALID_FLOW_JSON), endpoint_uri: 'https://example.com/e' }] });
		const one = await graph('GET', '/7100', {
			query: { fields: 'id,name,status,json_version,endpoint_uri,health_status,whatsapp_business_account,preview.invalidate(false)' },
		});
		expect(one.body).toMatchObject({
			id: '7100',
			name: 'P',
			status: 'DRAFT',
			json_version: '7.0',
			endpoint_uri: 'https://example.com/e',
			health_status: { can_send_message: 'AVAILABLE' },
			whatsapp_business_account: { id: sandbox.state.wabaId },
		});
		expect(one.body.preview.preview_url).toMatch(/^https:\/\/business\.facebook\.com\/wa\/manage\/flows\/7100\/preview\/\?token=/);
		expect(one.body.preview.expires_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/);
		const again = await graph('GET', '/7100', { query: { fields: 'preview.invalidate(false)' } });
		expect(again.body.preview.preview_url).toBe(one.body.preview.preview_url);
		const fresh = await graph('GET', '/7100', { query: { fields: 'preview.invalidate(true)' } });
		expect(fresh.body.preview.preview_url).not.toBe(one.body.preview.preview_url);

		const unknown = await graph('GET', '/7100', { query: { fields: 'colour' } });
		expect(unknown.body.error).toMatchObject({ code: 100, message: '(#100) Tried accessing nonexisting field (colour) on node type (Flow)' });
		const missing = await graph('GET', '/123456789');
		expect(missing.body.error).toMatchObject({ code: 100, error_subcode: 33 });
	});

	it('updates metadata; a published flow goes back to DRAFT, or 139001 when edits after publish are off', async () => {
		sandbox.seed({
			flows: [
				{ id: '7200', name: 'Draft', status: 'DRAFT' },
				{ id: '7201', name: 'Live', status: 'PUBLISHED', flow_json: JSON.parse(VALID_FLOW_JSON) },
				{ id: '7202', name: 'Old', status: 'DEPRECATED' },
			],
		});
		expect((await graph('POST', '/7200', { json: { name: 'Renamed', categories: ['SURVEY'] } })).body).toEqual({ success: true });
		expect(sandbox.state.flows.get('7200')).toMatchObject({ name: 'Renamed', categories: ['SURVEY'] });
		expect((await graph('POST', '/7200', { json: { name: 'Live' } })).body.error.error_user_msg).toBe('Flow name is not unique');

		expect((await graph('POST', '/7201', { json: { endpoint_uri: 'https://example.com/x' } })).body).toEqual({ success: true });
		expect(sandbox.state.flows.get('7201')?.status).toBe('DRAFT');

		sandbox.state.flows.get('7201')!.status = 'PUBLISHED';
		sandbox.seed({ flowEditsRevertToDraft: false });
		const refused = await graph('POST', '/7201', { json: { name: 'Live 2' } });
		expect(refused.body.error.code).toBe(139001);
		expect(sandbox.state.flows.get('7201')).toMatchObject({ name: 'Live', status: 'PUBLISHED' });
		expect((await graph('POST', '/7202', { json: { name: 'Old 2' } })).body.error.code).toBe(139001);
	});

	it('deletes drafts only (139004), publishes only valid drafts (139002), deprecates only published flows (139003)', async () => {
		sandbox.seed({
			flows: [
				{ id: '7300', name: 'Empty' },
				{ id: '7301', name: 'Invalid', flow_json: { version: '7.0' } },
				{ id: '7302', name: 'Endpoint', flow_json: { ...JSON.parse(VALID_FLOW_JSON), data_api_version: '3.0' } },
				{ id: '7303', name: 'Good', flow_json: JSON.parse(VALID_FLOW_JSON) },
				{ id: '7304', name: 'Blocked', status: 'BLOCKED', flow_json: JSON.parse(VALID_FLOW_JSON) },
			],
		});
		const codeOf = async (method: string, path: string) => (await graph(method, path)).body.error?.code;
		expect(await codeOf('POST', '/7300/publish')).toBe(139002);
		expect(await codeOf('POST', '/7301/publish')).toBe(139002);
		expect(await codeOf('POST', '/7302/publish')).toBe(139002);
		expect(await codeOf('POST', '/7304/publish')).toBe(139000);
		expect(await codeOf('POST', '/7303/deprecate')).toBe(139003);
		expect((await graph('POST', '/7303/publish')).body).toEqual({ success: true });
		expect(await codeOf('POST', '/7303/publish')).toBe(139002);
		expect(await codeOf('DELETE', '/7303')).toBe(139004);
		expect((await graph('POST', '/7303/deprecate')).body).toEqual({ success: true });
		expect(await codeOf('POST', '/7303/deprecate')).toBe(139003);
		expect(await codeOf('DELETE', '/7303')).toBe(139004);
		expect(sandbox.state.flows.get('7303')?.status).toBe('DEPRECATED');
		expect((await graph('DELETE', '/7300')).body).toEqual({ success: true });
		expect(sandbox.state.flows.has('7300')).toBe(false);

		sandbox.state.flows.get('7302')!.endpoint_uri = 'https://example.com/endpoint';
		const noApp = (await graph('POST', '/7302/publish')).body.error;
		expect(noApp.code).toBe(139002);
		expect(JSON.stringify(noApp)).toMatch(/No Meta app connected/);
		expect((await graph('POST', '/7302', { json: { application_id: sandbox.state.appId } })).body).toEqual({ success: true });
		expect((await graph('POST', '/7302/publish')).body).toEqual({ success: true });
	});

	it('uploads flow.json as multipart (success with validation errors) and serves it at download_url without a token', async () => {
		sandbox.seed({ flows: [{ id: '7400', name: 'Assets' }] });
		expect((await graph('GET', '/7400/assets')).body.data).toEqual([]);

		const broken = await graph('POST', '/7400/assets', { multipart: flowJsonForm('{"version":"7.0","screens":[{"id":"A"}]}') });
		expect(broken.status).toBe(200);
		expect(broken.body.success).toBe(true);
		expect(broken.body.validation_errors[0]).toMatchObject({ error: 'MISSING_REQUIRED_PROPERTY', pointers: [{ path: 'screens[0]' }] });

		const good = await graph('POST', '/7400/assets', { multipart: flowJsonForm(VALID_FLOW_JSON) });
		expect(good.body).toEqual({ success: true, validation_errors: [] });

		const assets = await graph('GET', '/7400/assets', { query: { fields: 'name,asset_type,download_url' } });
		expect(assets.body.data).toEqual([{ name: 'flow.json', asset_type: 'FLOW_JSON', download_url: expect.stringContaining('/flow-assets/7400/') }]);
		const download = await fetch(assets.body.data[0].download_url);
		expect(download.status).toBe(200);
		expect(await download.text()).toBe(VALID_FLOW_JSON);

		// A new upload changes the signed link; the old one stops working.
		await graph('POST', '/7400/assets', { multipart: flowJsonForm(VALID_FLOW_JSON) });
		expect((await fetch(assets.body.data[0].download_url)).status).toBe(404);
	});

	it('refuses asset uploads that are not multipart, lack the file, or name another asset type', async () => {
		sandbox.seed({ flows: [{ id: '7500', name: 'Refusals' }] });
		const notMultipart = await graph('POST', '/7500/assets', { json: { name: 'flow.json', asset_type: 'FLOW_JSON', file: VALID_FLOW_JSON } });
		expect(notMultipart.body.error.code).toBe(100);
		const wrongType = await graph('POST', '/7500/assets', { multipart: flowJsonForm(VALID_FLOW_JSON, { name: 'flow.json', asset_type: 'IMAGE' }) });
		expect(wrongType.body.error.code).toBe(100);
		const noFile = new FormData();
		noFile.append('name', 'flow.json');
		noFile.append('asset_type', 'FLOW_JSON');
		expect((await graph('POST', '/7500/assets', { multipart: noFile })).body.error.message).toMatch(/file is required/);
		expect(sandbox.state.flows.get('7500')?.flow_json).toBeUndefined();
	});
});
