/**
 * The Graph client both nodes stand on. It knows Graph (paths, credentials, retries, errors) and
 * nothing about either node's parameters.
 *
 * - request.ts: encode a body and send one request, retrying as retry.ts decides
 * - retry.ts: when a failure is sent again and how long to wait (pure decisions)
 * - paginate.ts: cursor paging over Graph collections
 * - upload.ts: Meta's Resumable Upload API; mediaUpload.ts: a file uploaded to a phone number's media
 * - credentials.ts: reading and checking the credential
 * - errors.ts: the hint table, NodeApiError building, redaction
 * - download.ts, publicFile.ts: downloads into n8n's binary store, and of public sample files
 * - hosts.ts: which URLs may receive the token; settings.ts: timeouts and the retry-wait budget
 */
export type { GraphContext } from './context';
export { CREDENTIAL_TYPE, credentialLabelOf, getGraphCredentials, readCredentials, type GraphCredentials } from './credentials';
export { GRAPH_ERROR_HINTS, hintForCode, redact, type GraphErrorBody, type GraphErrorExplanation } from './errors';
export { listFromResponse, graphPaginate, type PaginateOptions } from './paginate';
export {
	encodeMultipart,
	graphRequest,
	graphRequestFull,
	type GraphBodyType,
	type GraphFullResponse,
	type GraphRequestOptions,
} from './request';
export { DEFAULT_RETRY_POLICY, THROTTLING_CODES, regainAccessDelayMs, type RetryPolicy } from './retry';
export { resumableUpload } from './upload';
export { uploadMedia, type MediaFile } from './mediaUpload';
export {
	configureGraphClient,
	DEFAULT_RETRY_WAIT_BUDGET_MS,
	DEFAULT_TIMEOUT_MS,
	spendRetryWait,
	TRANSFER_TIMEOUT_MS,
	type GraphClientSettings,
} from './settings';
