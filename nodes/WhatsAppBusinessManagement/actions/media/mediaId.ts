/** The Media ID field and the optional phone number every operation on one media file takes. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ParameterProblem } from '../common/parameterProblem';
import { phoneNumberLocator, phoneNumberProblems } from '../common/phoneNumberLocator';

export function mediaIdField(operation: string): INodeProperties {
	return {
		displayName: 'Media ID',
		name: 'mediaId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 1037543291543636',
		description: 'The ID Meta gave the media on upload, or the ID in an incoming message webhook',
		displayOptions: { show: { resource: ['media'], operation: [operation] } },
	};
}

/** Meta's optional `phone_number_id`: when set, Meta only answers if the media belongs to that number. */
export function optionalPhoneNumber(operation: string): INodeProperties {
	return phoneNumberLocator('media', [operation], {
		required: false,
		description: 'Only act if the media belongs to this phone number (optional; Meta checks ownership when it is set)',
	});
}

export function mediaIdOf(this: IExecuteFunctions, itemIndex: number): string {
	return String(this.getNodeParameter('mediaId', itemIndex, '')).trim();
}

/** The Media ID (digits) and the optional phone number every operation on one media file takes. */
export function mediaIdProblems(this: IExecuteFunctions, itemIndex: number): ParameterProblem[] {
	const mediaId = mediaIdOf.call(this, itemIndex);
	return [
		...(/^\d+$/.test(mediaId) ? [] : [{ field: 'Media ID', rule: `must be a media ID (digits only), not "${mediaId}"` }]),
		...phoneNumberProblems.call(this, itemIndex, { required: false }),
	];
}
