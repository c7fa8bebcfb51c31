import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { phoneNumbersPath } from '../actions/sender/graph';
import { getGraphCredentials, graphPaginate } from '../../shared/graph';

/** Backs the phone-number resource locator: every number of the WABA, filtered by number, name or ID. */
export async function searchPhoneNumbers(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const { businessAccountId } = await getGraphCredentials.call(this);
	const numbers = await graphPaginate.call(this, {
		path: phoneNumbersPath(businessAccountId),
		qs: { fields: 'id,display_phone_number,verified_name' },
		returnAll: true,
		maxPageSize: 100,
	});
	const needle = (filter ?? '').toLowerCase();
	const digits = needle.replace(/\D/g, '');
	return {
		results: numbers
			.filter((n) => {
				if (!needle) return true;
				const display = String(n.display_phone_number ?? '');
				return (
					String(n.verified_name ?? '').toLowerCase().includes(needle) ||
					String(n.id).includes(needle) ||
					(digits !== '' && display.replace(/\D/g, '').includes(digits))
				);
			})
			.map((n) => ({
				name: `${String(n.display_phone_number ?? n.id)}${n.verified_name ? ` (${String(n.verified_name)})` : ''}`,
				value: String(n.id),
			})),
	};
}
