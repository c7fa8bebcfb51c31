import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../types';
import * as addPhoneNumber from './addPhoneNumber.operation';
import * as blockUser from './blockUser.operation';
import * as deregister from './deregister.operation';
import * as downloadProfilePicture from './downloadProfilePicture.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getBlockedUsers from './getBlockedUsers.operation';
import * as getCommerceSettings from './getCommerceSettings.operation';
import * as getBusinessProfile from './getBusinessProfile.operation';
import * as register from './register.operation';
import * as requestCode from './requestCode.operation';
import * as setTwoStepPin from './setTwoStepPin.operation';
import * as unblockUser from './unblockUser.operation';
import * as updateBusinessProfile from './updateBusinessProfile.operation';
import * as updateCommerceSettings from './updateCommerceSettings.operation';
import * as verifyCode from './verifyCode.operation';

export const operations: Record<string, OperationModule> = {
	getAll,
	get,
	getBusinessProfile,
	updateBusinessProfile,
	downloadProfilePicture,
	addPhoneNumber,
	requestCode,
	verifyCode,
	register,
	deregister,
	setTwoStepPin,
	blockUser,
	unblockUser,
	getBlockedUsers,
	getCommerceSettings,
	updateCommerceSettings,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['sender'] } },
		options: [
			{
				name: 'Add Phone Number',
				value: 'addPhoneNumber',
				description: 'Add a phone number to the WhatsApp Business Account and request its verification code',
				action: 'Add a phone number',
			},
			{
				name: 'Block User',
				value: 'blockUser',
				description: 'Block a user who wrote in the last 24 hours: they can no longer message this number, nor it them',
				action: 'Block a user',
			},
			{
				name: 'Deregister',
				value: 'deregister',
				description: 'Deregister a phone number from the Cloud API',
				action: 'Deregister a phone number',
			},
			{
				name: 'Download Profile Picture',
				value: 'downloadProfilePicture',
				description: 'Download the business profile picture into a binary field',
				action: 'Download a profile picture',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a phone number\'s status, quality rating, throughput and messaging limit',
				action: 'Get a phone number',
			},
			{
				name: 'Get Blocked Users',
				value: 'getBlockedUsers',
				description: 'List the users this number has blocked',
				action: 'Get blocked users',
			},
			{
				name: 'Get Business Profile',
				value: 'getBusinessProfile',
				description: 'Get the about text, address, description, email, vertical, websites and picture URL',
				action: 'Get a business profile',
			},
			{
				name: 'Get Commerce Settings',
				value: 'getCommerceSettings',
				description: 'Whether the number offers a cart and shows the catalog storefront',
				action: 'Get commerce settings',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the phone numbers of the WhatsApp Business Account',
				action: 'Get many phone numbers',
			},
			{
				name: 'Register',
				value: 'register',
				description: 'Register a verified phone number for the Cloud API',
				action: 'Register a phone number',
			},
			{
				name: 'Request Code',
				value: 'requestCode',
				description: 'Ask Meta to send the verification code again by SMS or voice call',
				action: 'Request a verification code',
			},
			{
				name: 'Set Two-Step PIN',
				value: 'setTwoStepPin',
				description: 'Set or change the two-step verification PIN',
				action: 'Set the two step verification PIN',
			},
			{
				name: 'Unblock User',
				value: 'unblockUser',
				description: 'Unblock a user, so they and this number can message each other again',
				action: 'Unblock a user',
			},
			{
				name: 'Update Business Profile',
				value: 'updateBusinessProfile',
				description: 'Change the business profile, including its picture',
				action: 'Update a business profile',
			},
			{
				name: 'Update Commerce Settings',
				value: 'updateCommerceSettings',
				description: 'Turn the cart and the catalog storefront on or off for the number',
				action: 'Update commerce settings',
			},
			{
				name: 'Verify Code',
				value: 'verifyCode',
				description: 'Verify the phone number with the code Meta sent',
				action: 'Verify a phone number',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
	...get.description,
	...getBusinessProfile.description,
	...updateBusinessProfile.description,
	...downloadProfilePicture.description,
	...addPhoneNumber.description,
	...requestCode.description,
	...verifyCode.description,
	...register.description,
	...deregister.description,
	...setTwoStepPin.description,
	...blockUser.description,
	...unblockUser.description,
	...getBlockedUsers.description,
	...getCommerceSettings.description,
	...updateCommerceSettings.description,
];
