/**
 * The e2e suite's own checking logic (scripts/lib/cases.js): a case that should fail must fail,
 * or the real-n8n suite could pass while n8n answers nonsense.
 */
import path from 'node:path';

interface CaseModule {
	matches(actual: unknown, expected: unknown, where?: string): string[];
	checkCase(testCase: Record<string, unknown>, items: unknown[], requests: Array<Record<string, unknown>>): string[];
	workflowFor(testCase: Record<string, unknown>): { id: string; webhookPath: string; nodes: Array<Record<string, unknown>>; connections: unknown };
	loadCases(): Array<Record<string, unknown>>;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const cases = require(path.join(__dirname, '..', '..', 'scripts', 'lib', 'cases.js')) as CaseModule;

const request = (method: string, requestPath: string, extra: Record<string, unknown> = {}) => ({
	method,
	path: requestPath,
	query: {},
	headers: { authorization: 'Bearer ***' },
	...extra,
});

describe('e2e case checks', () => {
	it('matches partially and deeply, and reports where a value differs', () => {
		expect(cases.matches({ a: 1, b: { c: [1, 2], d: 'x' } }, { b: { c: [1, 2] } })).toEqual([]);
		expect(cases.matches({ a: 1 }, { a: 2 })).toEqual(['$.a: expected 2, got 1']);
		expect(cases.matches({ list: [1] }, { list: [1, 2] })[0]).toContain('expected 2 entries, got 1');
		expect(cases.matches(undefined, { a: 1 })[0]).toContain('expected an object');
	});

	it('fails on item count, item values, request counts, query and leaked text', () => {
		const testCase = {
			expect: {
				itemCount: 1,
				items: [{ id: '1' }],
				requests: [{ method: 'GET', pathIncludes: '/edge', count: 1, query: { limit: '2' } }],
				notContains: ['SECRET'],
			},
		};
		expect(cases.checkCase(testCase, [{ id: '1' }], [request('GET', '/v25.0/1/edge', { query: { limit: '2' } })])).toEqual([]);
		const problems = cases.checkCase(testCase, [{ id: '2', token: 'SECRET' }, {}], [request('GET', '/v25.0/1/edge', { query: { limit: '9' } }), request('GET', '/v25.0/1/edge')]);
		expect(problems.join('\n')).toMatch(/expected 1 items, got 2/);
		expect(problems.join('\n')).toMatch(/item\[0\]\.id: expected "1", got "2"/);
		expect(problems.join('\n')).toMatch(/expected 1 GET requests to \/edge, the sandbox saw 2/);
		expect(problems.join('\n')).toMatch(/query\.limit: expected "2", got "9"/);
		expect(problems.join('\n')).toMatch(/contains "SECRET"/);
	});

	it('counts an error item as a failure unless the case expects one', () => {
		const errorItem = { error: 'Meta error 100', metaCode: 100 };
		expect(cases.checkCase({ expect: { itemCount: 1 } }, [errorItem], [])[0]).toMatch(/item\[0\] is an error/);
		expect(cases.checkCase({ expect: { itemCount: 1, items: [{ metaCode: 100 }] } }, [errorItem], [])).toEqual([]);
	});

	it('turns every case file into an importable Webhook -> node workflow with a unique path', () => {
		const loaded = cases.loadCases();
		expect(loaded.length).toBeGreaterThan(0);
		const workflows = loaded.map((testCase) => cases.workflowFor(testCase));
		expect(new Set(workflows.map((w) => w.webhookPath)).size).toBe(workflows.length);
		expect(new Set(workflows.map((w) => w.id)).size).toBe(workflows.length);
		for (const workflow of workflows) {
			expect(workflow.nodes[0]).toMatchObject({ name: 'Webhook', type: 'n8n-nodes-base.webhook', parameters: { responseMode: 'lastNode' } });
			const ours = workflow.nodes.filter((node) => node.type === 'n8n-nodes-whatsapp-business-management.whatsAppBusinessManagement');
			expect(ours.length).toBeGreaterThan(0);
			for (const node of ours) expect(node.credentials).toBeDefined();
		}
	});
});
