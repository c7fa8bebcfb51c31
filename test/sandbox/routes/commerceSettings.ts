/**
 * A business number's commerce settings, per Meta's Commerce Settings reference
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/reference/whatsapp-business-phone-number/commerce-settings-api)
 * and the sell-products guide: GET /{phone-number-id}/whatsapp_commerce_settings answers
 * `{data: [{id, is_cart_enabled, is_catalog_visible}]}`, or an empty `data` while they were never
 * set (Meta's defaults then: cart on, catalog storefront hidden); POST takes `is_cart_enabled` and
 * `is_catalog_visible` as query parameters and answers `{success: true}`.
 */
import { invalidParameter, newId } from '../graph';
import type { RequestContext, RouteRegistry } from '../server';

interface CommerceSettings {
	id: string;
	is_cart_enabled: boolean;
	is_catalog_visible: boolean;
}

const settingsByState = new WeakMap<object, Map<string, CommerceSettings>>();

function settingsOf(ctx: Pick<RequestContext, 'state'>): Map<string, CommerceSettings> {
	let byNumber = settingsByState.get(ctx.state);
	if (!byNumber) settingsByState.set(ctx.state, (byNumber = new Map()));
	return byNumber;
}

/** Graph reads booleans as true/false (also 1/0) in a query string. */
function readBoolean(ctx: RequestContext, name: string): boolean | undefined {
	const value = ctx.input[name];
	if (value === undefined) return undefined;
	if (value === true || value === 'true' || value === '1' || value === 1) return true;
	if (value === false || value === 'false' || value === '0' || value === 0) return false;
	throw invalidParameter(`${name} must be a boolean`);
}

function update(ctx: RequestContext) {
	const cart = readBoolean(ctx, 'is_cart_enabled');
	const catalog = readBoolean(ctx, 'is_catalog_visible');
	const all = settingsOf(ctx);
	const current = all.get(ctx.params.id) ?? { id: newId('5'), is_cart_enabled: true, is_catalog_visible: false };
	all.set(ctx.params.id, { ...current, ...(cart !== undefined ? { is_cart_enabled: cart } : {}), ...(catalog !== undefined ? { is_catalog_visible: catalog } : {}) });
	return { json: { success: true } };
}

export function register(registry: RouteRegistry): void {
	registry.node('GET', 'phone', 'whatsapp_commerce_settings', (ctx) => {
		const settings = settingsOf(ctx).get(ctx.params.id);
		return { json: { data: settings ? [settings] : [] } };
	});
	registry.node('POST', 'phone', 'whatsapp_commerce_settings', update);
}
