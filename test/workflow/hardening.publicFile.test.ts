import type { IDataObject } from 'n8n-workflow';

import { isPublicAddress } from '../../nodes/shared/graph/hosts';
import { startFakeServer, type FakeServer } from '../helpers/fakeServer';
import { builderTemplateCreate } from '../helpers/templateCreate';
import { runNode } from '../helpers/workflow';

/** A template with a media header whose sample is fetched from a URL. */
const createWithSample = (headerType: string, headerSampleUrl: string): IDataObject =>
	builderTemplateCreate({ headerType, headerSampleSource: 'url', headerSampleUrl });

// TEST-NET-3 (RFC 5737): a Base URL that is not loopback and routes nowhere, so nothing reaches Meta.
const remoteCredential = { accessToken: 'test-token-public-0123456789', businessAccountId: '1000', apiVersion: 'v25.0', baseUrl: 'https://203.0.113.1', appId: '1234' };

/** Point 5 of issue 14: "From URL" fetches are safe. */
describe('From URL fetches', () => {
	let files: FakeServer;
	let bytesSent = 0;

	beforeEach(async () => {
		bytesSent = 0;
		files = await startFakeServer((request, response) => {
			if (request.url === '/huge.jpg') {
				// 64 MB in 64 KB chunks, as fast as the reader takes them; stops when the reader hangs up.
				response.writeHead(200, { 'content-type': 'image/jpeg' });
				const chunk = Buffer.alloc(65_536, 0xff);
				const pump = () => {
					while (bytesSent < 64 * 1024 * 1024) {
						bytesSent += chunk.length;
						if (!response.write(chunk)) return void response.once('drain', pump);
					}
					response.end();
				};
				response.on('close', () => response.removeAllListeners('drain'));
				pump();
				return;
			}
			response.writeHead(200, { 'content-type': 'application/pdf' });
			response.end('%PDF-1.4 sample');
		});
	});
	afterEach(async () => {
		await files.close();
	});

	const run = (headerType: string, url: string, credential: IDataObject = remoteCredential) =>
		runNode({ parameters: createWithSample(headerType, url), credential: credential as never });

	it.each([
		['loopback', (port: number) => `http://127.0.0.1:${port}/menu.pdf`, '127.0.0.1'],
		['loopback written as one number', (port: number) => `http://2130706433:${port}/menu.pdf`, '127.0.0.1'],
		['IPv6 loopback', (port: number) => `http://[::1]:${port}/menu.pdf`, '::1'],
		['IPv4-mapped loopback', (port: number) => `http://[::ffff:127.0.0.1]:${port}/menu.pdf`, '::ffff:7f00:1'],
		['link-local (cloud metadata)', () => 'http://169.254.169.254/latest/meta-data/', '169.254.169.254'],
		['private', () => 'http://10.1.2.3/menu.pdf', '10.1.2.3'],
	])('refuses a %s address before connecting', async (_kind, urlOf, address) => {
		const result = await run('document', urlOf(files.port));
		expect(result.error?.message).toBe(`Field "Sample File URL": ${address} is not a public address, so the file is not fetched`);
		expect(files.requests).toHaveLength(0);
	});

	it('refuses a host name that resolves to a private address, reading nothing of its answer', async () => {
		const result = await run('document', `http://localhost:${files.port}/menu.pdf`);
		expect(result.error?.message).toMatch(/^Field "Sample File URL": localhost resolved to (127\.0\.0\.1|::1), which is not a public address/);
	});

	it('names the field when the URL is malformed', async () => {
		const result = await run('document', 'http://[::1/menu.pdf');
		expect(result.error?.message).toBe('Field "Sample File URL": "http://[::1/menu.pdf" is not a valid URL');
	});

	it('stops reading at the format\'s maximum instead of buffering the whole answer', async () => {
		// The Base URL is loopback (the sandbox case), so a loopback sample address is allowed.
		const local = { ...remoteCredential, baseUrl: `http://127.0.0.1:${files.port}` };
		const result = await run('image', `http://127.0.0.1:${files.port}/huge.jpg`, local);
		expect(result.error?.message).toBe('Field "Sample File URL": the file is larger than 5 MB, the most this format allows, so it was not read further');
		expect(bytesSent).toBeLessThan(16 * 1024 * 1024);
	});
});

describe('isPublicAddress', () => {
	it.each(['8.8.8.8', '157.240.1.35', '2a03:2880:f003:c07:face:b00c::2', '100.63.255.255', '172.32.0.1'])('%s is public', (address) => {
		expect(isPublicAddress(address)).toBe(true);
	});
	it.each([
		'127.0.0.1', '127.255.0.9', '10.0.0.1', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0',
		'224.0.0.1', '255.255.255.255', '::1', '::', 'fe80::1', 'fc00::1', 'fd12:3456::1', '::ffff:10.0.0.1', '::ffff:7f00:1', 'ff02::1', 'not an address',
	])('%s is not', (address) => {
		expect(isPublicAddress(address)).toBe(false);
	});
});
