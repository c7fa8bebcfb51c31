import type { INode } from 'n8n-workflow';

import { GRAPH_ERROR_HINTS, buildGraphApiError, hintForCode } from '../../nodes/shared/graph/errors';

/** Every error code graph-api.md lists in sections 0 (every call), 2 (flows) and 5 (sequences). */
const DOCUMENTED_CODES = [
	0, 1, 2, 3, 4, 10, 33, 100, 190, 200, 299, 368, 613, 80007, 80008, 130429, 131031, 131048, 131056, 133016,
	2388019, 2388040, 2388047, 2388072, 2388073, 2388293, 2388299,
	139000, 139001, 139002, 139003, 139004, 139006,
	4027001, 4027005, 4027006, 4027007, 4027010, 4027012, 4027017,
];

const node: INode = {
	id: 'n1',
	name: 'WhatsApp Business Management',
	type: 'n8n-nodes-whatsapp-business-management.whatsAppBusinessManagement',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

describe('Graph error hints', () => {
	it.each(DOCUMENTED_CODES)('code %i has a hint', (code) => {
		expect(hintForCode(code)).toEqual(expect.any(String));
		expect(hintForCode(code)!.length).toBeGreaterThan(20);
	});

	// Checked in Meta's error-codes reference and the request_code edge reference (see errors.ts Sources).
	it.each([133005, 136024])('code %i, documented by Meta for registration, has a hint', (code) => {
		expect(hintForCode(code)!.length).toBeGreaterThan(20);
	});

	// Meta's error-codes reference (see errors.ts Sources), except 131059 (issue 14's own reading).
	it.each([
		[131059, /without the paging cursors/],
		[133005, /disable two-step verification, then set a new PIN/],
		[133006, /verified before it can be registered/],
		[133008, /Too many two-step verification PIN guesses/],
		[133009, /entered too quickly/],
		[133010, /not registered/],
		[133015, /Wait 5 minutes/],
		[133016, /not retried/],
	])('code %i has its documented hint', (code, text) => {
		expect(hintForCode(code)).toMatch(text);
	});

	it('hints for template name refusals state only the documented rules (30-day block after deleting an APPROVED template)', () => {
		expect(GRAPH_ERROR_HINTS[2388023]).toMatch(/APPROVED template with this name was deleted in the last 30 days/);
		expect(GRAPH_ERROR_HINTS[2388024]).toMatch(/already exists in this language/);
	});

	it("carries the welcome-sequence guide's possible solutions", () => {
		expect(GRAPH_ERROR_HINTS[4027001]).toMatch(/correct type and format/);
		expect(GRAPH_ERROR_HINTS[4027005]).toMatch(/required permissions/);
		expect(GRAPH_ERROR_HINTS[4027006]).toMatch(/sequence ID for correctness/);
		expect(GRAPH_ERROR_HINTS[4027007]).toMatch(/Wait a day or two/);
		expect(GRAPH_ERROR_HINTS[4027010]).toMatch(/required parameter/);
		expect(GRAPH_ERROR_HINTS[4027012]).toMatch(/Disconnect the sequence from the ad/);
		expect(GRAPH_ERROR_HINTS[4027017]).toMatch(/does not exist or the token has no permission/);
	});

	it('has none for a code nobody documented', () => {
		expect(hintForCode(987654)).toBeUndefined();
		expect(hintForCode(undefined)).toBeUndefined();
	});
});

describe('buildGraphApiError', () => {
	const token = 'fakeGsecretTOKEN1234567890';

	it("keeps Meta's code, subcode and fbtrace_id, prefers the subcode's hint, and masks the token everywhere", () => {
		const error = buildGraphApiError(node, {
			httpStatus: 400,
			graphError: {
				message: `(#100) Invalid parameter ${token}`,
				type: 'OAuthException',
				code: 100,
				error_subcode: 2388024,
				error_data: { details: `see https://graph.facebook.com/x?access_token=${token}&a=1` },
				fbtrace_id: 'AbC123trace',
			},
			method: 'POST',
			path: '/1/message_templates',
			secrets: [token],
		});
		expect(error.message).toBe('Meta error 100/2388024: Invalid parameter ***');
		expect(error.description).toContain(GRAPH_ERROR_HINTS[2388024]);
		expect(error.description).toContain('fbtrace_id AbC123trace');
		expect(error.description).toContain('subcode 2388024');
		expect(error.context).toMatchObject({ metaCode: 100, metaSubcode: 2388024, fbtraceId: 'AbC123trace' });
		expect(JSON.stringify({ message: error.message, description: error.description, context: error.context, cause: error.cause, errorResponse: error.errorResponse })).not.toContain(token);
	});
});
