import { useSandbox } from '../helpers/sandbox';
import { runNode, sandboxCredential } from '../helpers/workflow';

/** Every rule the node checks before sending: each is refused with the field named and 0 requests. */
describe('Flow validation before sending (0 requests)', () => {
	const sandbox = useSandbox();

	const locator = (value: string, mode = 'id') => ({ __rl: true, mode, value });
	const validJson = '{"version":"7.0","screens":[{"id":"A","layout":{"type":"SingleColumnLayout","children":[]}}]}';

	// Values the editor would flag are given as expressions, the way they reach a running node.
	const cases: Array<[string, Record<string, unknown>, RegExp]> = [
		['an empty flow locator', { operation: 'get', flowId: locator('={{ "" }}') }, /^Field "Flow": must be a numeric flow ID or a WhatsApp Manager link to a flow \(it is empty\)$/],
		['a non-numeric flow ID', { operation: 'publish', flowId: locator('={{ "my-flow" }}') }, /^Field "Flow": must be a numeric flow ID .*, not "my-flow"$/],
		['a link that is not a flow link', { operation: 'deprecate', flowId: locator('={{ "https://example.com/x" }}', 'url') }, /^Field "Flow": must be a numeric flow ID/],
		['an empty name on create', { operation: 'create', name: '  ', categories: ['OTHER'] }, /^Field "Name": is required$/],
		['a name over 200 characters', { operation: 'create', name: 'n'.repeat(201), categories: ['OTHER'] }, /^Field "Name": must be at most 200 characters \(it has 201\)$/],
		['no categories', { operation: 'create', name: 'A', categories: '={{ [] }}' }, /^Field "Categories": needs at least one category$/],
		['an unknown category (from an expression)', { operation: 'create', name: 'A', categories: ['PARTY'] }, /^Field "Categories": has unknown values PARTY; allowed: /],
		[
			'an http endpoint',
			{ operation: 'create', name: 'A', categories: ['OTHER'], additionalFields: { endpointUri: 'http://example.com/flow' } },
			/^Field "Endpoint URI": must start with https:\/\/ \(Meta only calls HTTPS endpoints\)$/,
		],
		[
			'an unusable clone source',
			{ operation: 'create', name: 'A', categories: ['OTHER'], additionalFields: { cloneFlowId: locator('abc') } },
			/^Field "Clone From Flow": must be a numeric flow ID or a flow link, not "abc"$/,
		],
		[
			'a Flow JSON that does not parse on create',
			{ operation: 'create', name: 'A', categories: ['OTHER'], additionalFields: { flowJson: '{"version": "7.0",}' } },
			/^Field "Flow JSON": is not valid JSON \(line 1, column 19\)/,
		],
		[
			'publish on create without a Flow JSON',
			{ operation: 'create', name: 'A', categories: ['OTHER'], additionalFields: { publish: true } },
			/^Field "Publish": needs "Flow JSON": Meta only publishes on create together with a valid Flow JSON$/,
		],
		['an update with no fields', { operation: 'update', flowId: locator('123'), updateFields: {} }, /^Field "Update Fields": add at least one of Name, Categories, Endpoint URI, Application ID$/],
		['an update with an empty application', { operation: 'update', flowId: locator('123'), updateFields: { applicationId: '' } }, /^Field "Application ID": is empty; remove the field/],
		['an update with a named application', { operation: 'update', flowId: locator('123'), updateFields: { applicationId: 'my app' } }, /^Field "Application ID": must contain only digits, not "my app"$/],
		['an update with an empty name', { operation: 'update', flowId: locator('123'), updateFields: { name: '' } }, /^Field "Name": is required$/],
		['an update with no categories', { operation: 'update', flowId: locator('123'), updateFields: { categories: [] } }, /^Field "Categories": needs at least one category$/],
		['an update with an empty endpoint', { operation: 'update', flowId: locator('123'), updateFields: { endpointUri: ' ' } }, /^Field "Endpoint URI": is empty/],
		['an update with a relative endpoint', { operation: 'update', flowId: locator('123'), updateFields: { endpointUri: '/flow' } }, /^Field "Endpoint URI": must be a full URL/],
		[
			'an upload whose JSON does not parse',
			{ operation: 'uploadFlowJson', flowId: locator('123'), source: 'json', flowJson: '{\n  "version": "7.0"\n  "screens": []\n}' },
			/^Field "Flow JSON": is not valid JSON \(line 3, column 3\)/,
		],
		['an empty upload', { operation: 'uploadFlowJson', flowId: locator('123'), source: 'json', flowJson: '' }, /^Field "Flow JSON": is empty$/],
		['an upload that is a JSON list', { operation: 'uploadFlowJson', flowId: locator('123'), source: 'json', flowJson: '[]' }, /^Field "Flow JSON": must be a JSON object/],
		[
			'an upload over 10 MB',
			{ operation: 'uploadFlowJson', flowId: locator('123'), source: 'json', flowJson: `{"version":"7.0","screens":[],"pad":"${'x'.repeat(10 * 1024 * 1024)}"}` },
			/^Field "Flow JSON": is 10485799 bytes; Meta accepts at most 10 MB \(10485760 bytes\)$/,
		],
	];

	it.each(cases)('refuses %s', async (_label, parameters, message) => {
		const result = await runNode({ parameters: { resource: 'flow', ...parameters }, credential: sandboxCredential(sandbox) });
		expect(result.error?.message).toMatch(message);
		expect(result.error?.description).toBe('No request was sent to Meta.');
		expect(sandbox.requests).toHaveLength(0);
	});

	it('refuses a binary file over 10 MB and a missing binary property, sending nothing', async () => {
		const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0x20);
		const tooBig = await runNode({
			parameters: { resource: 'flow', operation: 'uploadFlowJson', flowId: locator('123'), source: 'binary', binaryPropertyName: 'data' },
			credential: sandboxCredential(sandbox),
			items: [{ json: {}, binary: { data: { data: big.toString('base64'), mimeType: 'application/json', fileName: 'flow.json' } } }],
		});
		expect(tooBig.error?.message).toBe('Field "Input Binary Field": the file is 10485761 bytes; Meta accepts at most 10 MB (10485760 bytes)');

		const missing = await runNode({
			parameters: { resource: 'flow', operation: 'uploadFlowJson', flowId: locator('123'), source: 'binary', binaryPropertyName: 'flowFile' },
			credential: sandboxCredential(sandbox),
		});
		expect(missing.error?.message).toMatch(/flowFile/);

		const notJson = await runNode({
			parameters: { resource: 'flow', operation: 'uploadFlowJson', flowId: locator('123'), source: 'binary', binaryPropertyName: 'data' },
			credential: sandboxCredential(sandbox),
			items: [{ json: {}, binary: { data: { data: Buffer.from('<xml/>').toString('base64'), mimeType: 'application/json', fileName: 'flow.json' } } }],
		});
		expect(notJson.error?.message).toMatch(/^Field "Input Binary Field": is not valid JSON/);
		expect(sandbox.requests).toHaveLength(0);
	});

	it('with Continue On Fail, a refused item becomes an error item while the valid one is sent', async () => {
		sandbox.seed({ flows: [{ id: '7777', name: 'Ok' }] });
		const result = await runNode({
			parameters: { resource: 'flow', operation: 'uploadFlowJson', flowId: locator('7777'), source: 'json', flowJson: '={{ $json.text }}' },
			credential: sandboxCredential(sandbox),
			continueOnFail: true,
			items: [{ text: '{oops' }, { text: validJson }],
		});
		expect(result.items.map((item) => item.json)).toEqual([
			expect.objectContaining({ error: expect.stringMatching(/^Field "Flow JSON": is not valid JSON/) }),
			expect.objectContaining({ id: '7777', valid: true }),
		]);
		expect(sandbox.requestsTo('POST', '/assets')).toHaveLength(1);
	});
});
