import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { BUSINESS_PROFILE_FIELDS, pinProblems } from '../../helpers/sender';
import { graphRequest } from '../../../shared/graph';
import type { ParameterProblem } from '../common/parameterProblem';

export const showFor = (...operations: string[]) => ({ show: { resource: ['sender'], operation: operations } });

export function pinField(operation: string, description: string): INodeProperties {
	return {
		displayName: 'PIN',
		name: 'pin',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		placeholder: 'e.g. 520164',
		description,
		displayOptions: showFor(operation),
	};
}

export function codeMethodFields(operation: string): INodeProperties[] {
	return [
		{
			displayName: 'Code Method',
			name: 'codeMethod',
			type: 'options',
			options: [
				{ name: 'SMS', value: 'SMS' },
				{ name: 'Voice Call', value: 'VOICE' },
			],
			default: 'SMS',
			description: 'How Meta sends the verification code to the number',
			displayOptions: showFor(operation),
		},
		{
			displayName: 'Language',
			name: 'language',
			type: 'string',
			default: 'en_US',
			placeholder: 'e.g. en_US',
			description: 'Language of the SMS or call, as a locale code',
			displayOptions: showFor(operation),
		},
	];
}

export function codeMethodOf(this: IExecuteFunctions, itemIndex: number): { codeMethod: string; language: string } {
	return {
		codeMethod: String(this.getNodeParameter('codeMethod', itemIndex, 'SMS')),
		language: String(this.getNodeParameter('language', itemIndex, 'en_US')).trim(),
	};
}

export function codeMethodProblems(this: IExecuteFunctions, itemIndex: number): ParameterProblem[] {
	const { codeMethod, language } = codeMethodOf.call(this, itemIndex);
	const problems: ParameterProblem[] = [];
	if (codeMethod !== 'SMS' && codeMethod !== 'VOICE') problems.push({ field: 'Code Method', rule: 'must be SMS or VOICE' });
	if (!/^[a-z]{2,3}(_[A-Z]{2})?$/.test(language)) problems.push({ field: 'Language', rule: `must be a locale code such as en_US, not "${language}"` });
	return problems;
}

/** The PIN field's value (trimmed) and what is wrong with it. */
export function pinOf(this: IExecuteFunctions, itemIndex: number): { pin: string; problems: ParameterProblem[] } {
	const pin = String(this.getNodeParameter('pin', itemIndex, '')).trim();
	return { pin, problems: pinProblems(pin) };
}

/** `POST /{phone}/request_code`: Meta sends a 6-digit code by SMS or voice call. */
export async function requestVerificationCode(
	this: IExecuteFunctions,
	phoneNumberId: string,
	codeMethod: string,
	language: string,
	itemIndex: number,
): Promise<IDataObject> {
	return (await graphRequest.call(this, {
		method: 'POST',
		path: `/${phoneNumberId}/request_code`,
		qs: { code_method: codeMethod, language },
		itemIndex,
	})) as IDataObject;
}

/** `GET /{phone}/whatsapp_business_profile`: Meta answers `{data:[profile]}`. */
export async function fetchBusinessProfile(this: IExecuteFunctions, phoneNumberId: string, itemIndex: number, fields = BUSINESS_PROFILE_FIELDS) {
	const body = (await graphRequest.call(this, {
		method: 'GET',
		path: `/${phoneNumberId}/whatsapp_business_profile`,
		qs: { fields: fields.join(',') },
		itemIndex,
	})) as IDataObject;
	const list = Array.isArray(body.data) ? (body.data as IDataObject[]) : [];
	// SPEC's example wraps the profile in `business_profile`; accept that shape too.
	return list[0] ?? (body.business_profile as IDataObject | undefined) ?? {};
}

/**
 * Meta allows 10 register/deregister calls per number in 72 hours (133016); the raw text says
 * little, so the error names the number and what to do.
 */
export function explainRegistrationLimit(error: unknown, phoneNumberId: string): unknown {
	if (error instanceof NodeApiError && error.context.metaCode === 133016) {
		error.message =
			`Phone number ${phoneNumberId} reached Meta's registration limit: 10 register or deregister attempts per number in 72 hours. ` +
			'Wait before trying this number again (Meta error 133016).';
	}
	return error;
}
