/**
 * Products of the catalog in a message (multi-product templates and messages, single-product ones):
 * what the sender types -> Meta's `sections`, and the catalog ID. Pure. Limits from Meta's
 * multi-product messages: at most 10 sections and 30 products, a section title of at most 24
 * characters, required once there is more than one section
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/marketing-templates/mpm-templates).
 */
export const MAX_SECTIONS = 10;
export const MAX_PRODUCTS = 30;
export const MAX_SECTION_TITLE = 24;

export interface ProductSection {
	title?: string;
	product_items: Array<{ product_retailer_id: string }>;
}

/** A section of these products, titled when a title is given. */
function sectionOf(title: string, ids: string[]): ProductSection {
	const product_items = ids.map((id) => ({ product_retailer_id: id }));
	return title ? { title, product_items } : { product_items };
}

/**
 * `Bikes: SKU-1, SKU-2 | Helmets: SKU-9`: sections apart by `|` or a line break (a resource-mapper
 * field is one line), products by commas; a lone section may leave its title out.
 */
function sectionsFromText(text: string): ProductSection[] {
	return text
		.split(/\r?\n|\|/)
		.map((line) => line.trim())
		.filter(Boolean)
		.map((line) => {
			const colon = line.indexOf(':');
			const title = colon === -1 ? '' : line.slice(0, colon).trim();
			const ids = (colon === -1 ? line : line.slice(colon + 1)).split(',').map((id) => id.trim()).filter(Boolean);
			return sectionOf(title, ids);
		});
}

/** Meta's own `sections` array (JSON text or from an expression), each product as an ID or `{product_retailer_id}`. */
function sectionsFromArray(value: unknown[]): ProductSection[] | string {
	const sections: ProductSection[] = [];
	for (const [index, entry] of value.entries()) {
		const section = entry as { title?: unknown; product_items?: unknown };
		if (!section || typeof section !== 'object' || !Array.isArray(section.product_items)) {
			return `section ${index + 1} must be an object with product_items, such as {"title": "Bikes", "product_items": [{"product_retailer_id": "SKU-1"}]}`;
		}
		const ids = section.product_items.map((item) => String(typeof item === 'object' && item ? (item as { product_retailer_id?: unknown }).product_retailer_id ?? '' : item).trim());
		if (ids.some((id) => !id)) return `section ${index + 1} has a product without a product_retailer_id`;
		const title = section.title === undefined ? '' : String(section.title).trim();
		sections.push(sectionOf(title, ids));
	}
	return sections;
}

/** The sections a value stands for, or why it stands for none. */
export function parseProductSections(value: unknown): ProductSection[] | string {
	let parsed = value;
	if (typeof value === 'string' && value.trim().startsWith('[')) {
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			return `is not valid JSON (${(error as Error).message})`;
		}
	}
	if (Array.isArray(parsed)) return sectionsFromArray(parsed);
	if (typeof parsed !== 'string') return 'must be product retailer IDs ("Bikes: SKU-1, SKU-2 | Helmets: SKU-9") or Meta\'s sections array';
	return sectionsFromText(parsed);
}

/** Meta's limits on the sections, as a rule the value breaks (undefined when it breaks none). */
export function productSectionsRule(value: unknown): string | undefined {
	const sections = parseProductSections(value);
	if (typeof sections === 'string') return sections;
	const total = sections.reduce((sum, section) => sum + section.product_items.length, 0);
	if (total === 0) return 'names no product';
	if (sections.length > MAX_SECTIONS) return `has ${sections.length} sections; Meta allows at most ${MAX_SECTIONS}`;
	if (total > MAX_PRODUCTS) return `names ${total} products; Meta allows at most ${MAX_PRODUCTS} in one message`;
	for (const [index, section] of sections.entries()) {
		if (section.product_items.length === 0) return `section ${index + 1} names no product`;
		if (sections.length > 1 && !section.title) return `section ${index + 1} has no title; Meta requires one per section when there are several ("Bikes: SKU-1, SKU-2 | Helmets: SKU-9")`;
		const length = [...(section.title ?? '')].length;
		if (length > MAX_SECTION_TITLE) return `section ${index + 1}'s title has ${length} characters; Meta allows at most ${MAX_SECTION_TITLE}`;
	}
	return undefined;
}

/** A catalog's ID is a Graph ID: digits (Commerce Manager > Catalog > Settings shows it). */
export function catalogIdRule(value: unknown): string | undefined {
	return /^\d+$/.test(String(value).trim()) ? undefined : `must be the catalog's numeric ID (Commerce Manager > Catalog > Settings), not ${JSON.stringify(value)}`;
}
