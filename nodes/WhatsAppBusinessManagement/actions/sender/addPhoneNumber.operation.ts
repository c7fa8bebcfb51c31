import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getGraphCredentials, graphRequest } from '../../../shared/graph';
import type { ParameterProblem } from '../common/parameterProblem';
import { codeMethodFields, codeMethodOf, codeMethodProblems, showFor } from './fields';
import { phoneNumbersPath, requestVerificationCode } from './graph';
import { digitsOnly, newPhoneNumberProblems } from './rules';

export const description: INodeProperties[] = [
	{
		displayName: 'Country Code',
		name: 'countryCode',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 1',
		description: 'Country calling code, without "+"',
		displayOptions: showFor('addPhoneNumber'),
	},
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 5550100199',
		description: 'The number without the country code; spaces, dashes and brackets are removed',
		displayOptions: showFor('addPhoneNumber'),
	},
	{
		displayName: 'Display Name',
		name: 'displayName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Sandbox Motors',
		description: 'The name shown to customers (2 to 75 characters); Meta reviews it',
		displayOptions: showFor('addPhoneNumber'),
	},
	{
		displayName: 'Request Verification Code',
		name: 'requestCode',
		type: 'boolean',
		default: true,
		description: 'Whether to ask Meta to send the verification code right after adding the number',
		displayOptions: showFor('addPhoneNumber'),
	},
	...codeMethodFields('addPhoneNumber').map((field) => ({
		...field,
		displayOptions: { show: { ...field.displayOptions!.show, requestCode: [true] } },
	})),
];

function newNumberOf(this: IExecuteFunctions, itemIndex: number) {
	return {
		countryCode: digitsOnly(String(this.getNodeParameter('countryCode', itemIndex, ''))),
		phoneNumber: digitsOnly(String(this.getNodeParameter('phoneNumber', itemIndex, ''))),
		displayName: String(this.getNodeParameter('displayName', itemIndex, '')).trim(),
	};
}

const requestsCode = (context: IExecuteFunctions, itemIndex: number) => context.getNodeParameter('requestCode', itemIndex, true) as boolean;

export function validate(this: IExecuteFunctions, itemIndex: number): ParameterProblem[] {
	return [
		...newPhoneNumberProblems(newNumberOf.call(this, itemIndex)),
		...(requestsCode(this, itemIndex) ? codeMethodProblems.call(this, itemIndex) : []),
	];
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const { countryCode, phoneNumber, displayName } = newNumberOf.call(this, itemIndex);
	const code = requestsCode(this, itemIndex) ? codeMethodOf.call(this, itemIndex) : undefined;

	const { businessAccountId } = await getGraphCredentials.call(this);
	const created = (await graphRequest.call(this, {
		method: 'POST',
		path: phoneNumbersPath(businessAccountId),
		body: { cc: countryCode, phone_number: phoneNumber, verified_name: displayName },
		itemIndex,
	})) as IDataObject;
	const id = String(created.id);
	const result: IDataObject = {
		id,
		cc: countryCode,
		phone_number: phoneNumber,
		verified_name: displayName,
		code_requested: false,
	};
	if (code) {
		try {
			await requestVerificationCode.call(this, id, code.codeMethod, code.language, itemIndex);
		} catch (error) {
			// The number exists now; say so, so a rerun asks for the code instead of adding it again.
			throw new NodeOperationError(
				this.getNode(),
				`Phone number added (ID ${id}) but requesting the verification code failed: ${(error as Error).message}`,
				{ itemIndex, description: `Use Sender > Request Code with phone number ID ${id}. ${(error as { description?: string }).description ?? ''}`.trim() },
			);
		}
		result.code_requested = true;
		result.code_method = code.codeMethod;
		result.language = code.language;
	}
	return result;
}
