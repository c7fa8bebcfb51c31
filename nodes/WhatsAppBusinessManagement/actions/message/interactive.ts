/**
 * Interactive messages as plain data: reply buttons, lists and call-to-action URL buttons, their
 * limits and their `interactive` object. Limits from Meta's pages:
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/interactive-reply-buttons-messages,
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/interactive-list-messages,
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/interactive-cta-url-messages.
 */
import type { IDataObject } from 'n8n-workflow';

import type { ParameterProblem } from '../common/parameterProblem';
import { linkProblems } from './mediaSource';
import { lengthProblem } from './rules';

export const LIMITS = {
	headerText: 60,
	footer: 60,
	body: 1024,
	buttons: 3,
	buttonTitle: 20,
	buttonId: 256,
	listButton: 20,
	sections: 10,
	/** Rows over all sections together. */
	rows: 10,
	sectionTitle: 24,
	rowTitle: 24,
	rowId: 200,
	rowDescription: 72,
	ctaDisplayText: 20,
} as const;

export type InteractiveKind = 'buttons' | 'list' | 'ctaUrl';

export type InteractiveHeader = { type: 'text'; text: string } | { type: 'image' | 'video' | 'document'; media: IDataObject };

export interface ListRow {
	section: string;
	id: string;
	title: string;
	description?: string;
}

export interface InteractiveInput {
	kind: InteractiveKind;
	header?: InteractiveHeader;
	body: string;
	footer?: string;
	buttons?: Array<{ id: string; title: string }>;
	listButton?: string;
	rows?: ListRow[];
	cta?: { displayText: string; url: string };
}

const problemIf = (problem: ParameterProblem | undefined) => (problem ? [problem] : []);

/** Text fields that must be unique among their siblings (button titles and IDs, row IDs). */
function duplicateProblems(field: string, values: string[]): ParameterProblem[] {
	const seen = new Set<string>();
	const repeated = new Set(values.filter((value) => value && (seen.has(value) || !seen.add(value))));
	return [...repeated].map((value) => ({ field, rule: `"${value}" is used more than once; Meta requires each to be unique in the message` }));
}

function buttonProblems(buttons: Array<{ id: string; title: string }>): ParameterProblem[] {
	if (!buttons.length) return [{ field: 'Buttons', rule: 'has no button; add 1 to 3' }];
	if (buttons.length > LIMITS.buttons) return [{ field: 'Buttons', rule: `has ${buttons.length} buttons; Meta allows at most ${LIMITS.buttons}` }];
	return [
		...buttons.flatMap((button, n) => [
			...problemIf(lengthProblem(`Buttons[${n + 1}] > Title`, button.title, LIMITS.buttonTitle, true)),
			...problemIf(lengthProblem(`Buttons[${n + 1}] > ID`, button.id, LIMITS.buttonId, true)),
		]),
		...duplicateProblems('Buttons > Title', buttons.map((button) => button.title.trim())),
		...duplicateProblems('Buttons > ID', buttons.map((button) => button.id.trim())),
	];
}

/** Rows grouped into sections by their Section name, in the order the names first appear. */
export function sectionsOf(rows: ListRow[]): Array<{ title: string; rows: ListRow[] }> {
	const sections = new Map<string, ListRow[]>();
	for (const row of rows) {
		const title = row.section.trim();
		sections.set(title, [...(sections.get(title) ?? []), row]);
	}
	return [...sections].map(([title, list]) => ({ title, rows: list }));
}

function listProblems(button: string, rows: ListRow[]): ParameterProblem[] {
	const problems = problemIf(lengthProblem('List Button Text', button, LIMITS.listButton, true));
	if (!rows.length) return [...problems, { field: 'Rows', rule: 'has no row; add 1 to 10' }];
	if (rows.length > LIMITS.rows) return [...problems, { field: 'Rows', rule: `has ${rows.length} rows; Meta allows at most ${LIMITS.rows} over all sections` }];
	const sections = sectionsOf(rows);
	if (sections.length > 1 && sections.some((section) => !section.title)) {
		problems.push({ field: 'Rows > Section', rule: 'is empty on some rows while others name a section; Meta requires a title on every section of a list with several' });
	}
	for (const section of sections) problems.push(...problemIf(lengthProblem(`Section "${section.title}"`, section.title, LIMITS.sectionTitle)));
	rows.forEach((row, n) => {
		problems.push(...problemIf(lengthProblem(`Rows[${n + 1}] > Title`, row.title, LIMITS.rowTitle, true)));
		problems.push(...problemIf(lengthProblem(`Rows[${n + 1}] > ID`, row.id, LIMITS.rowId, true)));
		problems.push(...problemIf(lengthProblem(`Rows[${n + 1}] > Description`, row.description ?? '', LIMITS.rowDescription)));
	});
	return [...problems, ...duplicateProblems('Rows > ID', rows.map((row) => row.id.trim()))];
}

/** Everything Meta would refuse in this interactive message, named by field. */
export function interactiveProblems(input: InteractiveInput): ParameterProblem[] {
	const problems: ParameterProblem[] = [];
	if (input.header?.type === 'text') problems.push(...problemIf(lengthProblem('Header Text', input.header.text, LIMITS.headerText, true)));
	if (input.kind === 'list' && input.header && input.header.type !== 'text') {
		problems.push({ field: 'Header Type', rule: `cannot be ${input.header.type} on a list; Meta allows a text header only` });
	}
	problems.push(...problemIf(lengthProblem('Body Text', input.body, LIMITS.body, true)));
	problems.push(...problemIf(lengthProblem('Footer Text', input.footer ?? '', LIMITS.footer)));
	if (input.kind === 'buttons') problems.push(...buttonProblems(input.buttons ?? []));
	if (input.kind === 'list') problems.push(...listProblems(input.listButton ?? '', input.rows ?? []));
	if (input.kind === 'ctaUrl') {
		problems.push(...problemIf(lengthProblem('Button Text', input.cta?.displayText ?? '', LIMITS.ctaDisplayText, true)));
		problems.push(...linkProblems('Button URL', (input.cta?.url ?? '').trim()));
	}
	return problems;
}

function headerObject(header: InteractiveHeader): IDataObject {
	return header.type === 'text' ? { type: 'text', text: header.text } : { type: header.type, [header.type]: header.media };
}

function actionOf(input: InteractiveInput): IDataObject {
	if (input.kind === 'buttons') {
		return { buttons: (input.buttons ?? []).map((button) => ({ type: 'reply', reply: { id: button.id.trim(), title: button.title } })) };
	}
	if (input.kind === 'list') {
		const sections = sectionsOf(input.rows ?? []).map((section) => ({
			...(section.title ? { title: section.title } : {}),
			rows: section.rows.map((row) => ({ id: row.id.trim(), title: row.title, ...(row.description?.trim() ? { description: row.description } : {}) })),
		}));
		return { button: input.listButton, sections };
	}
	return { name: 'cta_url', parameters: { display_text: input.cta?.displayText, url: input.cta?.url.trim() } };
}

const TYPES: Record<InteractiveKind, string> = { buttons: 'button', list: 'list', ctaUrl: 'cta_url' };

/** The `interactive` object of the send body. */
export function buildInteractive(input: InteractiveInput): IDataObject {
	const interactive: IDataObject = { type: TYPES[input.kind] };
	if (input.header) interactive.header = headerObject(input.header);
	interactive.body = { text: input.body };
	if (input.footer?.trim()) interactive.footer = { text: input.footer };
	interactive.action = actionOf(input);
	return interactive;
}
