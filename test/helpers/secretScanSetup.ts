/**
 * jest setupFilesAfterEnv: routes every console line and every n8n logger call through the secret
 * scan (secretScan.ts), and fails a test file whose run showed the access token or App Secret.
 */
import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import { LoggerProxy } from 'n8n-workflow';

import { recordLogLine, secretLeaks } from './secretScan';

for (const level of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
	const original = console[level].bind(console);
	console[level] = (...args: unknown[]) => {
		recordLogLine(`console.${level}`, args);
		original(...args);
	};
}

/** n8n's logger, silent as in the test setup, but every call is scanned. */
const capturingLogger = {
	error: (message: string, metadata?: unknown) => recordLogLine('n8n logger error', [message, metadata]),
	warn: (message: string, metadata?: unknown) => recordLogLine('n8n logger warn', [message, metadata]),
	info: (message: string, metadata?: unknown) => recordLogLine('n8n logger info', [message, metadata]),
	debug: (message: string, metadata?: unknown) => recordLogLine('n8n logger debug', [message, metadata]),
	verbose: (message: string, metadata?: unknown) => recordLogLine('n8n logger verbose', [message, metadata]),
	scoped: () => capturingLogger,
};
Container.set(Logger, capturingLogger as unknown as Logger);
LoggerProxy.init(capturingLogger as never);

afterAll(() => {
	const leaks = secretLeaks();
	if (leaks.length) {
		const list = [...new Set(leaks)].slice(0, 20).join('\n  ');
		throw new Error(`A secret (access token or App Secret) appeared in test output:\n  ${list}`);
	}
});
