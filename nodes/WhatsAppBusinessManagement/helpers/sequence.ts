import type { IDataObject } from 'n8n-workflow';

/** The Graph edge for Click-to-WhatsApp welcome-message sequences. */
export const sequencesPath = (businessAccountId: string) => `/${businessAccountId}/welcome_message_sequences`;

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
