import type { INode } from 'n8n-workflow';

import { buildGraphApiError, redact } from '../../nodes/shared/graph/errors';
import { secretsIn } from '../helpers/secretScan';

const node: INode = { id: 'n1', name: 'WABM', type: 'wabm', typeVersion: 1, position: [0, 0], parameters: {} };
const token = 'fakeStraddleTOKEN9f8e7d6c5b4a3210zyxw';
// Meta's tokens start with these three letters; built at run time so the tree holds no token-like string.
const metaShaped = ['E', 'A', 'A'].join('') + 'Gm0PX4ZCpsBAKZBx7sZCvRZBdnUO1CXlZAYqsYEs1ZB3Fx';

/** Every 12-character piece of `secret` absent from `text` (the scan's own rule). */
const noPieceOf = (text: string, secret: string) => {
	for (let start = 0; start + 12 <= secret.length; start++) expect(text).not.toContain(secret.slice(start, start + 12));
};

/** Point 6 of issue 14: redaction that truncation cannot defeat. */
describe('redaction', () => {
	it('redacts before cutting the 200-character snippet, so a token straddling the cut leaks no piece', () => {
		for (const lead of [170, 180, 188]) {
			const rawBody = `${'x'.repeat(lead)}${token} trailing`;
			const error = buildGraphApiError(node, { httpStatus: 502, rawBody, method: 'GET', path: '/x', secrets: [token] });
			noPieceOf(error.message, token);
			noPieceOf(JSON.stringify(error.errorResponse ?? {}), token);
		}
	});

	it('redacts before cutting the 500-character body kept on the error', () => {
		const rawBody = `${'y'.repeat(480)}${token}`;
		const error = buildGraphApiError(node, { httpStatus: 502, rawBody, method: 'GET', path: '/x', secrets: [token] });
		noPieceOf(JSON.stringify(error.errorResponse ?? {}), token);
	});

	it('masks Bearer and OAuth headers, access_token parameters and Meta-shaped tokens it was not told about', () => {
		const text = `Authorization: Bearer abc.def-123 then OAuth zyx987wvu then ?access_token=q1w2e3&x=1 then ${metaShaped} end`;
		expect(redact(text, [])).toBe('Authorization: Bearer *** then OAuth *** then ?access_token=***&x=1 then *** end');
	});

	it('leaves ordinary text alone', () => {
		for (const text of ['Meta error 100: Invalid parameter (#100) EAT lunch', 'Meta error 190: Invalid OAuth access token - Cannot parse access token', 'Use a Bearer token']) {
			expect(redact(text, [])).toBe(text);
		}
	});
});

describe('the test run\'s secret scan', () => {
	const appSecret = 'sandbox-app-secret-9911';

	it('finds any 12-character piece of a secret, not only the whole', () => {
		expect(secretsIn(`cut here: ${token.slice(7, 19)}`, [token])).toEqual([token]);
		expect(secretsIn({ nested: { value: `..${appSecret.slice(-12)}` } }, [appSecret])).toEqual([appSecret]);
		expect(secretsIn('nothing here', [token, appSecret])).toEqual([]);
	});

	it('does not count a low-variety run (twelve zeros) as a piece', () => {
		const zeros = 'fakesandboxTOKEN0000000000000000000001';
		expect(secretsIn('id 1000000000000000', [zeros])).toEqual([]);
		expect(secretsIn('fakesandboxTO', [zeros])).toEqual([zeros]);
	});
});
