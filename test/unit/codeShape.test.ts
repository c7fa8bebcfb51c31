/**
 * The shape issue 13 asks of the package's source, over nodes/ and credentials/: no file over 400
 * lines, no function (declaration, method, arrow or function expression, accessor, constructor)
 * over 80 lines, no import from one node's folder into the other's, and nothing under nodes/shared
 * importing a node's folder. Functions are found with the TypeScript compiler's parser.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import * as ts from 'typescript';

const ROOT = resolve(__dirname, '../..');
const MAX_FILE_LINES = 400;
const MAX_FUNCTION_LINES = 80;

function sourceFiles(folder: string): string[] {
	return readdirSync(join(ROOT, folder), { withFileTypes: true }).flatMap((entry) => {
		const path = join(folder, entry.name);
		if (entry.isDirectory()) return sourceFiles(path);
		return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path.split(sep).join('/')] : [];
	});
}

const FILES = [...sourceFiles('nodes'), ...sourceFiles('credentials')];

interface Parsed {
	path: string;
	source: ts.SourceFile;
}

const parsed: Parsed[] = FILES.map((path) => ({
	path,
	source: ts.createSourceFile(path, readFileSync(join(ROOT, path), 'utf8'), ts.ScriptTarget.Latest, true),
}));

const lineOf = (source: ts.SourceFile, position: number) => source.getLineAndCharacterOfPosition(position).line + 1;

function functionName(node: ts.Node): string {
	if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isFunctionExpression(node)) && node.name) return node.name.getText();
	if (ts.isGetAccessor(node) || ts.isSetAccessor(node)) return node.name.getText();
	if (ts.isConstructorDeclaration(node)) return 'constructor';
	const parent = node.parent;
	if (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent))) return parent.name.getText();
	return '(anonymous)';
}

/** Every function in the file longer than the limit, as `path:line name (n lines)`. */
function longFunctions({ path, source }: Parsed): string[] {
	const found: string[] = [];
	const visit = (node: ts.Node) => {
		if (ts.isFunctionLike(node) && 'body' in node && node.body) {
			const start = lineOf(source, node.getStart(source));
			const lines = lineOf(source, node.getEnd()) - start + 1;
			if (lines > MAX_FUNCTION_LINES) found.push(`${path}:${start} ${functionName(node)} (${lines} lines)`);
		}
		ts.forEachChild(node, visit);
	};
	visit(source);
	return found;
}

/** The repository paths a file imports (import, export ... from, require, import()), relative ones only. */
function importsOf({ path, source }: Parsed): string[] {
	const specifiers: string[] = [];
	const visit = (node: ts.Node) => {
		if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
			specifiers.push(node.moduleSpecifier.text);
		}
		if (ts.isCallExpression(node) && node.arguments.length === 1 && ts.isStringLiteral(node.arguments[0])) {
			const callee = node.expression;
			if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require')) specifiers.push(node.arguments[0].text);
		}
		ts.forEachChild(node, visit);
	};
	visit(source);
	return specifiers
		.filter((specifier) => specifier.startsWith('.'))
		.map((specifier) => relative(ROOT, resolve(ROOT, dirname(path), specifier)).split(sep).join('/'));
}

/** `nodes/<folder>` a repository path is in, or undefined outside nodes/. */
const nodeFolder = (path: string) => (/^nodes\/([^/]+)\//.exec(`${path}/`) ?? [])[1];

function importViolations(file: Parsed): string[] {
	const from = nodeFolder(file.path);
	if (!from) return [];
	return importsOf(file)
		.filter((target) => {
			const to = nodeFolder(target);
			if (!to || to === from) return false;
			// Both nodes may stand on nodes/shared; nodes/shared stands on neither node.
			return to !== 'shared';
		})
		.map((target) => `${file.path} imports ${target}`);
}


describe('code shape (nodes/ and credentials/)', () => {
	it('finds the source files', () => {
		expect(FILES.length).toBeGreaterThan(50);
		expect(FILES).toContain('nodes/shared/graph/request.ts');
		expect(FILES).toContain('credentials/WhatsAppBusinessManagementApi.credentials.ts');
	});

	it(`no file is over ${MAX_FILE_LINES} lines`, () => {
		const long = parsed
			.map(({ path, source }) => ({ path, lines: lineOf(source, source.getEnd()) }))
			.filter(({ lines }) => lines > MAX_FILE_LINES)
			.map(({ path, lines }) => `${path} (${lines} lines)`);
		expect(long).toEqual([]);
	});

	it(`no function is over ${MAX_FUNCTION_LINES} lines`, () => {
		expect(parsed.flatMap(longFunctions)).toEqual([]);
	});

	it('no import crosses from one node folder into the other, and nodes/shared imports neither', () => {
		expect(parsed.flatMap(importViolations)).toEqual([]);
	});

	it('the checks see what they look for', () => {
		const sample = ts.createSourceFile(
			'nodes/shared/x.ts',
			`import { a } from '../WhatsAppBusinessManagement/y';\nexport const f = () => {\n${'\ta();\n'.repeat(MAX_FUNCTION_LINES)}};\n`,
			ts.ScriptTarget.Latest,
			true,
		);
		expect(longFunctions({ path: 'nodes/shared/x.ts', source: sample })).toEqual([`nodes/shared/x.ts:2 f (${MAX_FUNCTION_LINES + 2} lines)`]);
		expect(importViolations({ path: 'nodes/shared/x.ts', source: sample })).toEqual(['nodes/shared/x.ts imports nodes/WhatsAppBusinessManagement/y']);
	});
});
