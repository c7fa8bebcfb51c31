import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { graphRequest, resumableUpload } from '../../../shared/graph';
import { binaryInput, missingBinary } from '../common/binaryInput';
import { baseMimeType, formatBytes } from '../common/fileTypes';
import type { ParameterProblem } from '../common/parameterProblem';
import { phoneNumberIdOf, phoneNumberLocator, phoneNumberProblems } from '../common/phoneNumberLocator';
import { showFor } from './fields';
import { VERTICALS } from './graph';
import { businessProfileProblems, type BusinessProfileUpdate, splitList } from './rules';

/** Meta's profile picture: a JPEG or PNG (its resumable upload takes no other image type), at most 5 MB. */
const PROFILE_PICTURE_TYPES = ['image/jpeg', 'image/png'];
const PROFILE_PICTURE_MAX_BYTES = 5 * 1024 * 1024;

const VERTICAL_LABELS: Record<string, string> = {
	ALCOHOL: 'Alcoholic Beverages',
	APPAREL: 'Clothing and Apparel',
	AUTO: 'Automotive',
	BEAUTY: 'Beauty, Spa and Salon',
	EDU: 'Education',
	ENTERTAIN: 'Entertainment',
	EVENT_PLAN: 'Event Planning and Service',
	FINANCE: 'Finance and Banking',
	GOVT: 'Public Service',
	GROCERY: 'Food and Grocery',
	HEALTH: 'Medical and Health',
	HOTEL: 'Hotel and Lodging',
	NONPROFIT: 'Non-Profit',
	NOT_A_BIZ: 'Not a Business',
	ONLINE_GAMBLING: 'Online Gambling and Gaming',
	OTC_DRUGS: 'Over-the-Counter Drugs',
	OTHER: 'Other',
	PHYSICAL_GAMBLING: 'Non-Online Gambling and Gaming',
	PROF_SERVICES: 'Professional Services',
	RESTAURANT: 'Restaurant',
	RETAIL: 'Shopping and Retail',
	TRAVEL: 'Travel and Transportation',
	UNDEFINED: 'Undefined',
};

export const description: INodeProperties[] = [
	phoneNumberLocator('sender', ['updateBusinessProfile']),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		displayOptions: showFor('updateBusinessProfile'),
		options: [
			{
				displayName: 'About',
				name: 'about',
				type: 'string',
				default: '',
				description: 'The "About" text, 1 to 139 characters',
			},
			{
				displayName: 'Address',
				name: 'address',
				type: 'string',
				default: '',
				description: 'Business address, up to 256 characters',
			},
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				typeOptions: { rows: 3 },
				default: '',
				description: 'Business description, up to 512 characters',
			},
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
				description: 'Contact email, up to 128 characters',
			},
			{
				displayName: 'Profile Picture Binary Field',
				name: 'profilePictureBinaryField',
				type: 'string',
				default: '',
				placeholder: 'e.g. data',
				description:
					'Input binary field with a JPEG or PNG picture (up to 5 MB). It is sent through Meta\'s resumable upload, which needs the App ID in the credential.',
			},
			{
				displayName: 'Vertical',
				name: 'vertical',
				type: 'options',
				options: VERTICALS.map((value) => ({ name: VERTICAL_LABELS[value] ?? value, value })).sort((a, b) => a.name.localeCompare(b.name)),
				default: 'OTHER',
				description: 'The industry of the business',
			},
			{
				displayName: 'Websites',
				name: 'websites',
				type: 'string',
				default: '',
				placeholder: 'e.g. https://www.example.com, https://shop.example.com',
				description: 'Up to 2 URLs starting with http:// or https://, separated by commas. Replaces the current list.',
			},
		],
	},
];

/** The profile fields this item sets, and the input binary field of a new picture ('' for none). */
function readUpdate(this: IExecuteFunctions, itemIndex: number): { update: BusinessProfileUpdate; pictureField: string } {
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const update: BusinessProfileUpdate = {};
	for (const key of ['about', 'address', 'description', 'email', 'vertical'] as const) {
		if (fields[key] !== undefined) update[key] = String(fields[key]);
	}
	if (fields.websites !== undefined) update.websites = splitList(fields.websites as string);
	const pictureField = typeof fields.profilePictureBinaryField === 'string' ? fields.profilePictureBinaryField.trim() : '';
	return { update, pictureField };
}

/** A new profile picture must be a JPEG or PNG of 1 byte to 5 MB. */
async function pictureProblems(this: IExecuteFunctions, itemIndex: number, pictureField: string): Promise<ParameterProblem[]> {
	const field = 'Profile Picture Binary Field';
	const input = await binaryInput.call(this, itemIndex, pictureField);
	if (!input) return [missingBinary(field, pictureField)];
	const mimeType = baseMimeType(input.binary.mimeType ?? '');
	if (!PROFILE_PICTURE_TYPES.includes(mimeType)) return [{ field, rule: `must be a JPEG or PNG image, not "${mimeType || 'unknown'}"` }];
	if (input.size === 0 || input.size > PROFILE_PICTURE_MAX_BYTES) return [{ field, rule: `must be 1 byte to 5 MB, got ${formatBytes(input.size)}` }];
	return [];
}

export async function validate(this: IExecuteFunctions, itemIndex: number): Promise<ParameterProblem[]> {
	const { update, pictureField } = readUpdate.call(this, itemIndex);
	const problems = [...phoneNumberProblems.call(this, itemIndex)];
	if (!Object.keys(update).length && !pictureField) problems.push({ field: 'Update Fields', rule: 'add at least one field to update' });
	problems.push(...businessProfileProblems(update));
	if (pictureField) problems.push(...(await pictureProblems.call(this, itemIndex, pictureField)));
	return problems;
}

/** The picture as Meta's resumable upload takes it. */
async function readPicture(this: IExecuteFunctions, itemIndex: number, pictureField: string) {
	const binary = this.getInputData()[itemIndex].binary![pictureField];
	const mimeType = baseMimeType(binary.mimeType ?? '');
	const data = await this.helpers.getBinaryDataBuffer(itemIndex, pictureField);
	return { data, fileName: binary.fileName ?? `profile.${mimeType === 'image/png' ? 'png' : 'jpg'}`, mimeType };
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const phoneNumberId = phoneNumberIdOf.call(this, itemIndex);
	const { update, pictureField } = readUpdate.call(this, itemIndex);
	const body: IDataObject = { messaging_product: 'whatsapp', ...update };
	if (pictureField) body.profile_picture_handle = await resumableUpload.call(this, await readPicture.call(this, itemIndex, pictureField), itemIndex);
	const response = (await graphRequest.call(this, {
		method: 'POST',
		path: `/${phoneNumberId}/whatsapp_business_profile`,
		body,
		// Setting the same profile twice gives the same profile.
		idempotent: true,
		itemIndex,
	})) as IDataObject;
	return {
		success: response.success === true,
		phone_number_id: phoneNumberId,
		updated: [...Object.keys(update), ...(pictureField ? ['profile_picture'] : [])],
	};
}
