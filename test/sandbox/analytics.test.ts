import { useSandbox } from '../helpers/sandbox';
import { areInsightsEnabled } from './routes/analytics';

const DAY = 86_400;
const today = () => Math.floor(Date.now() / 1000 / DAY) * DAY;

/** Direct Graph calls to the sandbox's analytics routes: Meta's shapes and refusals. */
describe('sandbox: analytics', () => {
	const sandbox = useSandbox({
		seed: {
			templates: [
				{
					id: '9100000001',
					name: 'spring_sale',
					language: 'en_US',
					category: 'MARKETING',
					status: 'APPROVED',
					components: [
						{ type: 'BODY', text: 'Sale!' },
						{ type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Tell me more' }, { type: 'URL', text: 'Shop', url: 'https://example.com' }] },
					],
				},
				{ id: '9100000002', name: 'login_code', language: 'en_US', category: 'AUTHENTICATION', status: 'APPROVED', components: [{ type: 'BODY', text: 'Code' }] },
			],
		},
	});

	const get = async (path: string, query: Record<string, string | number>) => {
		const qs = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]));
		const response = await fetch(`${sandbox.url}/v25.0${path}?${qs}`, { headers: { Authorization: `Bearer ${sandbox.state.token}` } });
		return { status: response.status, json: (await response.json()) as Record<string, any> };
	};
	const templateAnalytics = (query: Record<string, string | number>) => get(`/${sandbox.state.wabaId}/template_analytics`, query);

	it('serves one DAILY data point per template and day, the same figures every time', async () => {
		const query = { start: today() - 3 * DAY, end: today(), granularity: 'DAILY', template_ids: '["9100000001","9100000002"]' };
		const first = await templateAnalytics(query);
		expect(first.status).toBe(200);
		const points = first.json.data[0].data_points as Array<Record<string, any>>;
		expect(first.json.data[0].granularity).toBe('DAILY');
		expect(points).toHaveLength(6);
		expect(points[0]).toMatchObject({ template_id: '9100000001', start: today() - 3 * DAY, end: today() - 2 * DAY });
		expect(points[0].sent).toBeGreaterThanOrEqual(points[0].delivered);
		expect(points[0].delivered).toBeGreaterThanOrEqual(points[0].read);
		expect(points[0].clicked.map((c: any) => c.type)).toEqual(['quick_reply_button', 'url_button']);
		expect(points[0].cost.map((c: any) => c.type)).toContain('amount_spent');
		// Authentication templates have no button clicks (Meta: MARKETING and UTILITY only).
		expect(points[3].clicked).toBeUndefined();
		expect((await templateAnalytics(query)).json.data[0].data_points).toEqual(points);
	});

	it('returns only the metrics asked for, and pages with cursors', async () => {
		const { json } = await templateAnalytics({ start: today() - 5 * DAY, end: today(), granularity: 'DAILY', template_ids: '[9100000001]', metric_types: '["SENT"]', limit: 2 });
		expect(Object.keys(json.data[0].data_points[0]).sort()).toEqual(['end', 'sent', 'start', 'template_id']);
		expect(json.data[0].data_points).toHaveLength(2);
		expect(json.paging.next).toEqual(expect.any(String));
	});

	it('refuses what Meta refuses: beyond the 90-day lookback, more than 10 IDs, other granularities', async () => {
		const base = { start: today() - 2 * DAY, end: today(), granularity: 'DAILY', template_ids: '[9100000001]' };
		const refusals = [
			{ ...base, start: today() - 91 * DAY },
			{ ...base, template_ids: JSON.stringify(Array.from({ length: 11 }, (_, i) => String(9100000001 + i))) },
			{ ...base, granularity: 'MONTHLY' },
			{ ...base, end: base.start },
		];
		for (const query of refusals) {
			const { status, json } = await templateAnalytics(query);
			expect(status).toBe(400);
			expect(json.error.code).toBe(100);
			expect(json.error.fbtrace_id).toEqual(expect.any(String));
		}
	});

	it('turns template insights on for good with POST /{waba-id}?is_enabled_for_insights=true', async () => {
		expect(areInsightsEnabled(sandbox.state)).toBe(false);
		const response = await fetch(`${sandbox.url}/v25.0/${sandbox.state.wabaId}?is_enabled_for_insights=true`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${sandbox.state.token}` },
		});
		expect(await response.json()).toEqual({ id: sandbox.state.wabaId });
		expect(areInsightsEnabled(sandbox.state)).toBe(true);
	});

	it('compares two templates over a documented lookback, and refuses other windows', async () => {
		const now = Math.floor(Date.now() / 1000);
		const { status, json } = await get('/9100000001/compare', { template_ids: '[9100000002]', start: now - 30 * DAY, end: now });
		expect(status).toBe(200);
		expect(json.data.map((m: any) => m.metric)).toEqual(['BLOCK_RATE', 'MESSAGE_SENDS', 'TOP_BLOCK_REASON']);
		expect([...json.data[0].order_by_relative_metric].sort()).toEqual(['9100000001', '9100000002']);
		expect(json.data[1].number_values[0].value).toBeGreaterThanOrEqual(1000);
		const odd = await get('/9100000001/compare', { template_ids: '[9100000002]', start: now - 10 * DAY, end: now });
		expect(odd.status).toBe(400);
		expect(odd.json.error.error_data.details).toMatch(/7, 30, 60 and 90 day/);
	});

	it('serves pricing analytics per slot and breakdown, and refuses windows beyond one year', async () => {
		const path = `/${sandbox.state.wabaId}/pricing_analytics`;
		const query = { start: today() - 2 * DAY, end: today(), granularity: 'DAILY', dimensions: '["PRICING_CATEGORY","COUNTRY"]' };
		const { status, json } = await get(path, query);
		expect(status).toBe(200);
		const points = json.data[0].data_points as Array<Record<string, any>>;
		expect(points.length).toBeGreaterThan(2);
		expect(Object.keys(points[0]).sort()).toEqual(['cost', 'country', 'end', 'pricing_category', 'start', 'volume']);
		expect(new Set(points.map((p) => p.start))).toEqual(new Set([today() - 2 * DAY, today() - DAY]));
		expect((await get(path, { ...query, start: today() - 366 * DAY })).status).toBe(400);
		expect((await get(path, { ...query, granularity: 'WEEKLY' })).status).toBe(400);
	});

	it('serves the analytics field (messaging analytics) beside the account fields, and refuses beyond one year', async () => {
		sandbox.seed({ phoneNumbers: [{ id: '106540352242922', display_phone_number: '+1 650-555-1234' }] });
		const field = (start: number) => `name,analytics.start(${start}).end(${today()}).granularity(DAY).country_codes(["US","BR"])`;
		const { status, json } = await get(`/${sandbox.state.wabaId}`, { fields: field(today() - 2 * DAY) });
		expect(status).toBe(200);
		expect(json.name).toEqual(expect.any(String));
		expect(json.analytics).toMatchObject({ granularity: 'DAY', phone_numbers: ['16505551234'], country_codes: ['US', 'BR'] });
		expect(json.analytics.data_points.map((p: any) => p.start)).toEqual([today() - 2 * DAY, today() - DAY]);
		expect(Object.keys(json.analytics.data_points[0]).sort()).toEqual(['delivered', 'end', 'sent', 'start']);
		expect((await get(`/${sandbox.state.wabaId}`, { fields: field(today() - 400 * DAY) })).status).toBe(400);
		expect((await get(`/${sandbox.state.wabaId}`, { fields: 'analytics.start(1).granularity(DAY)' })).status).toBe(400);
	});
});
