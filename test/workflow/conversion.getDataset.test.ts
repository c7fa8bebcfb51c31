import { useSandbox } from '../helpers/sandbox';
import { jsonOf, runNode, sandboxCredential } from '../helpers/workflow';

describe('Conversion > Get Dataset through WorkflowExecute', () => {
	const sandbox = useSandbox();
	const run = (parameters: Record<string, unknown> = {}) =>
		runNode({ parameters: { resource: 'conversion', operation: 'getDataset', ...parameters }, credential: sandboxCredential(sandbox) });

	it('returns the WABA\'s existing dataset without creating one', async () => {
		sandbox.seed({ datasets: [{ id: '7700000000009', name: 'Chats' }] });
		const result = await run();
		expect(jsonOf(result)).toEqual([{ datasetId: '7700000000009', created: false, wabaId: sandbox.state.wabaId, name: 'Chats' }]);
		expect(sandbox.requestsTo('POST', '/dataset')).toHaveLength(0);
	});

	it('creates the dataset with its name when the WABA has none, and finds it on the next run', async () => {
		const first = jsonOf(await run({ datasetName: 'WhatsApp conversions' }))[0];
		expect(first).toEqual({ datasetId: expect.stringMatching(/^\d+$/), created: true, wabaId: sandbox.state.wabaId, name: 'WhatsApp conversions' });
		const [post] = sandbox.requestsTo('POST', `/${sandbox.state.wabaId}/dataset`);
		expect(post.body).toEqual({ dataset_name: 'WhatsApp conversions' });
		const second = jsonOf(await run())[0];
		expect(second).toEqual(expect.objectContaining({ datasetId: first.datasetId, created: false }));
		expect(sandbox.state.datasets.size).toBe(1);
	});

	it('fails without creating when Create If Missing is off', async () => {
		const result = await run({ createIfMissing: false });
		expect(result.error?.message).toMatch(/has no dataset/);
		expect(sandbox.requestsTo('POST', '/dataset')).toHaveLength(0);
	});
});
