/** What the node checks of a media file or link before sending. */
import { baseMimeType, formatBytes } from '../common/fileTypes';
import type { ParameterProblem } from '../common/parameterProblem';
import { mayReceiveToken } from '../../../shared/graph/hosts';
import { ANIMATED_STICKER_LIMIT, MEDIA_SIZE_LIMITS, MEDIA_TYPES } from './graph';

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

/**
 * Whether a download URL is on a host that may receive the access token: https on one of Meta's
 * media domains, or the origin of the credential's Base URL (a proxy or the sandbox).
 */
export const isMetaMediaHost = mayReceiveToken;
