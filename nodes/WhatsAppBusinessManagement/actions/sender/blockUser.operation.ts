import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { blockFields, blockProblems, changeBlocklist } from './blockUsers';

export const description: INodeProperties[] = blockFields('blockUser');

export const validate = blockProblems;

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return await changeBlocklist.call(this, itemIndex, 'POST');
}
