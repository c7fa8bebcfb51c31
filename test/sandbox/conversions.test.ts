import { useSandbox } from '../helpers/sandbox';

/** The sandbox's dataset and events edges against Meta's Conversions API docs, called with fetch. */
describe('sandbox: conversions dataset and events', () => {
	const sandbox = useSandbox();
	const auth = () => ({ Authorization: `Bearer ${sandbox.state.token}`, 'Content-Type': 'application/json' });
	const call = async (method: string, path: string, body?: unknown) => {
		const response = await fetch(`${sandbox.url}/v25.0${path}`, { method, headers: auth(), body: body === undefined ? undefined : JSON.stringify(body) });
		return { status: response.status, json: (await response.json()) as Record<string, any> };
	};
	const now = () => Math.floor(Date.now() / 1000);
	const event = (overrides: Record<string, unknown> = {}) => ({
		event_name: 'LeadSubmitted',
		event_time: now(),
		action_source: 'business_messaging',
		messaging_channel: 'whatsapp',
		user_data: { whatsapp_business_account_id: sandbox.state.wabaId, ctwa_clid: 'ARAkLkA8rmlFeiCktEJQ-QTwRiyYHAFDLMNDBH0CD3qpjd0HR4irJ6LEkR7JwFF4XvnO2E4Nx0-eM-GABDLOPaOdRMv-_zfUQ2a' },
		...overrides,
	});
	let datasetId: string;
	beforeEach(() => {
		sandbox.seed({ datasets: [{ id: '7700000000001' }] });
		datasetId = '7700000000001';
	});

	it('lists the WABA\'s one dataset, and POST answers the existing ID instead of a second dataset', async () => {
		expect((await call('GET', `/${sandbox.state.wabaId}/dataset`)).json.data).toEqual([{ id: datasetId, name: expect.any(String) }]);
		const created = await call('POST', `/${sandbox.state.wabaId}/dataset`, { dataset_name: 'Other' });
		expect(created.json).toEqual({ id: datasetId });
		expect(sandbox.state.datasets.size).toBe(1);
	});

	it('creates a dataset with dataset_name when the WABA has none', async () => {
		sandbox.state.datasets.clear();
		expect((await call('GET', `/${sandbox.state.wabaId}/dataset`)).json.data).toEqual([]);
		const { json } = await call('POST', `/${sandbox.state.wabaId}/dataset`, { dataset_name: 'Chats' });
		expect(sandbox.state.datasets.get(json.id)).toEqual(expect.objectContaining({ name: 'Chats', wabaId: sandbox.state.wabaId }));
	});

	it('records the events and answers events_received', async () => {
		const { status, json } = await call('POST', `/${datasetId}/events`, { data: [event(), event({ event_name: 'Purchase', custom_data: { value: 10, currency: 'USD' } })], test_event_code: 'TEST1' });
		expect(status).toBe(200);
		expect(json).toEqual({ events_received: 2, messages: [], fbtrace_id: expect.any(String) });
		expect(sandbox.state.datasets.get(datasetId)!.events.map((e) => [e.event_name, e.test_event_code])).toEqual([['LeadSubmitted', 'TEST1'], ['Purchase', 'TEST1']]);
	});

	it.each([
		['no data', undefined, /data is required/],
		['1,001 events', 'many', /up to 1000 events/],
		['an event over 7 days old', { event_time: 1_000_000_000 }, /more than 7 days/],
		['no messaging_channel', { messaging_channel: undefined }, /messaging_channel/],
		['no ctwa_clid', { user_data: { whatsapp_business_account_id: '102290129340398' } }, /ctwa_clid/],
		['another WABA', { user_data: { whatsapp_business_account_id: '1', ctwa_clid: 'x' } }, /whatsapp_business_account_id/],
		['a Purchase without value', { event_name: 'Purchase' }, /value/],
	])('refuses the whole request for %s and records nothing', async (_title, change, message) => {
		const data = change === undefined ? undefined : change === 'many' ? Array.from({ length: 1001 }, () => event()) : [event(), event(change as Record<string, unknown>)];
		const { status, json } = await call('POST', `/${datasetId}/events`, data === undefined ? {} : { data });
		expect(status).toBe(400);
		expect(json.error.code).toBe(100);
		expect(`${json.error.message} ${json.error.error_user_msg}`).toMatch(message);
		expect(sandbox.state.datasets.get(datasetId)!.events).toEqual([]);
	});

	it('answers subcode 2804003 for a too old event, and refuses a click ID seeded as refused', async () => {
		expect((await call('POST', `/${datasetId}/events`, { data: [event({ event_time: now() - 8 * 86400 })] })).json.error.error_subcode).toBe(2804003);
		sandbox.state.datasets.get(datasetId)!.refusedClickIds.push('bad-click');
		const refused = await call('POST', `/${datasetId}/events`, { data: [event({ user_data: { whatsapp_business_account_id: sandbox.state.wabaId, ctwa_clid: 'bad-click' } })] });
		expect(refused.json.error.error_user_title).toBe('Invalid ctwa_clid');
	});
});
