import { createHash, randomBytes } from 'node:crypto';

import { GraphError, invalidParameter, newId, unknownObject } from '../graph';
import type { HandlerResult, RequestContext, RouteRegistry } from '../server';
import type { MediaRecord, SandboxState } from '../state';

/**
 * Cloud API media, per Meta's "Media" reference (graph-api.md §3): multipart upload to
 * `/{phone-number-id}/media`, `GET /{media-id}` with a download URL valid for five minutes, the
 * download itself (Bearer token required, 404 once expired), and `DELETE /{media-id}`. An optional
 * `phone_number_id` makes Meta check that the media belongs to that number.
 */

const KB = 1024;
const MB = 1024 * 1024;

/** Meta's supported media types and their size limits. */
export const SUPPORTED_MEDIA: Record<string, { kind: string; maxBytes: number }> = {
	'audio/aac': { kind: 'audio', maxBytes: 16 * MB },
	'audio/amr': { kind: 'audio', maxBytes: 16 * MB },
	'audio/mpeg': { kind: 'audio', maxBytes: 16 * MB },
	'audio/mp4': { kind: 'audio', maxBytes: 16 * MB },
	'audio/ogg': { kind: 'audio', maxBytes: 16 * MB },
	'text/plain': { kind: 'document', maxBytes: 100 * MB },
	'application/vnd.ms-excel': { kind: 'document', maxBytes: 100 * MB },
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { kind: 'document', maxBytes: 100 * MB },
	'application/msword': { kind: 'document', maxBytes: 100 * MB },
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { kind: 'document', maxBytes: 100 * MB },
	'application/vnd.ms-powerpoint': { kind: 'document', maxBytes: 100 * MB },
	'application/vnd.openxmlformats-officedocument.presentationml.presentation': { kind: 'document', maxBytes: 100 * MB },
	'application/pdf': { kind: 'document', maxBytes: 100 * MB },
	'image/jpeg': { kind: 'image', maxBytes: 5 * MB },
	'image/png': { kind: 'image', maxBytes: 5 * MB },
	'image/webp': { kind: 'sticker', maxBytes: 100 * KB },
	'video/mp4': { kind: 'video', maxBytes: 16 * MB },
	'video/3gpp': { kind: 'video', maxBytes: 16 * MB },
};

const ANIMATED_STICKER_MAX = 500 * KB;

export const MEDIA_DOWNLOAD_PREFIX = '/whatsapp_business/attachments/';

function animatedWebp(data: Buffer): boolean {
	return data.toString('ascii', 0, 4) === 'RIFF' && data.indexOf('ANIM', 12, 'ascii') !== -1;
}

export function makeMedia(state: SandboxState, partial: Partial<MediaRecord> & { data?: Buffer | string }): MediaRecord {
	const data = partial.data === undefined ? Buffer.from('sandbox media') : Buffer.isBuffer(partial.data) ? partial.data : Buffer.from(partial.data);
	return {
		id: partial.id ?? newId('7'),
		phone_number_id: partial.phone_number_id ?? [...state.phoneNumbers.keys()][0] ?? '106540352242922',
		mime_type: partial.mime_type ?? 'text/plain',
		sha256: createHash('sha256').update(data).digest('hex'),
		file_size: data.length,
		file_name: partial.file_name,
		data,
		created_time: partial.created_time ?? Date.now(),
	};
}

/** The media, after Meta's ownership check when `phone_number_id` is given. */
function findMedia(ctx: RequestContext): MediaRecord {
	const media = ctx.state.media.get(ctx.params.id)!;
	const phoneNumberId = ctx.input.phone_number_id;
	if (phoneNumberId !== undefined && phoneNumberId !== '') {
		const id = String(phoneNumberId);
		if (!ctx.state.phoneNumbers.has(id)) throw unknownObject(id);
		if (media.phone_number_id !== id) {
			throw invalidParameter(`Media ${media.id} does not belong to phone number ${id}`);
		}
	}
	return media;
}

function uploadMedia(ctx: RequestContext): HandlerResult {
	const fields = (ctx.body ?? {}) as Record<string, unknown>;
	if (!/multipart\/form-data/i.test(ctx.contentType)) {
		throw invalidParameter('Media must be uploaded as multipart/form-data');
	}
	if (fields.messaging_product !== 'whatsapp') throw invalidParameter('The parameter messaging_product is required and must be "whatsapp".');
	const file = ctx.files.find((f) => f.field === 'file');
	if (!file) throw invalidParameter('The parameter file is required.');
	const type = String(fields.type ?? '').trim().toLowerCase();
	if (!type) throw invalidParameter('The parameter type is required.');
	const supported = SUPPORTED_MEDIA[type];
	if (!supported) {
		throw invalidParameter(
			`Param file must be a file with one of the following types: ${Object.keys(SUPPORTED_MEDIA).join(', ')}. Received file of type '${type}'.`,
		);
	}
	const partType = (file.contentType ?? '').split(';')[0].trim().toLowerCase();
	if (partType && partType !== 'application/octet-stream' && partType !== type) {
		throw new GraphError(131053, 'Media upload error', {
			details: `The file's content type ${partType} does not match the type parameter ${type}`,
		});
	}
	const max = supported.kind === 'sticker' && animatedWebp(file.data) ? ANIMATED_STICKER_MAX : supported.maxBytes;
	if (file.data.length > max) {
		throw new GraphError(131053, 'Media upload error', {
			details: `File of ${file.data.length} bytes exceeds the ${max}-byte limit for ${supported.kind}`,
		});
	}
	if (file.data.length === 0) throw new GraphError(131053, 'Media upload error', { details: 'The file is empty' });
	const media = makeMedia(ctx.state, {
		phone_number_id: ctx.params.id,
		mime_type: type,
		data: file.data,
		file_name: file.filename,
	});
	ctx.state.media.set(media.id, media);
	return { json: { id: media.id } };
}

function mediaUrl(ctx: RequestContext): HandlerResult {
	const media = findMedia(ctx);
	const token = randomBytes(16).toString('hex');
	ctx.state.mediaUrls.set(token, { mediaId: media.id, expiresAt: Date.now() + ctx.state.mediaUrlTtlMs });
	const url = new URL(MEDIA_DOWNLOAD_PREFIX, ctx.url.origin);
	url.searchParams.set('mid', media.id);
	url.searchParams.set('ext', String(Math.floor((Date.now() + ctx.state.mediaUrlTtlMs) / 1000)));
	url.searchParams.set('hash', token);
	return {
		json: {
			messaging_product: 'whatsapp',
			url: url.toString(),
			mime_type: media.mime_type,
			sha256: media.sha256,
			// Meta's examples send the size as a string.
			file_size: String(media.file_size),
			id: media.id,
		},
	};
}

export function register(registry: RouteRegistry): void {
	registry.seeder('media', (state, records) => {
		for (const record of records) {
			const media = makeMedia(state, record as Partial<MediaRecord>);
			state.media.set(media.id, media);
		}
	});

	registry.node('POST', 'phone', 'media', uploadMedia);

	registry.node('GET', 'media', '', mediaUrl);

	registry.node('DELETE', 'media', '', (ctx) => {
		const media = findMedia(ctx);
		ctx.state.media.delete(media.id);
		return { json: { success: true } };
	});

	// The download URL: Meta requires the same Bearer token (enforced by the server for this route).
	registry.raw('GET', MEDIA_DOWNLOAD_PREFIX, (ctx) => {
		const token = ctx.query.get('hash') ?? '';
		const issued = ctx.state.mediaUrls.get(token);
		const media = issued ? ctx.state.media.get(issued.mediaId) : undefined;
		if (!issued || !media || issued.mediaId !== ctx.query.get('mid') || Date.now() > issued.expiresAt) {
			return { status: 404, raw: 'Not Found', contentType: 'text/plain' };
		}
		return { raw: media.data, contentType: media.mime_type };
	});
}
