'use strict';
/**
 * Lets the plain-JS scripts require the TypeScript test-support kit (test/support): a `.ts` file is
 * compiled on require with the repo's `typescript` devDependency, types dropped and nothing checked,
 * as `ts-node --transpile-only` does. When ts-node is registered already (the sandbox loader), it
 * handles `.ts` and this hook stays out of the way.
 */
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');

function registerTypeScript() {
	if (require.extensions['.ts']) return;
	const ts = require('typescript');
	require.extensions['.ts'] = (module, filename) => {
		const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
			fileName: filename,
			compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
		});
		module._compile(outputText, filename);
	};
}

/** `require` of a TypeScript file, by its path from the repository root. */
function requireTypeScript(fromRoot) {
	registerTypeScript();
	return require(path.join(ROOT, fromRoot));
}

module.exports = { requireTypeScript };
