import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { graphRequest } from '../../../shared/graph';
import type { ParameterProblem } from '../common/parameterProblem';
import { phoneNumberIdOf } from '../common/phoneNumberLocator';
import { businessNumberField, businessNumberProblems, codeField, codeOf, codeProblems, imageFormatOf, readImageFormatField, readFields } from './fields';
import { downloadImageFields, downloadImageProblems, qrCodeItem } from './image';

export const description: INodeProperties[] = [businessNumberField(['get']), codeField('get'), readImageFormatField('get'), ...downloadImageFields('get')];

export function validate(this: IExecuteFunctions, itemIndex: number): ParameterProblem[] {
	return [...businessNumberProblems.call(this, itemIndex), ...codeProblems.call(this, itemIndex), ...downloadImageProblems.call(this, itemIndex)];
}

/** Meta answers one QR code as a one-entry `data` list. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const phoneNumberId = phoneNumberIdOf.call(this, itemIndex);
	const code = codeOf.call(this, itemIndex);
	const response = (await graphRequest.call(this, {
		method: 'GET',
		path: `/${phoneNumberId}/message_qrdls/${code}`,
		qs: { fields: readFields(imageFormatOf.call(this, itemIndex)) },
		itemIndex,
	})) as IDataObject;
	const qrCode = Array.isArray(response.data) ? (response.data[0] as IDataObject | undefined) : undefined;
	if (!qrCode) {
		throw new NodeOperationError(this.getNode(), `Meta returned no QR code "${code}" for phone number ${phoneNumberId}`, {
			itemIndex,
			description: 'Check the code with QR Code > Get Many on the same Business Phone Number.',
		});
	}
	return await qrCodeItem.call(this, itemIndex, { ...qrCode, phone_number_id: phoneNumberId });
}
