/**
 * A number's commerce settings (Meta's Commerce Settings reference,
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/reference/whatsapp-business-phone-number/commerce-settings-api):
 * whether customers get a cart (so they can send the orders the trigger's Orders event receives)
 * and whether the catalog's storefront icon shows in the chat and the business profile.
 */
import type { IDataObject } from 'n8n-workflow';

/** Meta's defaults while the settings were never set (sell-products guide): cart on, storefront hidden. */
export const DEFAULT_COMMERCE_SETTINGS = { is_cart_enabled: true, is_catalog_visible: false };

/** GET answers `{data: [settings]}`, or an empty list while they were never set. */
export function commerceSettingsOf(body: IDataObject, phoneNumberId: string): IDataObject {
	const settings = Array.isArray(body.data) ? (body.data[0] as IDataObject | undefined) : undefined;
	if (!settings) return { ...DEFAULT_COMMERCE_SETTINGS, phone_number_id: phoneNumberId, never_set: true };
	return { ...settings, phone_number_id: phoneNumberId, never_set: false };
}
