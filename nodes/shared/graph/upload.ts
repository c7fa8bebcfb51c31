import { NodeOperationError } from 'n8n-workflow';

import type { GraphContext } from './context';
import { getGraphCredentials } from './credentials';
import { graphRequest } from './request';

/**
 * Meta's Resumable Upload API: opens a session on the app, sends the bytes, returns the handle
 * (`4::...`) that template headers and profile pictures refer to.
 */
export async function resumableUpload(
	this: GraphContext,
	file: { data: Buffer; fileName: string; mimeType: string },
	itemIndex?: number,
): Promise<string> {
	const credentials = await getGraphCredentials.call(this, ['appId']);
	const session = (await graphRequest.call(this, {
		method: 'POST',
		path: `/${credentials.appId}/uploads`,
		qs: { file_name: file.fileName, file_length: file.data.length, file_type: file.mimeType },
		itemIndex,
	})) as { id?: string };
	if (!session.id || !session.id.startsWith('upload:')) {
		throw new NodeOperationError(this.getNode(), 'Meta did not return an upload session ID', { itemIndex });
	}
	// The session ID is only valid for the offset Meta has; a retried POST of the same bytes at
	// offset 0 is harmless, so this step is idempotent.
	// Meta's Resumable Upload guide sends this step with `Authorization: OAuth <token>` (not Bearer)
	// and says the token must be in that header "or the call will fail"; it does not document that
	// Bearer works here, so the header is set by hand instead of by the credential's Bearer.
	// Sources: https://developers.facebook.com/docs/graph-api/guides/upload (step 2 "Initiate the
	// upload", `--header "Authorization: OAuth <USER_ACCESS_TOKEN>" --header "file_offset: 0"`),
	// https://developers.facebook.com/docs/graph-api/resumable-upload-api.
	const uploaded = (await graphRequest.call(this, {
		method: 'POST',
		path: `/${session.id}`,
		body: file.data,
		bodyType: 'binary',
		headers: { Authorization: `OAuth ${credentials.accessToken}`, file_offset: '0', 'Content-Type': 'application/octet-stream' },
		authenticate: false,
		idempotent: true,
		itemIndex,
	})) as { h?: string };
	if (!uploaded.h) {
		throw new NodeOperationError(this.getNode(), 'Meta did not return an upload handle', { itemIndex });
	}
	return uploaded.h;
}
