/**
 * A template plan and the sender's values -> the `template.components` of a send. Pure: the values
 * are already checked (rules.ts) and media already resolved to an ID or a link.
 *
 * Source: template messages
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/template-messages).
 */
import { isBlank } from '../../common/blank';
import type { ButtonPlan, PartPlan, TemplatePlan, TemplateSlot } from './plan';
import { localizedParameterOf } from './localized';
import { parseProductSections } from '../products';

type Component = Record<string, unknown>;

/** A media header's file: a media ID uploaded to the sender's number, or a public link. */
export type MediaReference = ({ id: string } | { link: string }) & { filename?: string };

/** The values by slot ID; media slots hold a MediaReference. */
export type SlotValues = Record<string, unknown>;

const text = (value: unknown) => (typeof value === 'string' ? value : String(value));

/** Each text variable as Meta's text (or currency, date-time) parameter; named templates carry `parameter_name`. */
function textParameters(slots: TemplateSlot[], values: SlotValues, named: boolean): Component[] {
	return slots.map((slot) => {
		const parameter: Component = localizedParameterOf(values[slot.id]) ?? { type: 'text', text: text(values[slot.id]) };
		if (named) parameter.parameter_name = slot.variable;
		return parameter;
	});
}

function headerComponent(part: PartPlan, values: SlotValues, named: boolean, catalogId: string): Component | undefined {
	const header = part.header;
	if (!header) return undefined;
	if (header.format === 'text') return { type: 'header', parameters: textParameters(header.slots, values, named) };
	if (header.format === 'media') {
		const [slot] = header.slots;
		return { type: 'header', parameters: [{ type: slot.mediaType, [slot.mediaType!]: values[slot.id] }] };
	}
	if (header.format === 'product') {
		// https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/marketing-templates/spm-templates
		const product = { product_retailer_id: text(values[header.slots[0].id]).trim(), catalog_id: catalogId };
		return { type: 'header', parameters: [{ type: 'product', product }] };
	}
	const location: Component = {};
	for (const slot of header.slots) {
		const value = values[slot.id];
		if (isBlank(value)) continue;
		const key = slot.id.slice(slot.id.lastIndexOf('.') + 1);
		location[key] = slot.kind === 'latitude' || slot.kind === 'longitude' ? Number(value) : text(value);
	}
	return { type: 'header', parameters: [{ type: 'location', location }] };
}

/** JSON text or an object (from an expression) as an object; rules.ts refused anything else. */
export function actionData(value: unknown): unknown {
	return typeof value === 'string' ? JSON.parse(value) : value;
}

function buttonParameters(button: ButtonPlan, values: SlotValues): Component[] | undefined {
	const [first] = button.slots;
	const value = first ? values[first.id] : undefined;
	switch (button.subType) {
		case 'url':
			return [{ type: 'text', text: text(value) }];
		case 'copy_code':
			return [{ type: 'coupon_code', coupon_code: text(value) }];
		case 'quick_reply':
			return isBlank(value) ? undefined : [{ type: 'payload', payload: text(value) }];
		case 'flow': {
			const action: Component = {};
			for (const slot of button.slots) {
				if (isBlank(values[slot.id])) continue;
				action[slot.kind === 'flowToken' ? 'flow_token' : 'flow_action_data'] =
					slot.kind === 'flowToken' ? text(values[slot.id]) : actionData(values[slot.id]);
			}
			return Object.keys(action).length ? [{ type: 'action', action }] : undefined;
		}
		case 'catalog':
			return isBlank(value) ? undefined : [{ type: 'action', action: { thumbnail_product_retailer_id: text(value).trim() } }];
		case 'mpm': {
			const sections = button.slots.find((slot) => slot.kind === 'productSections')!;
			const action = { thumbnail_product_retailer_id: text(value).trim(), sections: parseProductSections(values[sections.id]) };
			return [{ type: 'action', action }];
		}
	}
}

/** Buttons whose parameters are all optional and empty are left out: the template's defaults apply. */
function buttonComponents(buttons: ButtonPlan[], values: SlotValues): Component[] {
	return buttons.flatMap((button) => {
		const parameters = buttonParameters(button, values);
		return parameters ? [{ type: 'button', sub_type: button.subType, index: String(button.index), parameters }] : [];
	});
}

function partComponents(part: PartPlan, values: SlotValues, named: boolean, catalogId: string): Component[] {
	const components: Component[] = [];
	const header = headerComponent(part, values, named, catalogId);
	if (header) components.push(header);
	if (part.body.length) components.push({ type: 'body', parameters: textParameters(part.body, values, named) });
	return [...components, ...buttonComponents(part.buttons, values)];
}

/** Milliseconds since the epoch from a date (ISO text, a Date or Luxon DateTime) or a number. */
export function epochMs(value: unknown): number {
	if (typeof value === 'number') return value;
	if (value instanceof Date) return value.getTime();
	const withMillis = value as { toMillis?: () => number };
	if (value && typeof withMillis.toMillis === 'function') return withMillis.toMillis();
	const textValue = String(value).trim();
	return /^\d+$/.test(textValue) ? Number(textValue) : Date.parse(textValue);
}

/** The code goes into the body's {{1}} and into each OTP button's URL parameter. */
function otpComponents(plan: TemplatePlan, values: SlotValues): Component[] {
	const code = text(values[plan.otp!.id]);
	return [
		{ type: 'body', parameters: [{ type: 'text', text: code }] },
		...plan.buttons.map((button) => ({ type: 'button', sub_type: 'url', index: String(button.index), parameters: [{ type: 'text', text: code }] })),
	];
}

/** The components of the send, in the order Meta documents them. */
export function buildSendComponents(plan: TemplatePlan, values: SlotValues): Component[] {
	if (plan.otp) return otpComponents(plan, values);
	const catalogId = plan.catalog ? text(values[plan.catalog.id]).trim() : '';
	const components = partComponents(plan, values, plan.named, catalogId);
	if (plan.limitedTimeOffer) {
		// https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/marketing-templates/limited-time-offer-templates
		const expiration = { expiration_time_ms: epochMs(values[plan.limitedTimeOffer.id]) };
		components.splice(plan.header ? 1 : 0, 0, { type: 'limited_time_offer', parameters: [{ type: 'limited_time_offer', limited_time_offer: expiration }] });
	}
	if (plan.cards.length) {
		// https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/marketing-templates/media-card-carousel-templates
		// and .../catalogs/product-card-carousel-template-messages (a product card's header names its product).
		const cards = plan.cards.map((card, index) => ({ card_index: index, components: partComponents(card, values, plan.named, catalogId) }));
		components.push({ type: 'carousel', cards });
	}
	return components;
}
