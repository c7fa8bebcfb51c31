import { GraphError } from './graph';
import type { UploadedFile } from './types';

/** Parses multipart/form-data (RFC 7578) into fields and files. */
export function parseMultipart(raw: Buffer, contentType: string): { fields: Record<string, string>; files: UploadedFile[] } {
	const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
	if (!match) throw new GraphError(100, 'Invalid parameter', { details: 'multipart body without boundary' });
	const boundary = Buffer.from(`--${match[1] ?? match[2]}`);
	const fields: Record<string, string> = {};
	const files: UploadedFile[] = [];
	let position = raw.indexOf(boundary);
	while (position !== -1) {
		const partStart = position + boundary.length;
		if (raw.slice(partStart, partStart + 2).toString() === '--') break;
		const next = raw.indexOf(boundary, partStart);
		if (next === -1) break;
		// Skip the CRLF after the boundary; drop the CRLF before the next one.
		const part = raw.slice(partStart + 2, next - 2);
		const headerEnd = part.indexOf('\r\n\r\n');
		if (headerEnd !== -1) {
			const headerText = part.slice(0, headerEnd).toString('utf8');
			const data = part.slice(headerEnd + 4);
			const disposition = /content-disposition:[^\r\n]*/i.exec(headerText)?.[0] ?? '';
			const name = /\bname="([^"]*)"/i.exec(disposition)?.[1] ?? '';
			const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
			const partType = /content-type:\s*([^\r\n]+)/i.exec(headerText)?.[1]?.trim();
			if (filename !== undefined) files.push({ field: name, filename, contentType: partType, data });
			else fields[name] = data.toString('utf8');
		}
		position = next;
	}
	return { fields, files };
}
