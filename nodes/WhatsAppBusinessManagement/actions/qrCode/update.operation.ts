import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { graphRequest } from '../../../shared/graph';
import type { ParameterProblem } from '../common/parameterProblem';
import { phoneNumberIdOf } from '../common/phoneNumberLocator';
import {
	businessNumberField,
	businessNumberProblems,
	codeField,
	codeOf,
	codeProblems,
	imageFormatField,
	imageFormatOf,
	prefilledMessageField,
	prefilledMessageOf,
	prefilledMessageProblems,
} from './fields';
import { downloadImageFields, downloadImageProblems, qrCodeItem } from './image';

export const description: INodeProperties[] = [
	businessNumberField(['update']),
	codeField('update'),
	prefilledMessageField('update', 'The new text the chat opens with. The code and its short link stay the same, so printed codes keep working. At most 140 characters.'),
	imageFormatField('update'),
	...downloadImageFields('update'),
];

export function validate(this: IExecuteFunctions, itemIndex: number): ParameterProblem[] {
	return [...businessNumberProblems.call(this, itemIndex), ...codeProblems.call(this, itemIndex), ...prefilledMessageProblems.call(this, itemIndex), ...downloadImageProblems.call(this, itemIndex)];
}

/** Meta's Graph reference: POST to the same edge with the `code` to update. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const phoneNumberId = phoneNumberIdOf.call(this, itemIndex);
	const response = (await graphRequest.call(this, {
		method: 'POST',
		path: `/${phoneNumberId}/message_qrdls`,
		body: {
			code: codeOf.call(this, itemIndex),
			prefilled_message: prefilledMessageOf.call(this, itemIndex),
			generate_qr_image: imageFormatOf.call(this, itemIndex) ?? 'PNG',
		},
		// Setting the same message on the same code again leaves the same code.
		idempotent: true,
		itemIndex,
	})) as IDataObject;
	return await qrCodeItem.call(this, itemIndex, { ...response, phone_number_id: phoneNumberId });
}
