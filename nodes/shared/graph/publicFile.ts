import type { IExecuteFunctions, IN8nHttpFullResponse } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * Downloads a file from a public address (a template header sample given by URL). No credential is
 * attached: the Graph token must never travel to a third-party host.
 */
export async function downloadPublicFile(
	this: IExecuteFunctions,
	url: string,
	itemIndex: number,
): Promise<{ data: Buffer; fileName: string; mimeType: string }> {
	let response: IN8nHttpFullResponse;
	try {
		response = (await this.helpers.httpRequest({
			method: 'GET',
			url,
			encoding: 'arraybuffer',
			json: false,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		})) as IN8nHttpFullResponse;
	} catch (error) {
		throw new NodeOperationError(this.getNode(), `Could not download the sample file from ${url}: ${(error as Error).message}`, { itemIndex });
	}
	if (response.statusCode >= 400) {
		throw new NodeOperationError(this.getNode(), `Could not download the sample file from ${url}: HTTP ${response.statusCode}`, {
			itemIndex,
			description: 'The address must be publicly reachable. No request was sent to Meta.',
		});
	}
	const headers = response.headers as Record<string, string | undefined>;
	const mimeType = String(headers['content-type'] ?? 'application/octet-stream');
	const fileName = decodeURIComponent(new URL(url).pathname.split('/').pop() || 'sample');
	return { data: Buffer.from(response.body as ArrayBuffer), fileName, mimeType };
}
