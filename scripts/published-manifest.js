// `npm pack` / `npm publish` hooks. The repository's package.json carries `overrides` (isolated-vm
// 5.0.4, so the dev dependencies n8n-core/n8n-workflow install on Node 20); n8n's community rules
// forbid `overrides` in a published package, and it means nothing to a package with no dependencies.
// `strip` (prepack) writes package.json without it and keeps the original aside; `restore`
// (postpack) puts the original back.
const fs = require('fs');
const path = require('path');

const manifest = path.join(__dirname, '..', 'package.json');
const saved = path.join(__dirname, '..', '.package.json.repository');

const command = process.argv[2];
if (command === 'strip') {
	const text = fs.readFileSync(manifest, 'utf8');
	if (!fs.existsSync(saved)) fs.writeFileSync(saved, text);
	const data = JSON.parse(text);
	delete data.overrides;
	fs.writeFileSync(manifest, JSON.stringify(data, null, 2) + '\n');
} else if (command === 'restore') {
	if (fs.existsSync(saved)) {
		fs.writeFileSync(manifest, fs.readFileSync(saved, 'utf8'));
		fs.rmSync(saved);
	}
} else {
	console.error('usage: published-manifest.js strip|restore');
	process.exit(2);
}
