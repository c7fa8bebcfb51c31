/**
 * Catalog products in a message, as Meta's commerce pages document them: a catalog ID, and the
 * sections of a multi-product message or template (1 to 10 sections, at most 30 products in all, a
 * title of up to 24 characters on each section once there are several)
 * (https://developers.facebook.com/docs/whatsapp/guides/commerce-guides/share-products-with-customers,
 * .../templates/marketing-templates/mpm-templates).
 */
import { messagingErrors } from './errors';
import { type Json, requireArray, requireObject, requireString } from './fields';

export function checkCatalogId(value: unknown, path: string): string {
	const catalogId = requireString(value, path);
	if (!/^\d+$/.test(catalogId)) throw messagingErrors.valueInvalid(`${path} must be a catalog ID`);
	return catalogId;
}

export function checkProductSections(action: Json, path: string): void {
	const sections = requireArray(action.sections, `${path}.sections`, 1, 10);
	let products = 0;
	sections.forEach((entry, index) => {
		const section = requireObject(entry, `${path}.sections[${index}]`);
		if (sections.length > 1 || section.title !== undefined) requireString(section.title, `${path}.sections[${index}].title`, 24);
		const items = requireArray(section.product_items, `${path}.sections[${index}].product_items`, 1, 30);
		items.forEach((item, i) => requireString(requireObject(item, `${path}.sections[${index}].product_items[${i}]`).product_retailer_id, `${path}.sections[${index}].product_items[${i}].product_retailer_id`));
		products += items.length;
	});
	if (products > 30) throw messagingErrors.valueInvalid(`${path}.sections: at most 30 products in all, got ${products}`);
}
