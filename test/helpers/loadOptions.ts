import type { IDataObject, IHttpRequestOptions, ILoadOptionsFunctions } from 'n8n-workflow';

import type { Sandbox } from '../sandbox/server';
import { sandboxCredential } from './workflow';

/**
 * A load-options context (list search, resource mapping) whose HTTP goes to the sandbox with the
 * credential's Bearer token; `parameters` are the node's current values, as the editor sends them.
 */
export function loadOptionsContext(sandbox: Sandbox, parameters: IDataObject = {}): ILoadOptionsFunctions {
	const credential = sandboxCredential(sandbox);
	const request = async (_type: string, options: IHttpRequestOptions) => {
		const url = new URL(options.url);
		for (const [key, value] of Object.entries(options.qs ?? {})) url.searchParams.set(key, String(value));
		const response = await fetch(url, { method: options.method, headers: { authorization: `Bearer ${String(credential.accessToken)}` } });
		return { body: await response.json(), statusCode: response.status, headers: Object.fromEntries(response.headers.entries()) };
	};
	const getNodeParameter = (name: string, fallback?: unknown, options?: { extractValue?: boolean }) => {
		const value = parameters[name];
		if (value === undefined) return fallback;
		const locator = value as { __rl?: boolean; value?: unknown };
		return options?.extractValue && locator?.__rl ? locator.value : value;
	};
	return {
		getCredentials: async () => credential,
		getNode: () => ({ name: 'WhatsApp Business Management', type: 'test', typeVersion: 1, position: [0, 0], parameters, id: '1' }),
		getNodeParameter,
		helpers: { httpRequestWithAuthentication: request },
	} as unknown as ILoadOptionsFunctions;
}
