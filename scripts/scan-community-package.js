#!/usr/bin/env node
'use strict';
/**
 * `npm run scan:community`: n8n's community-package scanner (`@n8n/scan-community-package`) on this
 * package, offline. The scanner's CLI downloads a published package from the npm registry, checks
 * its npm provenance attestation and downloads the attested GitHub source; none of that exists for
 * an unpublished build offline. Its lint legs are exported (`analyzePackage`), so this runs them
 * exactly as the CLI does: the source leg on the repository's nodes/credentials/package.json, and
 * the tarball leg on the packed tarball's compiled `.js` and package.json. The provenance leg is
 * reported as not run.
 *
 * The scanner is installed once from the npm registry (`npm ci` from scripts/scanner/package-lock.json,
 * with --ignore-scripts: one of its dependencies runs `npx only-allow pnpm` on install) into the n8n
 * install cache, or into .n8n-dev/ when that cache is not writable.
 *
 * `--tarball-only` runs only the tarball leg and exits non-zero on any of its findings: the CI gate
 * in .ci/run (the source leg has deliberate, documented findings). `--skip-build` packs the
 * existing dist/ without building again.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { pathToFileURL } = require('node:url');

const { ROOT, DEV_DIR, npm, log } = require('./lib/n8n-install');
const { buildAndPack } = require('./lib/n8n-run');

/** The version scripts/scanner/package-lock.json was recorded for. */
const LOCKED_SCANNER_VERSION = '0.32.0';
const SCANNER_VERSION = process.env.WABM_SCANNER_VERSION || LOCKED_SCANNER_VERSION;

async function ensureScanner() {
	let base = process.env.WABM_N8N_CACHE || '/var/cache/wabm-n8n';
	try {
		fs.mkdirSync(base, { recursive: true });
		fs.accessSync(base, fs.constants.W_OK);
	} catch {
		base = DEV_DIR;
	}
	const dir = path.join(base, `scan-community-package-${SCANNER_VERSION}`);
	const entry = path.join(dir, 'node_modules', '@n8n', 'scan-community-package', 'scanner', 'scanner.mjs');
	if (!fs.existsSync(entry)) {
		log(`== installing @n8n/scan-community-package@${SCANNER_VERSION} into ${dir}`);
		fs.mkdirSync(dir, { recursive: true });
		fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ private: true, dependencies: { '@n8n/scan-community-package': SCANNER_VERSION } }));
		// The scanner's own dependencies use ranges; the committed lock keeps a clean machine on the
		// same rule set as the machine that recorded the findings, so the CI gate does not drift.
		const lock = path.join(__dirname, 'scanner', 'package-lock.json');
		const locked = SCANNER_VERSION === LOCKED_SCANNER_VERSION && fs.existsSync(lock);
		if (locked) fs.copyFileSync(lock, path.join(dir, 'package-lock.json'));
		await npm(process.execPath, [locked ? 'ci' : 'install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=http'], {
			cwd: dir,
			logFile: path.join(dir, 'install.log'),
			label: 'scanner',
		});
	}
	return entry;
}

async function main() {
	const args = process.argv.slice(2);
	const unknown = args.filter((arg) => !['--tarball-only', '--skip-build'].includes(arg));
	if (unknown.length) throw new Error(`Unknown option(s): ${unknown.join(' ')} (known: --tarball-only, --skip-build)`);
	const tarballOnly = args.includes('--tarball-only');
	const tarball = buildAndPack({ skipBuild: args.includes('--skip-build') });
	const scanner = await import(pathToFileURL(await ensureScanner()).href);
	const unpacked = fs.mkdtempSync(path.join(os.tmpdir(), 'wabm-scan-'));
	execFileSync('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1']);
	try {
		// A gate that scans nothing would pass: the nodes and credentials n8n loads must be in the tarball.
		const manifest = JSON.parse(fs.readFileSync(path.join(unpacked, 'package.json'), 'utf8'));
		const declared = [...((manifest.n8n && manifest.n8n.nodes) || []), ...((manifest.n8n && manifest.n8n.credentials) || [])];
		const missing = declared.filter((file) => !fs.existsSync(path.join(unpacked, file)));
		if (!declared.length || missing.length) {
			log(`== scanner: the tarball lacks the files n8n loads (${missing.join(', ') || 'package.json declares none'}); build first`);
			return 1;
		}
		let sourcePassed = true;
		if (!tarballOnly) {
			log('== scanner source leg (nodes/, credentials/, package.json of this repository)');
			const source = await scanner.analyzePackage(ROOT, scanner.SOURCE_FILE_PATTERNS);
			log(source.passed ? '   passed' : `   FAILED: ${source.message}\n${source.details || ''}`);
			sourcePassed = source.passed;
		}
		log(`== scanner tarball leg (${path.basename(tarball)}: compiled .js and package.json)`);
		const dist = await scanner.analyzePackage(unpacked, ['**/*.js', 'package.json']);
		log(dist.passed ? '   passed' : `   FAILED: ${dist.message}\n${dist.details || ''}`);
		if (tarballOnly) {
			log(dist.passed ? '== community-package scanner gate: passed' : '== community-package scanner gate: FAILED (n8n would refuse this package; see the findings above)');
			return dist.passed === true ? 0 : 1;
		}
		log('== scanner provenance leg: not run (needs the package published to npm with a provenance attestation and its GitHub source, neither reachable offline)');
		return sourcePassed && dist.passed === true ? 0 : 1;
	} finally {
		fs.rmSync(unpacked, { recursive: true, force: true });
	}
}

main().then((exitCode) => process.exit(exitCode), (error) => {
	console.error(error);
	process.exit(1);
});
