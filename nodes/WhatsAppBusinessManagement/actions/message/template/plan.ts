/**
 * What a template's own definition (as `GET /{template-id}` returns it) asks of a send: one slot per
 * value the sender must or may give, grouped by the component it fills. Pure: plain data in and out.
 *
 * Sources: template components and parameter formats
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/components,
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/overview#parameter-formats).
 */
import { extractVariables, POSITIONAL_VARIABLE } from '../../template/variables';

type Raw = Record<string, unknown>;

export type SlotKind =
	| 'text'
	| 'media'
	| 'latitude'
	| 'longitude'
	| 'locationName'
	| 'locationAddress'
	| 'urlSuffix'
	| 'payload'
	| 'couponCode'
	| 'flowToken'
	| 'flowActionData'
	| 'expiration'
	| 'otp'
	| 'productRetailerId'
	| 'productSections'
	| 'catalogId';

export type MediaType = 'image' | 'video' | 'document';

/** One value the send takes: a resource-mapper field. */
export interface TemplateSlot {
	/** The resource-mapper field ID, e.g. `body.first_name`, `header.image`, `card.0.button.1.payload`. */
	id: string;
	/** What the user sees, named as in the template: `Body {{first_name}}`. */
	label: string;
	kind: SlotKind;
	required: boolean;
	/** The template's example value, shown to the user. */
	example?: string;
	/** A text variable's name: Meta's `parameter_name` in named templates, the number in positional ones. */
	variable?: string;
	mediaType?: MediaType;
	/** The Meta component the slot fills, for problem messages (`BODY component`). */
	component: string;
}

export interface ButtonPlan {
	/** The button's position in the template's BUTTONS component (Meta's `index`). */
	index: number;
	subType: 'url' | 'quick_reply' | 'copy_code' | 'flow' | 'catalog' | 'mpm';
	slots: TemplateSlot[];
}

/** A header, body and buttons: the template itself, or one carousel card. */
export interface PartPlan {
	header?: { format: 'text' | 'media' | 'location' | 'product'; slots: TemplateSlot[] };
	body: TemplateSlot[];
	buttons: ButtonPlan[];
}

export interface TemplatePlan extends PartPlan {
	name: string;
	language: string;
	category: string;
	status: string;
	named: boolean;
	limitedTimeOffer?: TemplateSlot;
	cards: PartPlan[];
	/** Authentication templates: the one-time password fills the body and the OTP button. */
	otp?: TemplateSlot;
	/** Product headers (single-product templates, product card carousels) name their catalog: one for all. */
	catalog?: TemplateSlot;
}

// A GIF header is sent as an MP4 video (template components reference).
const MEDIA_FORMATS: Record<string, MediaType> = { IMAGE: 'image', VIDEO: 'video', GIF: 'video', DOCUMENT: 'document' };
const upper = (value: unknown) => String(value ?? '').toUpperCase();
const list = (value: unknown): Raw[] => (Array.isArray(value) ? (value as Raw[]) : []);
const unique = (values: string[]) => [...new Set(values)];

/** The template's example of each variable, by name (named) or number (positional). */
function examplesOf(component: Raw, kind: 'header' | 'body'): Record<string, string> {
	const example = (component.example ?? {}) as Raw;
	const examples: Record<string, string> = {};
	for (const entry of list(example[`${kind}_text_named_params`])) examples[String(entry.param_name)] = String(entry.example ?? '');
	const positional = kind === 'header' ? example.header_text : list(example.body_text)[0];
	if (Array.isArray(positional)) positional.forEach((value, i) => (examples[String(i + 1)] ??= String(value)));
	return examples;
}

/** The text variables of a header or body, in the order Meta expects their parameters. */
function textSlots(component: Raw, kind: 'header' | 'body', prefix: string, labelPrefix: string): TemplateSlot[] {
	const variables = unique(extractVariables(String(component.text ?? '')));
	if (variables.every((v) => POSITIONAL_VARIABLE.test(v))) variables.sort((a, b) => Number(a) - Number(b));
	const examples = examplesOf(component, kind);
	return variables.map((variable) => ({
		id: `${prefix}${kind}.${variable}`,
		label: `${labelPrefix}${kind === 'header' ? 'Header' : 'Body'} {{${variable}}}`,
		kind: 'text',
		required: true,
		example: examples[variable] || undefined,
		variable,
		component: `${labelPrefix}${kind.toUpperCase()} component`,
	}));
}

function headerPlan(component: Raw, prefix: string, labelPrefix: string): PartPlan['header'] {
	const format = upper(component.format || 'TEXT');
	const where = `${labelPrefix}HEADER component`;
	if (format === 'TEXT') {
		const slots = textSlots(component, 'header', prefix, labelPrefix);
		return slots.length ? { format: 'text', slots } : undefined;
	}
	const mediaType = MEDIA_FORMATS[format];
	if (mediaType) {
		const name = mediaType[0].toUpperCase() + mediaType.slice(1);
		const label = `${labelPrefix}Header ${name} (Media ID, URL or Binary Field Name)`;
		return { format: 'media', slots: [{ id: `${prefix}header.${mediaType}`, label, kind: 'media', mediaType, required: true, component: where }] };
	}
	if (format === 'PRODUCT') {
		// Single-product templates and product card carousels: the product shown comes with the send.
		// https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/marketing-templates/spm-templates
		const label = `${labelPrefix}Header Product (Product Retailer ID)`;
		return { format: 'product', slots: [{ id: `${prefix}header.product`, label, kind: 'productRetailerId', required: true, component: where }] };
	}
	if (format !== 'LOCATION') return undefined;
	const location = (id: string, label: string, kind: SlotKind, required: boolean): TemplateSlot => ({
		id: `${prefix}header.${id}`,
		label: `${labelPrefix}Header Location ${label}`,
		kind,
		required,
		component: where,
	});
	return {
		format: 'location',
		slots: [
			location('latitude', 'Latitude', 'latitude', true),
			location('longitude', 'Longitude', 'longitude', true),
			location('name', 'Name', 'locationName', false),
			location('address', 'Address', 'locationAddress', false),
		],
	};
}

/** The URL button's example suffix: the example URL without the template's fixed prefix. */
function urlSuffixExample(button: Raw): string | undefined {
	const url = String(button.url ?? '');
	const example = list(button.example).length ? String((button.example as unknown[])[0]) : typeof button.example === 'string' ? button.example : '';
	const prefix = url.split('{{')[0];
	return example && example.startsWith(prefix) ? example.slice(prefix.length) : example || undefined;
}

/** The parameters each button type takes at send time; buttons with none (phone, static URL) are left out. */
function buttonPlan(button: Raw, index: number, prefix: string, labelPrefix: string): ButtonPlan | undefined {
	const type = upper(button.type);
	const name = `${labelPrefix}Button ${index + 1}${button.text ? ` "${String(button.text)}"` : ''}`;
	const component = `${labelPrefix}BUTTONS component`;
	const slot = (id: string, label: string, kind: SlotKind, required: boolean, example?: string): TemplateSlot => ({
		id: `${prefix}button.${index}.${id}`,
		label: `${name} ${label}`,
		kind,
		required,
		example,
		component,
	});
	if (type === 'URL' && String(button.url ?? '').includes('{{')) {
		return { index, subType: 'url', slots: [slot('url', 'URL Suffix', 'urlSuffix', true, urlSuffixExample(button))] };
	}
	if (type === 'QUICK_REPLY') return { index, subType: 'quick_reply', slots: [slot('payload', 'Payload', 'payload', false)] };
	if (type === 'COPY_CODE') {
		const example = Array.isArray(button.example) ? String(button.example[0] ?? '') : String(button.example ?? '');
		return { index, subType: 'copy_code', slots: [slot('coupon_code', 'Coupon Code', 'couponCode', true, example || undefined)] };
	}
	if (type === 'FLOW') {
		return {
			index,
			subType: 'flow',
			slots: [slot('flow_token', 'Flow Token', 'flowToken', false), slot('flow_action_data', 'Flow Action Data (JSON)', 'flowActionData', false)],
		};
	}
	// A template has at most one catalog or multi-product button, so these labels leave the button
	// out and keep room for the example in the editor's narrow field list.
	const productSlot = (id: string, label: string, kind: SlotKind, required: boolean, example?: string) => ({ ...slot(id, '', kind, required, example), label: `${labelPrefix}${label}` });
	// Catalog templates: the thumbnail product is optional (Meta then shows the catalog's first item).
	// https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/marketing-templates/catalog-templates
	if (type === 'CATALOG') return { index, subType: 'catalog', slots: [productSlot('thumbnail', 'Catalog Thumbnail (Product Retailer ID)', 'productRetailerId', false)] };
	// Multi-product templates: a thumbnail product and the sections of products are both required.
	// https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/marketing-templates/mpm-templates
	if (type === 'MPM') {
		return {
			index,
			subType: 'mpm',
			slots: [
				productSlot('thumbnail', 'Products Thumbnail (Product Retailer ID)', 'productRetailerId', true),
				productSlot('sections', 'Products', 'productSections', true, 'Bikes: B1, B2 | Hats: H1'),
			],
		};
	}
	return undefined;
}

function partPlan(components: Raw[], prefix = '', labelPrefix = ''): PartPlan {
	const byType = (type: string) => components.find((component) => upper(component.type) === type);
	const header = byType('HEADER');
	const body = byType('BODY');
	const buttons = list(byType('BUTTONS')?.buttons);
	return {
		header: header ? headerPlan(header, prefix, labelPrefix) : undefined,
		body: body ? textSlots(body, 'body', prefix, labelPrefix) : [],
		buttons: buttons.map((button, index) => buttonPlan(button, index, prefix, labelPrefix)).filter((b): b is ButtonPlan => !!b),
	};
}

/**
 * An authentication template's send takes only the code: Meta puts it in the body's {{1}} and in the
 * OTP button's URL parameter
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/authentication-templates/copy-code-button-authentication-templates).
 */
function authenticationPlan(template: Raw, base: Omit<TemplatePlan, keyof PartPlan | 'cards'>): TemplatePlan {
	const buttons = list(list(template.components).find((c) => upper(c.type) === 'BUTTONS')?.buttons);
	const otpButtons = buttons
		.map((button, index) => ({ button, index }))
		.filter(({ button }) => upper(button.type) === 'OTP' || (upper(button.type) === 'URL' && String(button.url ?? '').includes('{{')));
	const otp: TemplateSlot = { id: 'otp.code', label: 'One-Time Password', kind: 'otp', required: true, component: 'BODY component' };
	return {
		...base,
		body: [],
		buttons: otpButtons.map(({ index }) => ({ index, subType: 'url', slots: [] })),
		cards: [],
		otp,
	};
}

/** Reads a template as Graph returns it into what its send takes. */
export function planTemplate(template: Raw): TemplatePlan {
	const components = list(template.components);
	const base = {
		name: String(template.name ?? ''),
		language: String(template.language ?? ''),
		category: upper(template.category),
		status: upper(template.status),
		named: upper(template.parameter_format) === 'NAMED',
	};
	if (base.category === 'AUTHENTICATION') return authenticationPlan(template, base);
	const offer = components.find((component) => upper(component.type) === 'LIMITED_TIME_OFFER');
	const hasExpiration = ((offer?.limited_time_offer ?? {}) as Raw).has_expiration === true;
	const carousel = components.find((component) => upper(component.type) === 'CAROUSEL');
	const main = partPlan(components);
	const cards = list(carousel?.cards).map((card, index) => partPlan(list(card.components), `card.${index}.`, `Card ${index + 1} `));
	// A WhatsApp Business Account has one catalog connected (catalogs overview), so one field serves every product header.
	const showsProducts = [main, ...cards].some((part) => part.header?.format === 'product');
	return {
		...base,
		...main,
		limitedTimeOffer: hasExpiration
			? { id: 'offer.expiration', label: 'Offer Expiration (Date and Time)', kind: 'expiration', required: true, component: 'LIMITED_TIME_OFFER component' }
			: undefined,
		cards,
		catalog: showsProducts ? { id: 'catalog.id', label: 'Catalog ID', kind: 'catalogId', required: true, component: 'HEADER component' } : undefined,
	};
}

function partSlots(part: PartPlan): TemplateSlot[] {
	return [...(part.header?.slots ?? []), ...part.body, ...part.buttons.flatMap((button) => button.slots)];
}

/**
 * Every slot of the template, in the order the message shows them (the offer's expiry sits under the
 * header; the catalog comes just before the first product it serves).
 */
export function slotsOf(plan: TemplatePlan): TemplateSlot[] {
	const catalog = plan.catalog ? [plan.catalog] : [];
	const productHeader = plan.header?.format === 'product';
	return [
		...(plan.otp ? [plan.otp] : []),
		...(plan.header?.slots ?? []),
		...(productHeader ? catalog : []),
		...(plan.limitedTimeOffer ? [plan.limitedTimeOffer] : []),
		...partSlots({ body: plan.body, buttons: plan.buttons }),
		...(productHeader ? [] : catalog),
		...plan.cards.flatMap(partSlots),
	];
}
