/**
 * What Meta documents for message templates: the edge, its list filters, the categories, statuses,
 * formats and limits the rules check against.
 *
 * Sources: Meta's template docs (templates/overview, templates/components, template-management,
 * the template error codes 2388xxx) as summarised in graph-api.md section 1.
 */

export type ParameterFormat = 'POSITIONAL' | 'NAMED';
export type TemplateCategory = 'AUTHENTICATION' | 'MARKETING' | 'UTILITY';

export const TEMPLATE_CATEGORIES: TemplateCategory[] = ['AUTHENTICATION', 'MARKETING', 'UTILITY'];
export const TEMPLATE_STATUSES = [
	'APPROVED',
	'ARCHIVED',
	'DELETED',
	'DISABLED',
	'IN_APPEAL',
	'LIMIT_EXCEEDED',
	'PAUSED',
	'PENDING',
	'PENDING_DELETION',
	'REJECTED',
];
export const QUALITY_SCORES = ['GREEN', 'RED', 'UNKNOWN', 'YELLOW'];

export const LIMITS = {
	nameLength: 512,
	headerTextLength: 60,
	bodyTextLength: 1024,
	footerTextLength: 60,
	buttonsTotal: 10,
	buttonTextLength: 25,
	urlButtons: 2,
	urlLength: 2000,
	phoneNumberButtons: 1,
	phoneNumberLength: 20,
	copyCodeButtons: 1,
	copyCodeExampleLength: 15,
	carouselCardsMin: 2,
	carouselCardsMax: 10,
	mediaCardButtons: 2,
} as const;

/** Resumable-upload MIME types Meta accepts per media header format, and WhatsApp's size limits. */
export const HEADER_SAMPLE_TYPES: Record<string, { mimeTypes: string[]; maxBytes: number }> = {
	IMAGE: { mimeTypes: ['image/jpeg', 'image/jpg', 'image/png'], maxBytes: 5 * 1024 * 1024 },
	VIDEO: { mimeTypes: ['video/mp4'], maxBytes: 16 * 1024 * 1024 },
	DOCUMENT: { mimeTypes: ['application/pdf'], maxBytes: 100 * 1024 * 1024 },
};

export const MEDIA_HEADER_FORMATS = ['IMAGE', 'VIDEO', 'GIF', 'DOCUMENT'];
// PRODUCT: single-product templates and product card carousels, marketing only
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/marketing-templates/spm-templates).
export const HEADER_FORMATS = ['TEXT', ...MEDIA_HEADER_FORMATS, 'LOCATION', 'PRODUCT'];
/**
 * Button and component types the node knows the rules of. A type outside these lists is sent as it
 * is (Meta adds types faster than a release cycle) and Meta's answer decides. VOICE_CALL:
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/calling/call-button-messages-deep-links
 * ORDER_DETAILS (checkout): https://developers.facebook.com/documentation/business-messaging/whatsapp/payments/payments-in/orderdetailstemplate
 * CALL_PERMISSION_REQUEST: https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/utility-templates/utility-call-permission-request-templates/
 */
export const BUTTON_TYPES = ['QUICK_REPLY', 'URL', 'PHONE_NUMBER', 'VOICE_CALL', 'COPY_CODE', 'FLOW', 'OTP', 'MPM', 'SPM', 'CATALOG', 'ORDER_DETAILS'];
export const COMPONENT_TYPES = ['HEADER', 'BODY', 'FOOTER', 'BUTTONS', 'CAROUSEL', 'LIMITED_TIME_OFFER', 'CALL_PERMISSION_REQUEST'];
export const FLOW_ACTIONS = ['NAVIGATE', 'DATA_EXCHANGE'];

/** Graph list filters are JSON arrays, the way Meta's SDKs serialise list parameters. */
export function listFilter(values: unknown): string | undefined {
	const list = (Array.isArray(values) ? values : String(values ?? '').split(','))
		.map((v) => String(v).trim())
		.filter(Boolean);
	return list.length ? JSON.stringify(list) : undefined;
}

export const templatesPath = (businessAccountId: string) => `/${businessAccountId}/message_templates`;
