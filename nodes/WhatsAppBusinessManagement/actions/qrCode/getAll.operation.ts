import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { graphPaginate } from '../../../shared/graph';
import { phoneNumberIdOf } from '../common/phoneNumberLocator';
import { returnAllOrLimit } from '../common/returnAllOrLimit';
import { businessNumberField, businessNumberProblems, imageFormatOf, readImageFormatField, readFields } from './fields';

/** A number holds at most 2,000 QR codes (Meta's QR Codes guide). */
const MAX_CODES = 2_000;
/** Meta documents no page size for the edge: each page asks for 100, cursor paging follows `paging.next`. */
const PAGE_SIZE = 100;

export const description: INodeProperties[] = [businessNumberField(['getAll']), ...returnAllOrLimit('qrCode', 'getAll', MAX_CODES), readImageFormatField('getAll')];

export const validate = businessNumberProblems;

/** One item per QR code, newest first as Meta lists them. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const phoneNumberId = phoneNumberIdOf.call(this, itemIndex);
	const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex) as number);
	const codes = await graphPaginate.call(this, {
		path: `/${phoneNumberId}/message_qrdls`,
		qs: { fields: readFields(imageFormatOf.call(this, itemIndex)) },
		returnAll,
		limit,
		maxPageSize: PAGE_SIZE,
		itemIndex,
	});
	return codes.map((code) => ({ ...code, phone_number_id: phoneNumberId }));
}
