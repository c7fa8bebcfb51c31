/**
 * Secret scan for the whole test run (jest `setupFilesAfterEnv`): every console line, every n8n
 * logger call (the node's `this.logger` and n8n-core's LoggerProxy) and every engine run's output
 * and error (runNode reports them here) is checked for any 12-character piece of the credential's
 * access token and App Secret.
 * A test file that leaks one fails in its afterAll, naming where - never printing the secret.
 * This file holds the registry and the scan; secretScanSetup.ts hooks it into jest.
 */
import { DEFAULT_IDENTITY } from '../sandbox/state';

const secrets = new Set<string>([DEFAULT_IDENTITY.token, DEFAULT_IDENTITY.appSecret]);
const leaks: string[] = [];
const logLines: string[] = [];

/** Adds a value (a token or App Secret a test uses) to what must never appear. */
export function registerSecret(value: unknown): void {
	if (typeof value === 'string' && value.length >= 8) secrets.add(value);
}

function stringify(value: unknown): string {
	if (typeof value === 'string') return value;
	if (value instanceof Error) {
		const extra = value as Error & { description?: unknown; context?: unknown; cause?: unknown };
		return [value.message, value.stack, stringify(extra.description), stringify(extra.context), stringify(extra.cause)].join('\n');
	}
	try {
		const seen = new WeakSet<object>();
		return JSON.stringify(value, (_key, inner: unknown) => {
			if (typeof inner === 'object' && inner !== null) {
				if (seen.has(inner)) return '[circular]';
				seen.add(inner);
			}
			if (inner instanceof Error) return stringify(inner);
			if (typeof inner === 'bigint') return inner.toString();
			return inner;
		}) ?? String(value);
	} catch {
		return String(value);
	}
}

/** A leaked piece this long is a leak: redaction that a cut defeated leaves pieces, not the whole. */
const PIECE_LENGTH = 12;

/**
 * The 12-character pieces of a secret worth looking for. A piece with fewer than 6 different
 * characters (twelve zeros of a test token) also occurs in IDs and timestamps and says nothing.
 */
function piecesOf(secret: string): string[] {
	if (secret.length <= PIECE_LENGTH) return [secret];
	const pieces = new Set<string>();
	for (let start = 0; start + PIECE_LENGTH <= secret.length; start++) {
		const piece = secret.slice(start, start + PIECE_LENGTH);
		if (new Set(piece).size >= 6) pieces.add(piece);
	}
	return pieces.size ? [...pieces] : [secret];
}

/** The secrets from `list` of which any 12-character piece is in `value` (strings, objects, errors with their description and cause). */
export function secretsIn(value: unknown, list: Iterable<string>): string[] {
	const text = stringify(value);
	return [...list].filter((secret) => piecesOf(secret).some((piece) => text.includes(piece)));
}

/** Records a leak if any known secret is in `value`; `where` says what was scanned. */
export function scanForSecrets(value: unknown, where: string): void {
	for (const secret of secretsIn(value, secrets)) {
		leaks.push(`${where}: contains a secret of ${secret.length} characters starting "${secret.slice(0, 3)}"`);
	}
}

/** Log lines seen so far in this test file (console and n8n logger). */
export const capturedLogLines = (): readonly string[] => logLines;

/** Leaks found so far in this test file; a dedicated suite may assert on it directly. */
export const secretLeaks = (): readonly string[] => leaks;

/** Scans one log line and keeps it. */
export function recordLogLine(where: string, args: unknown[]): void {
	const line = args.map(stringify).join(' ');
	logLines.push(`${where}: ${line}`);
	scanForSecrets(line, where);
}
