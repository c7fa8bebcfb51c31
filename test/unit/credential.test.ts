import { useSandbox } from '../helpers/sandbox';
import { testCredential } from '../helpers/credentialTest';
import { sandboxCredential } from '../helpers/workflow';

describe('credential test request (as n8n\'s CredentialsTester runs it)', () => {
	const sandbox = useSandbox();

	it('passes with the right token, calling GET /{version}/{waba}?fields=id,name with a Bearer header', async () => {
		const result = await testCredential(sandboxCredential(sandbox, { baseUrl: `${sandbox.url}///` }));
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(sandbox.requests).toHaveLength(1);
		const [call] = sandbox.requests;
		expect(call.method).toBe('GET');
		// The expression trimmed the trailing slashes of the Base URL.
		expect(call.path).toBe(`/v25.0/${sandbox.state.wabaId}`);
		expect(call.query).toEqual({ fields: 'id,name' });
		expect(call.authenticated).toBe(true);
		expect(call.headers.authorization).toBe('Bearer ***');
		expect(call.status).toBe(200);
	});

	it('maps a wrong token (190, HTTP 401) to the rule\'s message', async () => {
		const result = await testCredential(sandboxCredential(sandbox, { accessToken: 'fakewrongwrongwrong' }));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^Meta rejected the access token \(error 190\)/);
		expect(sandbox.requests[0].graphErrorCode).toBe(190);
	});

	it('maps an unknown WABA ID (100/33, HTTP 400) to the rule\'s message', async () => {
		const result = await testCredential(sandboxCredential(sandbox, { businessAccountId: '999999' }));
		expect(result.message).toMatch(/^Meta could not find this WhatsApp Business Account ID/);
	});

	it('uses the default API version and Base URL when those fields were never touched', async () => {
		// With the defaults the request would go to graph.facebook.com; point it at the sandbox but
		// leave the version out to see the default v25.0 filled in.
		const { apiVersion: _unused, ...withoutVersion } = sandboxCredential(sandbox);
		const result = await testCredential(withoutVersion);
		expect(result.status).toBe('OK');
		expect(sandbox.requests[0].path).toBe(`/v25.0/${sandbox.state.wabaId}`);
	});
});
