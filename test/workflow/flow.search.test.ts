import type { IHttpRequestOptions, ILoadOptionsFunctions, INodeProperties } from 'n8n-workflow';

import { WhatsAppBusinessManagement } from '../../nodes/WhatsAppBusinessManagement/WhatsAppBusinessManagement.node';
import type { Sandbox } from '../sandbox/server';
import { useSandbox } from '../helpers/sandbox';
import { sandboxCredential } from '../helpers/workflow';

/**
 * The flow resource locator's search, run with a load-options context whose HTTP helper sends real
 * requests to the sandbox (n8n's own helper adds the Bearer header the same way).
 */
function loadOptionsContext(sandbox: Sandbox): ILoadOptionsFunctions {
	const credential = sandboxCredential(sandbox);
	return {
		getCredentials: async () => credential,
		getNode: () => ({ id: 'x', name: 'WhatsApp Business Management', type: 'whatsAppBusinessManagement', typeVersion: 1, position: [0, 0], parameters: {} }),
		helpers: {
			httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => {
				const url = new URL(options.url);
				for (const [key, value] of Object.entries(options.qs ?? {})) url.searchParams.set(key, String(value));
				const response = await fetch(url, { method: options.method, headers: { authorization: `Bearer ${String(credential.accessToken)}` } });
				return { statusCode: response.status, headers: Object.fromEntries(response.headers.entries()), body: await response.text() };
			},
		},
	} as unknown as ILoadOptionsFunctions;
}

describe('Flow resource locator search', () => {
	const sandbox = useSandbox({ reset: false });

	it('is registered on the node and lists every flow (all pages) with its status, filtered by name or ID', async () => {
		sandbox.seed({
			flows: [
				{ id: '9001', name: 'Test drive booking', status: 'PUBLISHED' },
				{ id: '9002', name: 'Survey', status: 'DRAFT' },
				...Array.from({ length: 120 }, (_, i) => ({ id: String(9100 + i), name: `Bulk ${i}` })),
			],
		});
		const node = new WhatsAppBusinessManagement();
		const search = node.methods.listSearch.searchFlows;
		const context = loadOptionsContext(sandbox);

		const all = await search.call(context);
		expect(all.results).toHaveLength(122);
		expect(all.results[0]).toEqual({
			name: 'Test drive booking (PUBLISHED)',
			value: '9001',
			url: 'https://business.facebook.com/wa/manage/flows/9001/',
		});
		expect(sandbox.requestsTo('GET', '/flows').map((r) => r.query.fields)).toEqual(['id,name,status', 'id,name,status']);

		expect((await search.call(context, 'DRIVE')).results.map((r) => r.value)).toEqual(['9001']);
		expect((await search.call(context, '9002')).results.map((r) => r.name)).toEqual(['Survey (DRAFT)']);
	});

	it('is the search behind every flow locator of the node', () => {
		const properties = new WhatsAppBusinessManagement().description.properties;
		const locators = properties.filter((p) => p.type === 'resourceLocator' && p.displayOptions?.show?.resource?.includes('flow'));
		const operations = locators.flatMap((p) => p.displayOptions!.show!.operation as string[]);
		expect(operations.sort()).toEqual(['delete', 'deprecate', 'get', 'getFlowJson', 'getPreviewUrl', 'publish', 'update', 'uploadFlowJson']);
		const clone = properties.find((p) => p.name === 'additionalFields' && p.displayOptions?.show?.operation?.includes('create') && p.displayOptions?.show?.resource?.includes('flow'));
		const cloneLocator = (clone?.options as INodeProperties[]).find((o) => o.name === 'cloneFlowId');
		expect(cloneLocator?.type).toBe('resourceLocator');
		for (const locator of [...locators, cloneLocator!]) {
			expect(locator.modes?.find((m) => m.name === 'list')?.typeOptions?.searchListMethod).toBe('searchFlows');
		}
	});
});
