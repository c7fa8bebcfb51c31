/** What Meta documents for media: the types and sizes a phone number takes, its hosts, its answers. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { graphRequest } from '../../../shared/graph';

export type MediaKind = 'audio' | 'document' | 'image' | 'sticker' | 'video';

const KB = 1024;
const MB = 1024 * 1024;

/**
 * Meta's table of media a phone number accepts (Cloud API "Supported media types"). Sizes are the
 * documented MB/KB, read as binary units; Meta does not say which, and the binary reading is the
 * larger, so a file accepted here is at most a few percent over a decimal-MB limit.
 */
export const MEDIA_TYPES: Record<string, MediaKind> = {
	'audio/aac': 'audio',
	'audio/amr': 'audio',
	'audio/mpeg': 'audio',
	'audio/mp4': 'audio',
	'audio/ogg': 'audio',
	'text/plain': 'document',
	'application/vnd.ms-excel': 'document',
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'document',
	'application/msword': 'document',
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'document',
	'application/vnd.ms-powerpoint': 'document',
	'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'document',
	'application/pdf': 'document',
	'image/jpeg': 'image',
	'image/png': 'image',
	'image/webp': 'sticker',
	'video/mp4': 'video',
	'video/3gpp': 'video',
};

export const MEDIA_SIZE_LIMITS: Record<MediaKind, number> = {
	audio: 16 * MB,
	document: 100 * MB,
	image: 5 * MB,
	sticker: 100 * KB,
	video: 16 * MB,
};

/** Animated stickers may be larger than static ones. */
export const ANIMATED_STICKER_LIMIT = 500 * KB;


/** Meta's media object with `file_size` as a number (Meta's examples send it as a string). */
export function normalizeMedia(raw: IDataObject): IDataObject {
	const result: IDataObject = { ...raw };
	if (raw.file_size !== undefined && raw.file_size !== null && raw.file_size !== '') {
		const size = Number(raw.file_size);
		if (Number.isFinite(size)) result.file_size = size;
	}
	if (raw.id !== undefined) result.id = String(raw.id);
	return result;
}

/** Meta gives sha256 as hex; webhooks have carried base64. Returns hex, or undefined when neither. */
export function sha256AsHex(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	if (/^[0-9a-f]{64}$/i.test(value)) return value.toLowerCase();
	if (/^[A-Za-z0-9+/]{43}=$/.test(value)) return Buffer.from(value, 'base64').toString('hex');
	return undefined;
}

/** A call on `/{media-id}`, limited to the media of one phone number when `phoneNumberId` is given. */
export async function mediaRequest(
	this: IExecuteFunctions,
	method: 'GET' | 'DELETE',
	mediaId: string,
	phoneNumberId: string | undefined,
	itemIndex: number,
): Promise<IDataObject> {
	return (await graphRequest.call(this, {
		method,
		path: `/${mediaId}`,
		qs: phoneNumberId ? { phone_number_id: phoneNumberId } : undefined,
		itemIndex,
	})) as IDataObject;
}

/** `GET /{media-id}`: the short-lived download URL and the file's metadata. */
export async function fetchMediaInfo(
	this: IExecuteFunctions,
	mediaId: string,
	phoneNumberId: string | undefined,
	itemIndex: number,
): Promise<IDataObject> {
	return normalizeMedia(await mediaRequest.call(this, 'GET', mediaId, phoneNumberId, itemIndex));
}
