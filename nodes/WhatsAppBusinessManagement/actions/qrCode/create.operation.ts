import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { graphRequest } from '../../../shared/graph';
import type { ParameterProblem } from '../common/parameterProblem';
import { phoneNumberIdOf } from '../common/phoneNumberLocator';
import { businessNumberField, businessNumberProblems, imageFormatField, imageFormatOf, prefilledMessageField, prefilledMessageOf, prefilledMessageProblems } from './fields';
import { downloadImageFields, downloadImageProblems, qrCodeItem } from './image';

export const description: INodeProperties[] = [
	businessNumberField(['create']),
	prefilledMessageField('create', 'The text the chat opens with when someone scans the code or taps the link; they can edit it before sending. At most 140 characters.'),
	imageFormatField('create'),
	...downloadImageFields('create'),
];

export function validate(this: IExecuteFunctions, itemIndex: number): ParameterProblem[] {
	return [...businessNumberProblems.call(this, itemIndex), ...prefilledMessageProblems.call(this, itemIndex), ...downloadImageProblems.call(this, itemIndex)];
}

/** Meta answers `code`, `prefilled_message`, `deep_link_url` and `qr_image_url`. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const phoneNumberId = phoneNumberIdOf.call(this, itemIndex);
	const response = (await graphRequest.call(this, {
		method: 'POST',
		path: `/${phoneNumberId}/message_qrdls`,
		body: { prefilled_message: prefilledMessageOf.call(this, itemIndex), generate_qr_image: imageFormatOf.call(this, itemIndex) ?? 'PNG' },
		itemIndex,
	})) as IDataObject;
	return await qrCodeItem.call(this, itemIndex, { ...response, phone_number_id: phoneNumberId });
}
