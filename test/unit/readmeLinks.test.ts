import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

import { GRAPH_ERROR_HINTS } from '../../nodes/shared/graph/errors';

const ROOT = resolve(__dirname, '..', '..');
const DOCS = join(ROOT, 'docs');
const MARKDOWN_FILES = [join(ROOT, 'README.md'), ...readdirSync(DOCS).filter((file) => file.endsWith('.md')).map((file) => join(DOCS, file))];

/** Markdown without fenced code blocks and inline code, where brackets are not links. */
function proseOf(markdown: string): string {
	return markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
}

/** The anchors GitHub gives a file's headings: lowercased, punctuation dropped, spaces to hyphens. */
function headingAnchors(markdown: string): Set<string> {
	const anchors = new Set<string>();
	const counts = new Map<string, number>();
	for (const line of markdown.replace(/```[\s\S]*?```/g, '').split('\n')) {
		const heading = /^#{1,6}\s+(.*)$/.exec(line);
		if (!heading) continue;
		const slug = heading[1]
			.trim()
			.toLowerCase()
			.replace(/[^\p{L}\p{N}\s_-]/gu, '')
			.replace(/\s/g, '-');
		const seen = counts.get(slug) ?? 0;
		anchors.add(seen ? `${slug}-${seen}` : slug);
		counts.set(slug, seen + 1);
	}
	return anchors;
}

/** Every relative link target in a markdown file: `[text](target)`, web and mail links left out. */
function relativeLinks(markdown: string): string[] {
	const targets: string[] = [];
	for (const match of proseOf(markdown).matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
		const target = match[1];
		if (/^(https?:|mailto:)/i.test(target)) continue;
		targets.push(target);
	}
	return targets;
}

/** What is wrong with one link target from `file`, or undefined when it resolves. */
function brokenLink(file: string, target: string): string | undefined {
	const [pathPart, anchor] = target.split('#', 2);
	const targetFile = pathPart ? resolve(dirname(file), decodeURIComponent(pathPart)) : file;
	if (!existsSync(targetFile)) return `${target}: no such file`;
	if (anchor === undefined) return undefined;
	if (statSync(targetFile).isDirectory() || !targetFile.endsWith('.md')) return `${target}: an anchor into a non-markdown target`;
	return headingAnchors(readFileSync(targetFile, 'utf8')).has(anchor) ? undefined : `${target}: no heading with anchor #${anchor}`;
}

describe('README and docs', () => {
	it('keeps README.md under 20 KB', () => {
		expect(statSync(join(ROOT, 'README.md')).size).toBeLessThan(20_000);
	});

	it.each(MARKDOWN_FILES.map((file) => [relative(ROOT, file), file]))('%s: every relative link resolves', (_name, file) => {
		const markdown = readFileSync(file, 'utf8');
		const broken = relativeLinks(markdown)
			.map((target) => brokenLink(file, target))
			.filter((problem): problem is string => problem !== undefined);
		expect(broken).toEqual([]);
	});

	it('links README.md to every file in docs/', () => {
		const linked = new Set(relativeLinks(readFileSync(join(ROOT, 'README.md'), 'utf8')).map((target) => target.split('#')[0]));
		const unlinked = MARKDOWN_FILES.filter((file) => file.startsWith(DOCS))
			.map((file) => relative(ROOT, file))
			.filter((file) => !linked.has(file));
		expect(unlinked).toEqual([]);
	});

	it('lists every code of the Graph hint table in docs/operations.md', () => {
		const operations = readFileSync(join(DOCS, 'operations.md'), 'utf8');
		const missing = Object.keys(GRAPH_ERROR_HINTS).filter((code) => !operations.includes(`| ${code} |`));
		expect(missing).toEqual([]);
	});

	it('finds the anchors GitHub makes, and flags a link to a missing one', () => {
		const anchors = headingAnchors('# Title\n## `npm run dev`: the package\n## In Meta\'s dashboard (manual set-up)\n## Title\n');
		expect([...anchors]).toEqual(['title', 'npm-run-dev-the-package', 'in-metas-dashboard-manual-set-up', 'title-1']);
		expect(brokenLink(join(ROOT, 'README.md'), 'docs/operations.md#no-such-heading')).toMatch(/no heading/);
		expect(brokenLink(join(ROOT, 'README.md'), 'docs/no-such-file.md')).toMatch(/no such file/);
	});
});
