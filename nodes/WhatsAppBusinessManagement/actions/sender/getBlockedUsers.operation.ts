import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ParameterProblem } from '../common/parameterProblem';

import { graphPaginate } from '../../../shared/graph';
import { phoneNumberIdOf, phoneNumberLocator, phoneNumberProblems } from '../common/phoneNumberLocator';
import { returnAllOrLimit } from '../common/returnAllOrLimit';

export const description: INodeProperties[] = [
	phoneNumberLocator('sender', ['getBlockedUsers'], { displayName: 'Business Phone Number', description: 'The number whose blocklist is listed' }),
	...returnAllOrLimit('sender', 'getBlockedUsers'),
];

export function validate(this: IExecuteFunctions, itemIndex: number): ParameterProblem[] {
	return phoneNumberProblems.call(this, itemIndex, { label: 'Business Phone Number' });
}

/**
 * Meta's Block Users page documents no page size for the list, so each page asks for 100 (a
 * common Graph maximum) and cursor paging follows `paging.next`.
 */
const PAGE_SIZE = 100;

/** One item per blocked user: `wa_id` (or `user_id`) as Meta lists it, with the business number. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const phoneNumberId = phoneNumberIdOf.call(this, itemIndex);
	const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex) as number);
	const users = await graphPaginate.call(this, { path: `/${phoneNumberId}/block_users`, returnAll, limit, maxPageSize: PAGE_SIZE, itemIndex });
	return users.map(({ messaging_product: _product, ...user }) => ({ ...user, phone_number_id: phoneNumberId }));
}
