'use strict';
/**
 * A tiny local HTTP endpoint standing in for the CRM and the team chat the example workflows call,
 * so `npm run dev` shows an ad click become a lead without any outside service. It answers every
 * POST with a JSON id and prints what it received.
 */
const http = require('node:http');

function startCatcher({ port = 0, print = console.log } = {}) {
	const received = [];
	let next = 1;
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			let body = Buffer.concat(chunks).toString('utf8');
			try {
				body = JSON.parse(body);
			} catch {
				// Keep the text.
			}
			const entry = { id: `local-${next++}`, method: req.method, path: req.url, body, time: new Date().toISOString() };
			received.push(entry);
			print(`   [local CRM/chat] ${req.method} ${req.url} ${typeof body === 'string' ? body : JSON.stringify(body)}`.slice(0, 400));
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ id: entry.id, received: true }));
		});
	});
	return new Promise((resolve) => {
		server.listen(port, '127.0.0.1', () => {
			const address = server.address();
			resolve({
				url: `http://127.0.0.1:${address.port}`,
				received,
				close: () => new Promise((done) => server.close(() => done())),
			});
		});
	});
}

module.exports = { startCatcher };
