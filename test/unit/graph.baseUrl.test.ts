import { credentialProblem, readCredentials } from '../../nodes/shared/graph/credentials';
import { isLoopbackHost, mayReceiveToken } from '../../nodes/shared/graph/hosts';
import { startFakeServer } from '../helpers/fakeServer';
import { testCredential } from '../helpers/credentialTest';
import { runNode } from '../helpers/workflow';

const credential = (baseUrl: string) => ({ accessToken: 'test-token-baseurl-0123456789', businessAccountId: '1000', apiVersion: 'v25.0', baseUrl });
const HTTPS_ONLY = 'The credential field "Base URL" must start with https:// (http:// only for this machine: localhost, 127.x.x.x or [::1])';

/** Point 4 of issue 14: the token never travels in cleartext. */
describe('the Base URL is https unless it is this machine', () => {
	it('knows the loopback hosts', () => {
		for (const host of ['localhost', '127.0.0.1', '127.8.9.10', '::1', '[::1]', 'api.localhost']) expect(isLoopbackHost(host)).toBe(true);
		for (const host of ['128.0.0.1', '10.0.0.1', 'localhost.example.com', 'graph.facebook.com', '0.0.0.0', '::ffff:7f00:1']) expect(isLoopbackHost(host)).toBe(false);
	});

	it.each([
		['https://graph.facebook.com', undefined],
		['https://proxy.example.com:8443', undefined],
		['http://127.0.0.1:4000', undefined],
		['http://localhost:4000', undefined],
		['http://[::1]:4000', undefined],
		['http://graph.facebook.com', HTTPS_ONLY],
		['http://10.0.0.5:8080', HTTPS_ONLY],
		['ftp://graph.facebook.com', HTTPS_ONLY],
		['https://', HTTPS_ONLY],
	])('Base URL %s', (baseUrl, message) => {
		expect(credentialProblem(readCredentials(credential(baseUrl)))?.message).toBe(message);
	});

	it('an operation with an http Base URL elsewhere sends nothing', async () => {
		const result = await runNode({
			parameters: { resource: 'sequence', operation: 'get', sequenceId: { __rl: true, mode: 'id', value: '4362' } },
			credential: credential('http://graph.example.com'),
		});
		expect(result.error?.message).toBe(HTTPS_ONLY);
	});

	it('the credential test refuses an http Base URL elsewhere, and passes an http loopback one', async () => {
		// n8n's credential test has no way to word its own refusal: the expression turns the Base URL
		// into a non-URL, and n8n reports that before anything is sent.
		const refused = await testCredential(credential('http://graph.example.com'));
		expect(refused).toEqual({ status: 'Error', message: 'Invalid URL' });
		const local = await startFakeServer((_request, response) => {
			response.writeHead(200, { 'content-type': 'application/json' });
			response.end('{"id":"1000","name":"WABA"}');
		});
		try {
			expect(await testCredential(credential(local.url))).toEqual({ status: 'OK', message: 'Connection successful!' });
			expect(local.requests).toHaveLength(1);
		} finally {
			await local.close();
		}
	});

	it('the media-host allowlist compares scheme and host', () => {
		const base = 'https://graph.facebook.com';
		expect(mayReceiveToken('https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1', base)).toBe(true);
		expect(mayReceiveToken('http://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1', base)).toBe(false);
		expect(mayReceiveToken('http://graph.facebook.com/x', base)).toBe(false);
		expect(mayReceiveToken('https://graph.facebook.com/x', base)).toBe(true);
		expect(mayReceiveToken('http://127.0.0.1:4000/media', 'http://127.0.0.1:4000')).toBe(true);
		expect(mayReceiveToken('http://127.0.0.1:4001/media', 'http://127.0.0.1:4000')).toBe(false);
		expect(mayReceiveToken('https://127.0.0.1:4000/media', 'http://127.0.0.1:4000')).toBe(false);
	});
});
