/** How Graph names and shapes welcome message sequences: the edge, its paging, its answers. */
import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** The Graph edge for Click-to-WhatsApp welcome-message sequences. */
export const sequencesPath = (businessAccountId: string) => `/${businessAccountId}/welcome_message_sequences`;

/**
 * How the list is paged. The guide answers a bare array where `limit` is just "Number of sequences to
 * fetch" (no cursors), so Return All asks for a large limit and gets everything in one call. The SDKs
 * model a Graph edge, which serves at most its maximum per page (Meta publishes none for this edge;
 * 100 is the common Graph ceiling) and is followed by cursor. A refused large limit (100, or this
 * endpoint's 4027001 invalid input) is retried once with 100.
 */
export const SEQUENCE_LIST_PAGING = {
	maxPageSize: 100,
	wholeListLimit: 10_000,
	limitRefusedCodes: [100, 4027001],
	listKeys: ['welcome_message_sequences'],
};

/**
 * Meta has answered this endpoint with a bare array (the guide) and with a Graph edge
 * (`{data, paging}`, the SDKs); ids come as `sequence_id` or `id`, and the sequence itself as a JSON
 * string. This gives one shape whatever arrived.
 */
export function normalizeSequence(raw: IDataObject): IDataObject {
	const result: IDataObject = { ...raw };
	const id = raw.sequence_id ?? raw.id;
	if (id !== undefined && id !== null) {
		result.sequence_id = String(id);
		result.id = String(id);
	}
	for (const key of ['welcome_message_sequence', 'welcome_message_flow']) {
		const value = raw[key];
		if (typeof value === 'string') {
			try {
				result[key] = JSON.parse(value) as IDataObject;
			} catch {
				result[key] = value;
			}
		}
	}
	return result;
}

/**
 * The fragment of a Marketing API ad creative that attaches a sequence to a Click-to-WhatsApp ad
 * (guide, "Marketing API experience").
 */
export function adCreativeFor(sequenceId: string): IDataObject {
	return { asset_feed_spec: { additional_data: { partner_app_welcome_message_flow_id: sequenceId } } };
}

/** Meta answers a change to a sequence with `{success}`: `false` fails the item, anything else is done. */
export function confirmSequenceChange(
	node: INode,
	response: IDataObject,
	change: { sequenceId: string; verb: 'delete' | 'update'; itemIndex: number },
): IDataObject {
	if (response.success === false) {
		throw new NodeOperationError(node, `Meta did not ${change.verb} sequence ${change.sequenceId}`, {
			itemIndex: change.itemIndex,
			description: `Response: ${JSON.stringify(response).slice(0, 300)}`,
		});
	}
	return { success: true, sequence_id: change.sequenceId };
}
