import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { WhatsAppBusinessManagementApi } from '../../credentials/WhatsAppBusinessManagementApi.credentials';

// The editor's "Docs" links open the package's own documentation (issue 18.7): each must point into
// this repository (package.json homepage, branch main) at a file and heading that exist.
const ROOT = join(__dirname, '..', '..');
const HOME = `${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).homepage}/blob/main/`;

function githubAnchor(heading: string): string {
	return heading.trim().toLowerCase().replace(/[^\w\- ]/g, '').replace(/ /g, '-');
}

function expectResolves(url: string) {
	expect(url.startsWith(HOME)).toBe(true);
	const [file, anchor] = url.slice(HOME.length).split('#');
	expect(existsSync(join(ROOT, file))).toBe(true);
	if (anchor) {
		const headings = readFileSync(join(ROOT, file), 'utf8').split('\n').filter((line) => /^#{1,6} /.test(line));
		expect(headings.map((line) => githubAnchor(line.replace(/^#+ /, '')))).toContain(anchor);
	}
}

describe('Docs links in the editor', () => {
	const codexFiles = [
		'nodes/WhatsAppBusinessManagement/WhatsAppBusinessManagement.node.json',
		'nodes/WhatsAppBusinessManagementTrigger/WhatsAppBusinessManagementTrigger.node.json',
	];

	it.each(codexFiles)('%s links to the package docs', (file) => {
		const codex = JSON.parse(readFileSync(join(ROOT, file), 'utf8'));
		const urls = [...codex.resources.primaryDocumentation, ...codex.resources.credentialDocumentation].map((entry: { url: string }) => entry.url);
		expect(urls.length).toBeGreaterThan(1);
		urls.forEach(expectResolves);
	});

	it('the credential links to its set-up section', () => {
		const url = new WhatsAppBusinessManagementApi().documentationUrl;
		expectResolves(url);
		expect(url).toContain('#the-credential');
	});
});
