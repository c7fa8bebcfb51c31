/** MIME types and sizes as files are named and shown: uploads, downloads and samples all use them. */

const KB = 1024;
const MB = 1024 * 1024;

/** `image/jpeg; charset=x` -> `image/jpeg`; `audio/ogg; codecs=opus` keeps its base type. */
export function baseMimeType(mimeType: string): string {
	return mimeType.split(';')[0].trim().toLowerCase();
}

export function formatBytes(bytes: number): string {
	if (bytes >= MB) return `${+(bytes / MB).toFixed(2)} MB`;
	if (bytes >= KB) return `${+(bytes / KB).toFixed(2)} KB`;
	return `${bytes} bytes`;
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

