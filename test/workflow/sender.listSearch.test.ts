import type { IHttpRequestOptions, ILoadOptionsFunctions } from 'n8n-workflow';

import { searchPhoneNumbers } from '../../nodes/WhatsAppBusinessManagement/methods/phoneNumbers';
import type { Sandbox } from '../sandbox/server';
import { useSandbox } from '../helpers/sandbox';
import { sandboxCredential } from '../helpers/workflow';

/** A load-options context whose HTTP goes to the sandbox with the credential's Bearer token. */
function loadOptionsContext(sandbox: Sandbox): ILoadOptionsFunctions {
	const credential = sandboxCredential(sandbox);
	const request = async (_type: string, options: IHttpRequestOptions) => {
		const url = new URL(options.url);
		for (const [key, value] of Object.entries(options.qs ?? {})) url.searchParams.set(key, String(value));
		const response = await fetch(url, { method: options.method, headers: { authorization: `Bearer ${String(credential.accessToken)}` } });
		return { body: await response.json(), statusCode: response.status, headers: Object.fromEntries(response.headers.entries()) };
	};
	return {
		getCredentials: async () => credential,
		getNode: () => ({ name: 'WhatsApp Business Management', type: 'test', typeVersion: 1, position: [0, 0], parameters: {}, id: '1' }),
		helpers: { httpRequestWithAuthentication: request },
	} as unknown as ILoadOptionsFunctions;
}

describe('Phone number resource locator search', () => {
	const sandbox = useSandbox({
		seed: {
			phoneNumbers: [
				{ id: '11', display_phone_number: '+1 555-010-0199', verified_name: 'Sandbox Motors' },
				{ id: '12', display_phone_number: '+44 7700 900123', verified_name: 'Sandbox Vans' },
			],
		},
	});

	it('lists every number with its display number and name', async () => {
		const result = await searchPhoneNumbers.call(loadOptionsContext(sandbox));
		expect(result.results).toEqual([
			{ name: '+1 555-010-0199 (Sandbox Motors)', value: '11' },
			{ name: '+44 7700 900123 (Sandbox Vans)', value: '12' },
		]);
		expect(sandbox.requestsTo('GET', '/phone_numbers')[0].query).toMatchObject({ fields: 'id,display_phone_number,verified_name', limit: '100' });
	});

	it('filters by name, by digits of the number, and by ID', async () => {
		const context = loadOptionsContext(sandbox);
		expect((await searchPhoneNumbers.call(context, 'vans')).results.map((r) => r.value)).toEqual(['12']);
		expect((await searchPhoneNumbers.call(context, '7700-900')).results.map((r) => r.value)).toEqual(['12']);
		expect((await searchPhoneNumbers.call(context, '11')).results.map((r) => r.value)).toEqual(['11']);
	});
});
