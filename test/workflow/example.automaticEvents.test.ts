/**
 * examples/automatic-events-to-conversion.json, both halves through n8n-core: the trigger's webhook()
 * and execution turn a signed automatic_events webhook into items, and the example's Send Event node
 * (its parameters read from the example file) reports them to the WABA's dataset in the sandbox.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IDataObject } from 'n8n-workflow';

import { useSandbox } from '../helpers/sandbox';
import { runNode, sandboxCredential } from '../helpers/workflow';
import { startTriggerServer } from '../helpers/webhook';
import { clearProcessMemory } from '../../nodes/WhatsAppBusinessManagementTrigger/WhatsAppBusinessManagementTrigger.node';

const DATASET = '7700000000001';
const example = JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', 'automatic-events-to-conversion.json'), 'utf8')) as {
	nodes: Array<{ type: string; parameters: IDataObject }>;
};
const nodeOf = (suffix: string) => example.nodes.find((node) => node.type.endsWith(suffix))!;

describe('example: automatic_events -> Conversion > Send Event', () => {
	const sandbox = useSandbox({ seed: { datasets: [{ id: DATASET }] } });
	afterEach(() => clearProcessMemory());

	test('a detected lead and a purchase become two events keyed by their ctwa_clid, the purchase with its value', async () => {
		const trigger = await startTriggerServer({
			parameters: { ...nodeOf('whatsAppBusinessManagementTrigger').parameters, subscribeAutomatically: false, verifyToken: 'example-token' },
			credential: sandboxCredential(sandbox),
			nodeId: 'example-auto-events',
		});
		const now = Math.floor(Date.now() / 1000);
		try {
			const response = await sandbox.sendWebhook({
				url: trigger.url,
				event: {
					kind: 'automaticEvents',
					events: [
						{ id: 'wamid.AE.EX1', eventName: 'LeadSubmitted', ctwaClid: 'clid-example-lead', timestamp: now - 60 },
						{ id: 'wamid.AE.EX2', eventName: 'Purchase', ctwaClid: 'clid-example-buy', timestamp: now - 30, value: 89.5, currency: 'EUR' },
					],
				},
			});
			expect(response.status).toBe(200);
		} finally {
			await trigger.close();
		}
		const items = trigger.emitted();
		expect(items).toHaveLength(2);

		const result = await runNode({ parameters: nodeOf('.whatsAppBusinessManagement').parameters, credential: sandboxCredential(sandbox), items });
		expect(result.error).toBeUndefined();
		const posts = sandbox.requestsTo('POST', '/events');
		expect(posts).toHaveLength(1);
		expect((posts[0].body as { data: IDataObject[] }).data).toEqual([
			expect.objectContaining({ event_name: 'LeadSubmitted', event_time: now - 60, event_id: 'wamid.AE.EX1-LeadSubmitted', user_data: expect.objectContaining({ ctwa_clid: 'clid-example-lead' }) }),
			expect.objectContaining({ event_name: 'Purchase', event_time: now - 30, custom_data: { value: 89.5, currency: 'EUR' }, user_data: expect.objectContaining({ ctwa_clid: 'clid-example-buy' }) }),
		]);
	});
});
