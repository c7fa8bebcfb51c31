import { areInsightsEnabled } from '../sandbox/routes/analytics';
import { useSandbox } from '../helpers/sandbox';
import { jsonOf, runNode, sandboxCredential } from '../helpers/workflow';

const DAY_MS = 86_400_000;
const todayMs = () => Math.floor(Date.now() / DAY_MS) * DAY_MS;
const daysAgo = (days: number) => new Date(todayMs() - days * DAY_MS).toISOString();

const TEMPLATE_IDS = Array.from({ length: 12 }, (_, i) => String(7_200_000_000 + i));
const templates = TEMPLATE_IDS.map((id, i) => ({
	id,
	name: `offer_${i}`,
	language: 'en_US',
	category: i % 2 ? 'UTILITY' : 'MARKETING',
	status: 'APPROVED',
	components: [{ type: 'BODY', text: 'Hello' }, { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Yes' }] }],
}));

describe('Analytics through WorkflowExecute', () => {
	const sandbox = useSandbox({ seed: { templates } });
	const run = (parameters: Record<string, unknown>) =>
		runNode({ parameters: { resource: 'analytics', ...parameters }, credential: sandboxCredential(sandbox) });

	it('Get Template Analytics: 12 templates x 7 days in two calls of at most 10 IDs, one row per template and day', async () => {
		const result = await run({
			operation: 'getTemplateAnalytics',
			templateSource: 'ids',
			templateIds: TEMPLATE_IDS.join(', '),
			start: daysAgo(7),
			end: daysAgo(0),
		});
		expect(result.error).toBeUndefined();
		const rows = jsonOf(result);
		expect(rows).toHaveLength(12 * 7);
		expect(rows[0]).toEqual(
			expect.objectContaining({
				template_id: TEMPLATE_IDS[0],
				template_name: 'offer_0',
				template_language: 'en_US',
				date: daysAgo(7).slice(0, 10),
				start: daysAgo(7),
				end: daysAgo(6),
				sent: expect.any(Number),
				delivered: expect.any(Number),
				read: expect.any(Number),
				clicked: expect.any(Number),
				clicks: [{ type: 'quick_reply_button', button_content: 'Yes', count: expect.any(Number) }],
				amount_spent: expect.any(Number),
				cost_per_delivered: 0.025,
			}),
		);
		expect(rows.map((r) => r.template_id)).toEqual(TEMPLATE_IDS.flatMap((id) => Array(7).fill(id)));
		const calls = sandbox.requestsTo('GET', '/template_analytics');
		expect(calls.map((c) => JSON.parse(c.query.template_ids))).toEqual([TEMPLATE_IDS.slice(0, 10), TEMPLATE_IDS.slice(10)]);
		expect(calls[0].query).toMatchObject({ granularity: 'DAILY', metric_types: '["SENT","DELIVERED","READ","CLICKED","COST"]', start: String((todayMs() - 7 * DAY_MS) / 1000) });
		expect(sandbox.requestsTo('GET', '/message_templates')).toHaveLength(1);
	});

	it('Get Template Analytics: a start beyond the 90-day lookback is refused before anything is sent', async () => {
		const result = await run({ operation: 'getTemplateAnalytics', templateSource: 'picker', templateId: { mode: 'id', value: TEMPLATE_IDS[0] }, start: daysAgo(120), end: daysAgo(0) });
		expect(result.error?.message).toMatch(/Field "Start": must be within Meta's 90-day lookback/);
		expect(result.error?.description).toBe('No request was sent to Meta.');
		expect(sandbox.requests.filter((r) => r.graphPath.includes('template'))).toHaveLength(0);
	});

	it('Get Template Analytics: a wrong ID in the list is named, unsent', async () => {
		const wrong = await run({ operation: 'getTemplateAnalytics', templateSource: 'ids', templateIds: `${TEMPLATE_IDS[0]}, spring_sale`, start: daysAgo(2), end: daysAgo(0) });
		expect(wrong.error?.message).toBe('Field "Template IDs": must contain only digits (not spring_sale)');
		const picked = await run({ operation: 'getTemplateAnalytics', templateSource: 'picker', templateId: { mode: 'id', value: 'abc' }, start: daysAgo(2), end: daysAgo(0) });
		expect(picked.error?.message).toBe('Field "Template": must contain only digits (not abc)');
		expect(sandbox.requestsTo('GET', '/template_analytics')).toHaveLength(0);
	});

	it('Get Template Analytics: a Graph error becomes a NodeApiError with Meta\'s code and fbtrace_id', async () => {
		sandbox.setFaults({ queue: [{ pathIncludes: '/template_analytics', status: 400, code: 100 }] });
		const result = await run({ operation: 'getTemplateAnalytics', templateSource: 'ids', templateIds: TEMPLATE_IDS[0], start: daysAgo(2), end: daysAgo(0) });
		expect(result.error?.message).toMatch(/Meta error 100/);
		expect(result.error?.description).toMatch(/fbtrace_id/);
		expect(JSON.stringify(result.run)).not.toContain(sandbox.state.token);
	});

	it('Enable Template Insights: nothing is sent without the confirmation; with it, the one-way switch is set', async () => {
		const refused = await run({ operation: 'enableTemplateInsights', confirmIrreversible: false });
		expect(refused.error?.message).toMatch(/Field "I Understand This Cannot Be Undone": must be on/);
		expect(sandbox.requestsTo('POST', `/${sandbox.state.wabaId}`)).toHaveLength(0);
		const enabled = await run({ operation: 'enableTemplateInsights', confirmIrreversible: true });
		expect(jsonOf(enabled)).toEqual([{ id: sandbox.state.wabaId, is_enabled_for_insights: true }]);
		const posts = sandbox.requestsTo('POST', `/${sandbox.state.wabaId}`);
		expect(posts).toHaveLength(1);
		expect(posts[0].query.is_enabled_for_insights).toBe('true');
		expect(areInsightsEnabled(sandbox.state)).toBe(true);
	});

	it('Compare Templates: one row per template over a 30-day lookback ending now; the same template twice is refused unsent', async () => {
		const result = await run({
			operation: 'compareTemplates',
			templateId: { mode: 'list', value: TEMPLATE_IDS[0] },
			otherTemplateId: { mode: 'id', value: TEMPLATE_IDS[1] },
			timeframeDays: 30,
		});
		expect(result.error).toBeUndefined();
		const rows = jsonOf(result);
		expect(rows.map((r) => r.template_id)).toEqual(TEMPLATE_IDS.slice(0, 2));
		expect(rows[0]).toEqual(expect.objectContaining({ message_sends: expect.any(Number), top_block_reason: expect.any(String) }));
		expect(rows.map((r) => r.block_rate_rank).sort()).toEqual([1, 2]);
		const [call] = sandbox.requestsTo('GET', '/compare');
		expect(call.graphPath).toBe(`/${TEMPLATE_IDS[0]}/compare`);
		expect(Number(call.query.end) - Number(call.query.start)).toBe(30 * 86_400);
		sandbox.clearRequests();
		const same = await run({ operation: 'compareTemplates', templateId: { mode: 'id', value: TEMPLATE_IDS[0] }, otherTemplateId: { mode: 'id', value: TEMPLATE_IDS[0] }, timeframeDays: 7 });
		expect(same.error?.message).toMatch(/Field "Compare With": must be a different template/);
		expect(sandbox.requestsTo('GET', '/compare')).toHaveLength(0);
	});

	it('Get Pricing Analytics: one item per slot and breakdown, with the filters sent as Meta\'s arrays', async () => {
		const result = await run({
			operation: 'getPricingAnalytics',
			start: daysAgo(3),
			end: daysAgo(0),
			granularity: 'DAILY',
			dimensions: ['PRICING_CATEGORY', 'COUNTRY', 'TIER'],
			metrics: ['VOLUME', 'COST'],
			filters: { countryCodes: 'us, br' },
		});
		expect(result.error).toBeUndefined();
		const rows = jsonOf(result);
		expect(rows.length).toBeGreaterThan(3);
		expect(new Set(rows.map((r) => r.country))).toEqual(new Set(['US', 'BR']));
		expect(rows[0]).toEqual(expect.objectContaining({ start: daysAgo(3), end: daysAgo(2), pricing_category: expect.any(String), volume: expect.any(Number), cost: expect.any(Number) }));
		const [call] = sandbox.requestsTo('GET', '/pricing_analytics');
		expect(call.query).toMatchObject({ granularity: 'DAILY', dimensions: '["PRICING_CATEGORY","COUNTRY","TIER"]', country_codes: '["US","BR"]' });
	});

	it('Get Pricing Analytics: beyond the one-year lookback is refused unsent', async () => {
		const result = await run({ operation: 'getPricingAnalytics', start: daysAgo(400), end: daysAgo(0), granularity: 'MONTHLY', dimensions: [], metrics: ['COST'] });
		expect(result.error?.message).toMatch(/Field "Start": must be within Meta's 365-day lookback/);
		expect(sandbox.requestsTo('GET', '/pricing_analytics')).toHaveLength(0);
	});

	it('Get Messaging Analytics: the WABA\'s analytics field with dotted modifiers, one item per day', async () => {
		sandbox.seed({ phoneNumbers: [{ id: '106540352242922', display_phone_number: '+1 650-555-1234' }] });
		const result = await run({ operation: 'getMessagingAnalytics', start: daysAgo(3), end: daysAgo(0), granularity: 'DAY', filters: { countryCodes: 'us', productTypes: ['0', '2'] } });
		expect(result.error).toBeUndefined();
		const rows = jsonOf(result);
		expect(rows.map((r) => r.start)).toEqual([daysAgo(3), daysAgo(2), daysAgo(1)]);
		expect(rows[0]).toEqual({ start: daysAgo(3), end: daysAgo(2), sent: expect.any(Number), delivered: expect.any(Number), granularity: 'DAY' });
		const [call] = sandbox.requestsTo('GET', `/${sandbox.state.wabaId}`);
		const start = (todayMs() - 3 * DAY_MS) / 1000;
		expect(call.query.fields).toBe(`analytics.start(${start}).end(${todayMs() / 1000}).granularity(DAY).product_types([0,2]).country_codes(["US"])`);
	});

	it('Get Messaging Analytics: DAILY is pricing analytics\' spelling, refused unsent here', async () => {
		const result = await run({ operation: 'getMessagingAnalytics', start: daysAgo(3), end: daysAgo(0), granularity: 'DAILY' });
		expect(result.error?.message).toMatch(/Field "Granularity": must be one of HALF_HOUR, DAY, MONTH/);
		expect(sandbox.requestsTo('GET', `/${sandbox.state.wabaId}`)).toHaveLength(0);
	});
});
