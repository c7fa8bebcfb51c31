/**
 * Interactive messages as plain data: reply buttons, lists, call-to-action URL buttons, location
 * requests and the catalog's catalog, single- and multi-product messages, their limits and their `interactive`
 * object. Limits from Meta's pages:
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/interactive-reply-buttons-messages,
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/interactive-list-messages,
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/interactive-cta-url-messages,
 * https://developers.facebook.com/docs/whatsapp/guides/commerce-guides/share-products-with-customers,
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/location-request-messages.
 */
import type { IDataObject } from 'n8n-workflow';

import { isBlank } from '../common/blank';
import type { ParameterProblem } from '../common/parameterProblem';
import { linkProblems } from './mediaSource';
import { catalogIdRule, parseProductSections, productSectionsRule, type ProductSection } from './products';
import { lengthProblem } from '../common/textLength';

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

export type InteractiveKind = 'buttons' | 'list' | 'ctaUrl' | 'locationRequest' | 'catalog' | 'product' | 'productList';

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
	/** Catalog messages: the product whose image heads the message (optional). */
	thumbnailProductRetailerId?: string;
	/** Single- and multi-product messages: the catalog connected to the WhatsApp Business Account. */
	catalogId?: string;
	productRetailerId?: string;
	/** Multi-product messages: "Bikes: SKU-1, SKU-2 | Helmets: SKU-9", or Meta's sections array. */
	products?: unknown;
}

/**
 * Catalog messages and single-product messages carry Meta's fixed header; a multi-product one a text
 * header. A location request is a body and WhatsApp's Send location button only.
 */
const NO_HEADER: InteractiveKind[] = ['catalog', 'product', 'locationRequest'];

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
	problems.push(...problemIf(lengthProblem('Body Text', input.body, LIMITS.body, input.kind !== 'product')));
	problems.push(...problemIf(lengthProblem('Footer Text', input.footer ?? '', LIMITS.footer)));
	if (input.kind === 'buttons') problems.push(...buttonProblems(input.buttons ?? []));
	if (input.kind === 'list') problems.push(...listProblems(input.listButton ?? '', input.rows ?? []));
	if (input.kind === 'ctaUrl') {
		problems.push(...problemIf(lengthProblem('Button Text', input.cta?.displayText ?? '', LIMITS.ctaDisplayText, true)));
		problems.push(...linkProblems('Button URL', (input.cta?.url ?? '').trim()));
	}
	return [...problems, ...productProblems(input)];
}

function productProblems(input: InteractiveInput): ParameterProblem[] {
	if (input.kind !== 'product' && input.kind !== 'productList') return [];
	const problems: ParameterProblem[] = [];
	const catalogRule = isBlank(input.catalogId) ? 'is required' : catalogIdRule(input.catalogId);
	if (catalogRule) problems.push({ field: 'Catalog ID', rule: catalogRule });
	if (input.kind === 'product' && isBlank(input.productRetailerId)) problems.push({ field: 'Product Retailer ID', rule: 'is required' });
	if (input.kind === 'productList') {
		const rule = isBlank(input.products) ? 'is required' : productSectionsRule(input.products);
		if (rule) problems.push({ field: 'Products', rule });
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
	if (input.kind === 'catalog') {
		const thumbnail = input.thumbnailProductRetailerId?.trim();
		return { name: 'catalog_message', ...(thumbnail ? { parameters: { thumbnail_product_retailer_id: thumbnail } } : {}) };
	}
	if (input.kind === 'product') return { catalog_id: String(input.catalogId).trim(), product_retailer_id: String(input.productRetailerId).trim() };
	if (input.kind === 'productList') return { catalog_id: String(input.catalogId).trim(), sections: parseProductSections(input.products) as ProductSection[] };
	if (input.kind === 'locationRequest') return { name: 'send_location' };
	return { name: 'cta_url', parameters: { display_text: input.cta?.displayText, url: input.cta?.url.trim() } };
}

const TYPES: Record<InteractiveKind, string> = {
	buttons: 'button',
	list: 'list',
	ctaUrl: 'cta_url',
	locationRequest: 'location_request_message',
	catalog: 'catalog_message',
	product: 'product',
	productList: 'product_list',
};

/** The `interactive` object of the send body. */
export function buildInteractive(input: InteractiveInput): IDataObject {
	const interactive: IDataObject = { type: TYPES[input.kind] };
	if (input.header && !NO_HEADER.includes(input.kind)) interactive.header = headerObject(input.header);
	// A single-product message's body is optional (share-products guide); every other kind needs one.
	if (input.kind !== 'product' || input.body.trim()) interactive.body = { text: input.body };
	if (input.footer?.trim() && input.kind !== 'locationRequest') interactive.footer = { text: input.footer };
	interactive.action = actionOf(input);
	return interactive;
}
