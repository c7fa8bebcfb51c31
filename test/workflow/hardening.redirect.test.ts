import { answerJson, startFakeServer, type FakeServer } from '../helpers/fakeServer';
import { runNode } from '../helpers/workflow';

const TOKEN = 'test-token-redirect-0123456789abcdef';

/** Point 1 of issue 14: the access token never follows a redirect to another origin. */
describe('redirects never carry the token to another origin', () => {
	let graph: FakeServer;
	let elsewhere: FakeServer;
	let redirectTo = '';

	beforeEach(async () => {
		elsewhere = await startFakeServer((_request, response) =>
			answerJson(response, { welcome_message_sequences: [{ sequence_id: '4362', name: 'Basic Triage' }] }),
		'localhost');
		graph = await startFakeServer((request, response) => {
			response.writeHead(302, { location: `${redirectTo}${request.url}` });
			response.end();
		});
	});
	afterEach(async () => {
		await graph.close();
		await elsewhere.close();
	});

	const credential = () => ({ accessToken: TOKEN, businessAccountId: '1000', apiVersion: 'v25.0', baseUrl: graph.url });
	const downloadThroughGraph = () =>
		runNode({
			parameters: {
				resource: 'media',
				operation: 'download',
				mediaId: '555',
				binaryPropertyName: 'file',
				options: { mediaUrl: `${graph.url}/whatsapp_business/attachments/?mid=555` },
			},
			credential: credential(),
		});
	const tokenSeenElsewhere = () => elsewhere.requests.some((request) => JSON.stringify(request.headers).includes(TOKEN));

	it('a Graph answer that redirects to another host gets no Authorization header there', async () => {
		redirectTo = elsewhere.url;
		const result = await runNode({
			parameters: { resource: 'sequence', operation: 'get', sequenceId: { __rl: true, mode: 'id', value: '4362' } },
			credential: credential(),
		});
		expect(graph.requests[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
		expect(elsewhere.requests).toHaveLength(1);
		expect(tokenSeenElsewhere()).toBe(false);
		expect(result.error).toBeUndefined();
	});

	it('Media > Download refuses a hop to a host that may not receive the token, before sending it there', async () => {
		redirectTo = elsewhere.url;
		const result = await downloadThroughGraph();
		expect(graph.requests).toHaveLength(1);
		expect(elsewhere.requests).toHaveLength(0);
		expect(result.error?.message).toBe(`The media download was redirected to ${elsewhere.url}, which may not receive the access token`);
	});

	it('Media > Download follows a hop on an allowed host, sending the token there', async () => {
		let hops = 0;
		await graph.close();
		graph = await startFakeServer((request, response) => {
			hops++;
			if (hops === 1) {
				response.writeHead(302, { location: '/file.jpg' });
				response.end();
				return;
			}
			response.writeHead(200, { 'content-type': 'image/jpeg' });
			response.end(Buffer.from([0xff, 0xd8, 0xff, 1, 2, 3]));
		});
		const result = await downloadThroughGraph();
		expect(result.error).toBeUndefined();
		expect(graph.requests.map((request) => request.url)).toEqual(['/whatsapp_business/attachments/?mid=555', '/file.jpg']);
		expect(graph.requests.every((request) => request.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
		expect(result.items[0].binary?.file.mimeType).toBe('image/jpeg');
	});
});
