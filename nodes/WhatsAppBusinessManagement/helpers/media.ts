import type { IDataObject } from 'n8n-workflow';

import type { ParameterProblem } from '../actions/common/parameterProblem';
import { mayReceiveToken } from '../../shared/graph/hosts';

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

/** `image/jpeg; charset=x` -> `image/jpeg`; `audio/ogg; codecs=opus` keeps its base type. */
export function baseMimeType(mimeType: string): string {
	return mimeType.split(';')[0].trim().toLowerCase();
}

export function formatBytes(bytes: number): string {
	if (bytes >= MB) return `${+(bytes / MB).toFixed(2)} MB`;
	if (bytes >= KB) return `${+(bytes / KB).toFixed(2)} KB`;
	return `${bytes} bytes`;
}

/**
 * Whether a WebP file is animated: an extended (VP8X) header with the animation flag, or an ANIM
 * chunk (WebP container specification).
 */
export function isAnimatedWebp(data: Buffer): boolean {
	if (data.length < 21 || data.toString('ascii', 0, 4) !== 'RIFF' || data.toString('ascii', 8, 12) !== 'WEBP') return false;
	if (data.toString('ascii', 12, 16) === 'VP8X' && (data[20] & 0x02) !== 0) return true;
	return data.indexOf('ANIM', 12, 'ascii') !== -1;
}

export interface MediaFileFacts {
	mimeType: string;
	size: number;
	/** Needed for stickers only, to tell static from animated. */
	data?: Buffer;
}

/** Problems with a file against Meta's table; empty when Meta would accept it. */
export function mediaUploadProblems(file: MediaFileFacts): ParameterProblem[] {
	const mimeType = baseMimeType(file.mimeType);
	const kind = MEDIA_TYPES[mimeType];
	if (!kind) {
		return [{ field: 'MIME Type', rule: `"${mimeType || '(none)'}" is not a type WhatsApp accepts; allowed: ${Object.keys(MEDIA_TYPES).join(', ')}` }];
	}
	if (file.size <= 0) return [{ field: 'Input Binary Field', rule: 'the file is empty' }];
	let limit = MEDIA_SIZE_LIMITS[kind];
	let label: string = kind;
	if (kind === 'sticker') {
		const animated = file.data ? isAnimatedWebp(file.data) : false;
		if (animated) limit = ANIMATED_STICKER_LIMIT;
		label = animated ? 'animated sticker' : 'static sticker';
	}
	if (file.size > limit) {
		return [{ field: 'Input Binary Field', rule: `the file is ${formatBytes(file.size)}, over WhatsApp's ${formatBytes(limit)} limit for a ${label} (${mimeType})` }];
	}
	return [];
}

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

const EXTENSIONS: Record<string, string> = {
	'audio/aac': 'aac',
	'audio/amr': 'amr',
	'audio/mpeg': 'mp3',
	'audio/mp4': 'm4a',
	'audio/ogg': 'ogg',
	'text/plain': 'txt',
	'application/vnd.ms-excel': 'xls',
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
	'application/msword': 'doc',
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
	'application/vnd.ms-powerpoint': 'ppt',
	'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
	'application/pdf': 'pdf',
	'image/jpeg': 'jpg',
	'image/png': 'png',
	'image/webp': 'webp',
	'video/mp4': 'mp4',
	'video/3gpp': '3gp',
};

/** A file name for downloaded media, which Meta sends without one. */
export function mediaFileName(mediaId: string, mimeType: string | undefined): string {
	const extension = mimeType ? EXTENSIONS[baseMimeType(mimeType)] : undefined;
	return extension ? `${mediaId}.${extension}` : mediaId;
}

/**
 * Whether a download URL is on a host that may receive the access token: https on one of Meta's
 * media domains, or the origin of the credential's Base URL (a proxy or the sandbox).
 */
export const isMetaMediaHost = mayReceiveToken;
