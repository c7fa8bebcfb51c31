/**
 * QR codes and short links, per Meta's QR Codes and Short Links guide
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/qr-codes) and the
 * Graph reference of the phone number's `message_qrdls` edge:
 * - POST /{phone-number-id}/message_qrdls with `prefilled_message` (at most 140 characters) and
 *   `generate_qr_image` (SVG or PNG) creates one and answers `code`, `prefilled_message`,
 *   `deep_link_url` (https://wa.me/message/<code>) and `qr_image_url`; with `code` it updates that one;
 * - GET lists them newest first (`code` filters, `fields` selects, `qr_image_url.format(SVG|PNG)`
 *   adds the image link); GET /message_qrdls/{code} answers it in a one-entry `data`;
 * - DELETE /message_qrdls/{code} deletes it; the edge's documented error is 100 (invalid parameter).
 * Meta gives a limit of 2,000 codes per number but no error code for it, and no page size: the
 * limit is not enforced here, and the list pages by 25 (100 at most) like other edges. The image
 * links are public downloads (Meta's CDN, no token) served under QR_IMAGE_PREFIX.
 */
import { invalidParameter, paginate } from '../graph';
import { publicDownload } from '../respond';
import type { RequestContext, RouteRegistry } from '../server';

export const PREFILLED_MESSAGE_MAX = 140;
const IMAGE_FORMATS = ['SVG', 'PNG'];
const DEFAULT_FIELDS = ['code', 'prefilled_message', 'deep_link_url'];

interface QrCode {
	code: string;
	prefilled_message: string;
}

const codesByState = new WeakMap<object, Map<string, Map<string, QrCode>>>();

/** The number's QR codes by code, oldest first. */
function codesOf(state: object, phoneNumberId: string): Map<string, QrCode> {
	let byNumber = codesByState.get(state);
	if (!byNumber) codesByState.set(state, (byNumber = new Map()));
	let codes = byNumber.get(phoneNumberId);
	if (!codes) byNumber.set(phoneNumberId, (codes = new Map()));
	return codes;
}

let counter = 0;
/** 14 capital letters and digits, like the guide's `4O4YGZEG3RIVE1`. */
function newCode(): string {
	counter += 1;
	const text = `${Date.now().toString(36)}${counter.toString(36)}`.toUpperCase();
	return `Q${text.padStart(12, '0').slice(-12)}1`;
}

export const QR_IMAGE_PREFIX = '/qr-images/';
/** The sandbox draws no real code: a PNG is the PNG signature followed by the code. */
const PNG_SIGNATURE = Buffer.from('89504e470d0a1a0a', 'hex');
const pngOf = (code: string) => Buffer.concat([PNG_SIGNATURE, Buffer.from(code)]);
const svgOf = (code: string) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><title>${code}</title><rect width="10" height="10"/></svg>`;

function view(ctx: RequestContext, qr: QrCode, imageFormat?: string): Record<string, unknown> {
	return {
		code: qr.code,
		prefilled_message: qr.prefilled_message,
		deep_link_url: `https://wa.me/message/${qr.code}`,
		...(imageFormat ? { qr_image_url: `${ctx.url.origin}${QR_IMAGE_PREFIX}${qr.code}.${imageFormat.toLowerCase()}` } : {}),
	};
}

/**
 * The image format a `fields` list asks for (`qr_image_url.format(SVG)`); the code, the message and
 * the link are always answered (the reference: "always included").
 */
function imageFormatAsked(fields: string | null): string | undefined {
	let imageFormat: string | undefined;
	for (const field of (fields ?? '').split(',').map((f) => f.trim()).filter(Boolean)) {
		const image = /^qr_image_url(?:\.format\((\w+)\))?$/.exec(field);
		if (image) {
			if (!image[1] || !IMAGE_FORMATS.includes(image[1])) throw invalidParameter('qr_image_url must designate the image format: qr_image_url.format(SVG) or qr_image_url.format(PNG)');
			imageFormat = image[1];
		} else if (!DEFAULT_FIELDS.includes(field)) throw invalidParameter(`Tried accessing nonexisting field (${field})`);
	}
	return imageFormat;
}

function createOrUpdate(ctx: RequestContext) {
	const message = ctx.input.prefilled_message;
	if (typeof message !== 'string' || message.trim() === '') throw invalidParameter('prefilled_message is required');
	if ([...message].length > PREFILLED_MESSAGE_MAX) throw invalidParameter(`prefilled_message can have at most ${PREFILLED_MESSAGE_MAX} characters`);
	const format = ctx.input.generate_qr_image;
	if (format !== undefined && (typeof format !== 'string' || !IMAGE_FORMATS.includes(format))) throw invalidParameter('generate_qr_image must be SVG or PNG');
	const codes = codesOf(ctx.state, ctx.params.id);
	const code = ctx.input.code;
	if (code !== undefined) {
		const existing = typeof code === 'string' ? codes.get(code) : undefined;
		if (!existing) throw invalidParameter(`No QR code ${String(code)} on this phone number`);
		existing.prefilled_message = message;
		return { json: view(ctx, existing, format as string | undefined) };
	}
	const created = { code: newCode(), prefilled_message: message };
	codes.set(created.code, created);
	return { json: view(ctx, created, format as string | undefined) };
}

function list(ctx: RequestContext) {
	const imageFormat = imageFormatAsked(ctx.query.get('fields'));
	const code = ctx.query.get('code');
	const newestFirst = [...codesOf(ctx.state, ctx.params.id).values()].reverse().filter((qr) => !code || qr.code === code);
	return { json: paginate(newestFirst.map((qr) => view(ctx, qr, imageFormat)), ctx.query, { defaultLimit: 25, maxLimit: 100, selfUrl: ctx.url }) };
}

function getOne(ctx: RequestContext) {
	const qr = codesOf(ctx.state, ctx.params.id).get(ctx.params.key);
	const imageFormat = imageFormatAsked(ctx.query.get('fields'));
	return { json: { data: qr ? [view(ctx, qr, imageFormat)] : [] } };
}

function remove(ctx: RequestContext) {
	const codes = codesOf(ctx.state, ctx.params.id);
	if (!codes.delete(ctx.params.key)) throw invalidParameter(`No QR code ${ctx.params.key} on this phone number`);
	return { json: { success: true } };
}

export function register(registry: RouteRegistry): void {
	registry.node('POST', 'phone', 'message_qrdls', createOrUpdate);
	registry.node('GET', 'phone', 'message_qrdls', list);
	registry.node('GET', 'phone', 'message_qrdls/*', getOne);
	registry.node('DELETE', 'phone', 'message_qrdls/*', remove);
	publicDownload(registry, QR_IMAGE_PREFIX, (ctx) => {
		const [, code, extension] = /^([A-Za-z0-9]+)\.(png|svg)$/.exec(ctx.params.rest) ?? [];
		const known = code && [...(codesByState.get(ctx.state)?.values() ?? [])].some((codes) => codes.has(code));
		if (!known) return undefined;
		return extension === 'png' ? { data: pngOf(code), contentType: 'image/png' } : { data: svgOf(code), contentType: 'image/svg+xml' };
	});
	registry.seeder('qrCodes', (state, records) => {
		for (const record of records as Array<Partial<QrCode> & { phone_number_id: string }>) {
			const qr = { code: record.code ?? newCode(), prefilled_message: record.prefilled_message ?? 'Hello' };
			codesOf(state, record.phone_number_id).set(qr.code, qr);
		}
	});
	registry.stateView('qrCodes', (state) => Object.fromEntries([...(codesByState.get(state) ?? new Map()).entries()].map(([id, codes]) => [id, [...codes.values()]])));
}
