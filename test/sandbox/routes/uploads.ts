import { createHash } from 'node:crypto';

import { GraphError, invalidParameter, newId } from '../graph';
import type { RouteRegistry } from '../server';

/** MIME types Meta's Resumable Upload API accepts ("Upload a file" guide). */
export const RESUMABLE_UPLOAD_TYPES = ['application/pdf', 'image/jpeg', 'image/jpg', 'image/png', 'video/mp4'];

/**
 * Meta's Resumable Upload API: `POST /{app-id}/uploads` opens a session, `POST /upload:<id>` with a
 * `file_offset` header sends bytes and returns the handle `h`, `GET /upload:<id>` tells the offset.
 */
export function register(registry: RouteRegistry): void {
	registry.node('POST', 'app', 'uploads', (ctx) => {
		const fileName = String(ctx.input.file_name ?? '');
		const fileLength = Number(ctx.input.file_length);
		const fileType = String(ctx.input.file_type ?? '');
		if (!fileName) throw invalidParameter('file_name is required');
		if (!Number.isInteger(fileLength) || fileLength <= 0) throw invalidParameter('file_length must be a positive integer');
		if (!RESUMABLE_UPLOAD_TYPES.includes(fileType)) {
			throw invalidParameter(`file_type must be one of ${RESUMABLE_UPLOAD_TYPES.join(', ')}`);
		}
		const id = `upload:${newId('9')}`;
		ctx.state.uploads.set(id, { id, file_name: fileName, file_length: fileLength, file_type: fileType, data: Buffer.alloc(0) });
		return { json: { id } };
	});

	registry.node('GET', 'upload', '', (ctx) => {
		const session = ctx.state.uploads.get(ctx.params.id)!;
		return { json: { id: session.id, file_offset: String(session.data.length) } };
	});

	registry.node('POST', 'upload', '', (ctx) => {
		// Meta's guide sends the bytes with `Authorization: OAuth <token>` and says the token must be
		// in that header "or the call will fail"; Bearer or an access_token query parameter is not
		// documented for this step, so the sandbox refuses them. Which code Meta answers then is not
		// documented either: 190 (token not accepted) is the sandbox's choice.
		// Sources: https://developers.facebook.com/docs/graph-api/guides/upload,
		// https://developers.facebook.com/docs/graph-api/resumable-upload-api.
		const authorization = String(ctx.headers.authorization ?? '');
		if (!/^OAuth\s+\S+/.test(authorization)) {
			throw new GraphError(190, 'Invalid OAuth access token - the upload step takes the token in an "Authorization: OAuth <token>" header', {
				httpStatus: 401,
				details: `Send the bytes with the header "Authorization: OAuth <token>"; got ${authorization ? `"${authorization.split(/\s/)[0]} ..."` : 'no Authorization header'}.`,
			});
		}
		const session = ctx.state.uploads.get(ctx.params.id)!;
		const offsetHeader = ctx.headers.file_offset;
		if (offsetHeader === undefined) throw invalidParameter('The file_offset header is required');
		const offset = Number(offsetHeader);
		if (offset !== session.data.length) {
			throw new GraphError(100, 'Invalid parameter', {
				details: `file_offset ${offset} does not match the uploaded length ${session.data.length}; GET the session to resume`,
			});
		}
		const data = Buffer.concat([session.data, ctx.rawBody]);
		if (data.length > session.file_length) throw invalidParameter('More bytes were sent than file_length announced');
		session.data = data;
		if (data.length < session.file_length) return { json: { id: session.id, file_offset: String(data.length) } };
		const digest = createHash('sha256').update(data).digest('base64');
		session.handle = `4::${Buffer.from(session.file_type).toString('base64')}:${digest}:e:${Date.now()}`;
		ctx.state.uploadHandles.set(session.handle, session);
		return { json: { h: session.handle } };
	});
}
