import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getPhoneNumberId, phoneNumberLocator } from '../../descriptions/phoneNumber';
import { baseMimeType, formatBytes } from '../../helpers/media';
import { VERTICALS, businessProfileProblems, splitList, type BusinessProfileUpdate } from '../../helpers/sender';
import { graphRequest, resumableUpload } from '../../../shared/graph';
import { showFor } from './shared';

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

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const phoneNumberId = getPhoneNumberId.call(this, itemIndex)!;
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const update: BusinessProfileUpdate = {};
	for (const key of ['about', 'address', 'description', 'email', 'vertical'] as const) {
		if (fields[key] !== undefined) update[key] = String(fields[key]);
	}
	if (fields.websites !== undefined) update.websites = splitList(fields.websites as string);
	const pictureField = typeof fields.profilePictureBinaryField === 'string' ? fields.profilePictureBinaryField.trim() : '';
	if (!Object.keys(update).length && !pictureField) {
		throw new NodeOperationError(this.getNode(), 'Field "Update Fields": add at least one field to update', { itemIndex });
	}
	const problems = businessProfileProblems(update);

	let picture: { data: Buffer; fileName: string; mimeType: string } | undefined;
	if (pictureField) {
		const binary = this.getInputData()[itemIndex]?.binary?.[pictureField];
		if (!binary) {
			problems.push(`Field "Profile Picture Binary Field": the input item has no binary field "${pictureField}"`);
		} else {
			const mimeType = baseMimeType(binary.mimeType ?? '');
			if (!PROFILE_PICTURE_TYPES.includes(mimeType)) {
				problems.push(`Field "Profile Picture Binary Field": must be a JPEG or PNG image, not "${mimeType || 'unknown'}"`);
			} else {
				const data = await this.helpers.getBinaryDataBuffer(itemIndex, pictureField);
				if (data.length === 0 || data.length > PROFILE_PICTURE_MAX_BYTES) {
					problems.push(`Field "Profile Picture Binary Field": must be 1 byte to 5 MB, got ${formatBytes(data.length)}`);
				}
				picture = { data, fileName: binary.fileName ?? `profile.${mimeType === 'image/png' ? 'png' : 'jpg'}`, mimeType };
			}
		}
	}
	if (problems.length) throw new NodeOperationError(this.getNode(), problems.join('; '), { itemIndex });

	const body: IDataObject = { messaging_product: 'whatsapp', ...update };
	if (picture) body.profile_picture_handle = await resumableUpload.call(this, picture, itemIndex);
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
		updated: [...Object.keys(update), ...(picture ? ['profile_picture'] : [])],
	};
}
