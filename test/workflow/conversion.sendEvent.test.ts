import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IDataObject } from 'n8n-workflow';

import { useSandbox } from '../helpers/sandbox';
import { jsonOf, runNode, sandboxCredential } from '../helpers/workflow';

const DATASET = '7700000000001';
const clid = (n: number) => `ARAkLkA8rmlFeiCk-${n}`;

describe('Conversion > Send Event through WorkflowExecute', () => {
	const sandbox = useSandbox({ seed: { datasets: [{ id: DATASET }] } });
	const run = (parameters: IDataObject, items: IDataObject[], continueOnFail = false) =>
		runNode({
			parameters: { resource: 'conversion', operation: 'sendEvent', ...parameters },
			credential: sandboxCredential(sandbox),
			items,
			continueOnFail,
		});
	const events = () => sandbox.state.datasets.get(DATASET)!.events;
	const posts = () => sandbox.requestsTo('POST', '/events');

	it('sends a Purchase keyed by the trigger item\'s ctwa_clid, with the fields Meta requires filled in', async () => {
		const result = await run(
			{ datasetId: DATASET, eventName: 'Purchase', value: '={{ $json.total }}', currency: 'brl', eventId: '={{ "order-" + $json.order }}' },
			[{ ctwa_clid: clid(1), total: 49.9, order: 1042 }],
		);
		expect(result.error).toBeUndefined();
		const [call] = posts();
		expect(call.path).toBe(`/v25.0/${DATASET}/events`);
		const [sent] = (call.body as { data: IDataObject[] }).data;
		expect(sent).toEqual({
			event_name: 'Purchase',
			event_time: expect.any(Number),
			action_source: 'business_messaging',
			messaging_channel: 'whatsapp',
			user_data: { whatsapp_business_account_id: sandbox.state.wabaId, ctwa_clid: clid(1) },
			event_id: 'order-1042',
			custom_data: { value: 49.9, currency: 'BRL' },
		});
		expect(Math.abs((sent.event_time as number) - Date.now() / 1000)).toBeLessThan(60);
		expect(jsonOf(result)).toEqual([expect.objectContaining({ datasetId: DATASET, event_name: 'Purchase', eventsReceived: 1, requestEvents: 1, fbtraceId: expect.any(String) })]);
		// The dataset was named: no lookup.
		expect(sandbox.requestsTo('GET', '/dataset')).toHaveLength(0);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('looks the account\'s dataset up once when Dataset ID is empty, and sends 2,500 items in 3 requests in input order', async () => {
		const items = Array.from({ length: 2500 }, (_, n) => ({ ctwa_clid: clid(n) }));
		const result = await run({ datasetId: '', eventName: 'LeadSubmitted' }, items);
		expect(result.error).toBeUndefined();
		expect(sandbox.requestsTo('GET', `/${sandbox.state.wabaId}/dataset`)).toHaveLength(1);
		expect(posts().map((call) => (call.body as { data: unknown[] }).data.length)).toEqual([1000, 1000, 500]);
		expect(jsonOf(result).map((json) => (json.user_data as IDataObject).ctwa_clid)).toEqual(items.map((item) => item.ctwa_clid));
		expect(result.items.map((item) => item.pairedItem)).toEqual(items.map((_, n) => ({ item: n })));
		expect(events()).toHaveLength(2500);
	});

	it('puts a refused event\'s error on its own item and sends the others (Continue On Fail)', async () => {
		sandbox.state.datasets.get(DATASET)!.refusedClickIds.push(clid(3));
		const items = Array.from({ length: 8 }, (_, n) => ({ ctwa_clid: clid(n) }));
		const result = await run({ datasetId: DATASET, eventName: 'QualifiedLead' }, items, true);
		const output = jsonOf(result);
		expect(output).toHaveLength(8);
		expect(output[3]).toEqual(expect.objectContaining({ metaCode: 100, fbtraceId: expect.any(String) }));
		expect(String(output[3].description)).toMatch(/ctwa_clid/);
		expect(output.filter((json, n) => n !== 3).every((json) => json.eventsReceived !== undefined)).toBe(true);
		expect(events().map((e) => (e.user_data as IDataObject).ctwa_clid)).toEqual(items.filter((_, n) => n !== 3).map((item) => item.ctwa_clid));
		expect(result.items.map((item) => item.pairedItem)).toEqual(items.map((_, n) => ({ item: n })));
	});

	it('refuses an event older than 7 days, or a bad currency, before sending anything', async () => {
		const old = await run({ datasetId: DATASET, eventTime: new Date(Date.now() - 8 * 86400_000).toISOString() }, [{ ctwa_clid: clid(1) }, { ctwa_clid: clid(2) }]);
		expect(old.error?.message).toMatch(/Field "Event Time": is more than 7 days ago/);
		expect(old.error?.description).toMatch(/No request was sent to Meta/);
		const badCurrency = await run({ datasetId: DATASET, eventName: 'Purchase', value: '10', currency: 'EURO' }, [{ ctwa_clid: clid(1) }]);
		expect(badCurrency.error?.message).toMatch(/Field "Currency": "EURO" is not an ISO 4217/);
		const future = await run({ datasetId: DATASET, eventTime: new Date(Date.now() + 3600_000).toISOString() }, [{ ctwa_clid: clid(1) }]);
		expect(future.error?.message).toMatch(/Field "Event Time": is in the future/);
		expect(posts()).toHaveLength(0);
	});

	it('stops the whole run on an invalid item without Continue On Fail: nothing reaches Meta', async () => {
		const result = await run({ datasetId: DATASET }, [{ ctwa_clid: clid(1) }, { ctwa_clid: '' }, { ctwa_clid: clid(3) }]);
		expect(result.error?.message).toMatch(/Field "Click ID \(ctwa_clid\)": must not be empty/);
		expect(posts()).toHaveLength(0);
	});

	it('gives an invalid item its own error and sends the rest with Continue On Fail', async () => {
		const result = await run({ datasetId: DATASET }, [{ ctwa_clid: clid(1) }, { ctwa_clid: 'has space' }, { ctwa_clid: clid(3) }], true);
		const output = jsonOf(result);
		expect(output[1].error).toMatch(/must not contain spaces/);
		expect(posts()).toHaveLength(1);
		expect((posts()[0].body as { data: unknown[] }).data).toHaveLength(2);
	});

	it('does not send a batch again after a 500, and says the events may have been recorded', async () => {
		sandbox.setFaults({ queue: [{ method: 'POST', pathIncludes: '/events', status: 500, code: 1 }] });
		const result = await run({ datasetId: DATASET }, [{ ctwa_clid: clid(1) }, { ctwa_clid: clid(2) }], true);
		expect(posts()).toHaveLength(1);
		const output = jsonOf(result);
		expect(output).toHaveLength(2);
		for (const json of output) expect(String(json.description)).toMatch(/may have recorded them, so it was not sent again/);
	});

	it('sends custom events and the test event code, one request per test code', async () => {
		const result = await run({ datasetId: DATASET, eventName: 'custom', customEventName: 'TestDriveBooked', options: { testEventCode: '={{ $json.code }}' } }, [
			{ ctwa_clid: clid(1), code: 'TEST1' },
			{ ctwa_clid: clid(2), code: 'TEST2' },
			{ ctwa_clid: clid(3), code: 'TEST1' },
		]);
		expect(result.error).toBeUndefined();
		expect(posts().map((call) => [(call.body as IDataObject).test_event_code, (call.body as { data: unknown[] }).data.length])).toEqual([['TEST1', 2], ['TEST2', 1]]);
		expect(jsonOf(result).map((json) => json.test_event_code)).toEqual(['TEST1', 'TEST2', 'TEST1']);
		expect(events().every((e) => e.event_name === 'TestDriveBooked')).toBe(true);
	});

	it('explains a permission error and fails every item of the request', async () => {
		sandbox.setFaults({ queue: [{ method: 'POST', pathIncludes: '/events', status: 403, code: 200 }] });
		const result = await run({ datasetId: DATASET }, [{ ctwa_clid: clid(1) }]);
		expect(result.error?.description).toMatch(/whatsapp_business_manage_events/);
		expect(result.error?.description).toMatch(/fbtrace_id/);
	});

	it('runs the example\'s Send Event node on a CRM webhook item: Purchase with value, keyed by the stored ctwa_clid', async () => {
		const example = JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', 'crm-deal-won-to-purchase-conversion.json'), 'utf8'));
		const node = example.nodes.find((entry: IDataObject) => entry.name === 'Report Purchase to Meta');
		const body = { stage: 'won', deal: { id: 'D-7', amount: 1250.5, currency: 'eur' }, lead: { ctwa_clid: clid(7) } };
		const result = await runNode({ parameters: node.parameters, credential: sandboxCredential(sandbox), items: [{ body }] });
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toEqual([
			expect.objectContaining({ datasetId: DATASET, event_name: 'Purchase', event_id: 'deal-D-7-purchase', custom_data: { value: 1250.5, currency: 'EUR' } }),
		]);
		expect(events().map((e) => (e.user_data as IDataObject).ctwa_clid)).toEqual([clid(7)]);
	});

	it('takes the event time from an expression as Unix seconds, milliseconds or ISO text', async () => {
		const at = Math.floor(Date.now() / 1000) - 3600;
		const result = await run({ datasetId: DATASET, eventTime: '={{ $json.at }}' }, [
			{ ctwa_clid: clid(1), at },
			{ ctwa_clid: clid(2), at: at * 1000 },
			{ ctwa_clid: clid(3), at: new Date(at * 1000).toISOString() },
		]);
		expect(result.error).toBeUndefined();
		expect(events().map((e) => e.event_time)).toEqual([at, at, at]);
		const luxon = await run({ datasetId: DATASET, eventTime: '={{ $now.minus({ hours: 1 }) }}' }, [{ ctwa_clid: clid(4) }]);
		expect(luxon.error).toBeUndefined();
		expect(Math.abs((events()[3].event_time as number) - at)).toBeLessThan(60);
	});
});
