import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedRequest {
	method: string;
	url: string;
	headers: IncomingHttpHeaders;
	/** Date.now() when it arrived. */
	at: number;
}

export interface FakeServer {
	/** `http://127.0.0.1:<port>` (or the host given). */
	url: string;
	port: number;
	requests: RecordedRequest[];
	close(): Promise<void>;
}

/**
 * A throwaway HTTP server for the hardening tests: a second origin that records what reaches it, a
 * server that never answers, a redirect. The handler may leave the response open (it is closed with
 * the server).
 */
export async function startFakeServer(
	handler: (request: IncomingMessage, response: ServerResponse, self: FakeServer) => void,
	host = '127.0.0.1',
): Promise<FakeServer> {
	const sockets = new Set<Socket>();
	const requests: RecordedRequest[] = [];
	const self = { requests } as FakeServer;
	const server = createServer((request, response) => {
		requests.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, at: Date.now() });
		request.resume();
		handler(request, response, self);
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	self.port = port;
	self.url = `http://${host}:${port}`;
	self.close = async () => {
		for (const socket of sockets) socket.destroy();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	};
	return self;
}

/** Answers JSON with a status (200 by default). */
export function answerJson(response: ServerResponse, body: unknown, status = 200, headers: Record<string, string> = {}): void {
	response.writeHead(status, { 'content-type': 'application/json', ...headers });
	response.end(JSON.stringify(body));
}
