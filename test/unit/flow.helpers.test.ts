import {
	MAX_FLOW_JSON_BYTES,
	describeValidationErrors,
	flowFieldsParameter,
	normalizeFlow,
	normalizeValidationErrors,
} from '../../nodes/WhatsAppBusinessManagement/actions/flow/graph';
import { flowIdFromLocator } from '../../nodes/WhatsAppBusinessManagement/actions/flow/locator';
import {
	checkEndpointUri,
	checkFlowCategories,
	checkFlowJson,
	checkFlowName,
	lineAndColumn,
	toCategoryList,
} from '../../nodes/WhatsAppBusinessManagement/actions/flow/rules';

describe('flow helpers', () => {
	it('asks preview as preview.invalidate(...) and always asks id first', () => {
		expect(flowFieldsParameter(['name', 'preview'])).toBe('id,name,preview.invalidate(false)');
		expect(flowFieldsParameter(['preview'], true)).toBe('id,preview.invalidate(true)');
		expect(flowFieldsParameter(['id', 'status'])).toBe('id,status');
		expect(flowFieldsParameter([])).toBe('id');
	});

	it('reads a flow ID from an ID, a locator or a WhatsApp Manager link', () => {
		expect(flowIdFromLocator('1234')).toBe('1234');
		expect(flowIdFromLocator(' 1234 ')).toBe('1234');
		expect(flowIdFromLocator({ __rl: true, mode: 'list', value: '987' })).toBe('987');
		expect(flowIdFromLocator({ mode: 'url', value: 'https://business.facebook.com/wa/manage/flows/5551/preview/?token=x' })).toBe('5551');
		expect(flowIdFromLocator('https://business.facebook.com/wa/manage/flows/?flow_id=42')).toBe('42');
		expect(flowIdFromLocator('abc')).toBeUndefined();
		expect(flowIdFromLocator('')).toBeUndefined();
		expect(flowIdFromLocator({ mode: 'id', value: '' })).toBeUndefined();
		expect(flowIdFromLocator(undefined)).toBeUndefined();
	});

	it('accepts a Flow JSON string, object or buffer and keeps the exact text', () => {
		const text = '{\n  "version": "7.0",\n  "screens": []\n}';
		expect(checkFlowJson(text)).toEqual({ problems: [], flowJson: { text, parsed: { version: '7.0', screens: [] } } });
		expect(checkFlowJson(Buffer.from(text)).flowJson?.text).toBe(text);
		expect(checkFlowJson({ version: '7.0', screens: [] }).flowJson?.text).toBe('{"version":"7.0","screens":[]}');
	});

	it('refuses Flow JSON that does not parse, with the line and column where known', () => {
		const { problems } = checkFlowJson('{\n  "version": "7.0",\n  "screens": [],\n}');
		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatch(/^is not valid JSON \(line 4, column 1\)/);
		expect(checkFlowJson('{"a":').problems[0]).toMatch(/^is not valid JSON/);
	});

	it('refuses empty, non-object and oversized Flow JSON', () => {
		expect(checkFlowJson('').problems).toEqual(['is empty']);
		expect(checkFlowJson('   ').problems).toEqual(['is empty']);
		expect(checkFlowJson('[1,2]').problems).toEqual(['must be a JSON object (with "version" and "screens")']);
		expect(checkFlowJson(42).problems).toEqual(['must be a JSON object, not number']);
		const big = JSON.stringify({ version: '7.0', screens: [], pad: 'x'.repeat(MAX_FLOW_JSON_BYTES) });
		expect(checkFlowJson(big).problems[0]).toMatch(/Meta accepts at most 10 MB \(10485760 bytes\)/);
		// Exactly 10 MB is allowed.
		const exact = `{"a":"${'x'.repeat(MAX_FLOW_JSON_BYTES - 8)}"}`;
		expect(Buffer.byteLength(exact)).toBe(MAX_FLOW_JSON_BYTES);
		expect(checkFlowJson(exact).problems).toEqual([]);
	});

	it('counts lines and columns from 1', () => {
		expect(lineAndColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
		expect(lineAndColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
	});

	it('flattens Meta validation errors into message, line, column and path', () => {
		const raw = [
			{
				error: 'INVALID_PROPERTY',
				error_type: 'JSON_SCHEMA_ERROR',
				message: 'The property "initial-text" cannot be specified at "$root/screens/0/layout/children/2/children/0".',
				line_start: 46,
				line_end: 46,
				column_start: 17,
				column_end: 30,
				pointers: [{ line_start: 46, line_end: 46, column_start: 17, column_end: 30, path: 'screens[0].layout.children[2].children[0]' }],
			},
			{ message: 'No position' },
		];
		const errors = normalizeValidationErrors(raw);
		expect(errors[0]).toEqual({
			message: raw[0].message,
			line: 46,
			column: 17,
			lineEnd: 46,
			columnEnd: 30,
			path: 'screens[0].layout.children[2].children[0]',
			error: 'INVALID_PROPERTY',
			errorType: 'JSON_SCHEMA_ERROR',
			pointers: raw[0].pointers,
		});
		expect(errors[1]).toEqual({
			message: 'No position',
			line: null,
			column: null,
			lineEnd: null,
			columnEnd: null,
			path: null,
			error: null,
			errorType: null,
			pointers: [],
		});
		expect(normalizeValidationErrors(undefined)).toEqual([]);
		expect(describeValidationErrors(errors, 1)).toBe(`${raw[0].message} (line 46, column 17); and 1 more`);
	});

	it('normalizes a flow: string id, structured validation errors', () => {
		expect(normalizeFlow({ id: 12, name: 'A', validation_errors: [] })).toEqual({ id: '12', name: 'A', validation_errors: [] });
		expect(normalizeFlow({ id: '1', name: 'B' })).toEqual({ id: '1', name: 'B' });
	});

	it('checks names, categories and endpoint URIs', () => {
		expect(checkFlowName('Booking')).toEqual([]);
		expect(checkFlowName('  ')).toEqual(['is required']);
		expect(checkFlowName('x'.repeat(201))).toEqual(['must be at most 200 characters (it has 201)']);
		expect(checkFlowCategories(['SURVEY', 'OTHER'])).toEqual([]);
		expect(checkFlowCategories([])).toEqual(['needs at least one category']);
		expect(checkFlowCategories(' , ')).toEqual(['needs at least one category']);
		expect(checkFlowCategories('SURVEY, OTHER')).toEqual([]);
		expect(toCategoryList('SURVEY, OTHER')).toEqual(['SURVEY', 'OTHER']);
		expect(toCategoryList(['SURVEY'])).toEqual(['SURVEY']);
		expect(checkFlowCategories(['SURVEY', 'PARTY'])[0]).toMatch(/^has unknown values PARTY; allowed: SIGN_UP/);
		expect(checkEndpointUri('')).toEqual([]);
		expect(checkEndpointUri('https://example.com/flow')).toEqual([]);
		expect(checkEndpointUri('http://example.com/flow')).toEqual(['must start with https:// (Meta only calls HTTPS endpoints)']);
		expect(checkEndpointUri('example.com')).toEqual(['must be a full URL such as https://example.com/flow']);
	});
});
