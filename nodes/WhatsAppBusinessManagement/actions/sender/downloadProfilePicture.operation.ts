import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { downloadToBinary } from '../../../shared/graph/download';
import { binaryPropertyNameOf, outputBinaryField, outputBinaryFieldProblems } from '../common/binaryField';
import { mediaFileName } from '../common/fileTypes';
import type { ParameterProblem } from '../common/parameterProblem';
import { phoneNumberIdOf, phoneNumberLocator, phoneNumberProblems } from '../common/phoneNumberLocator';
import { showFor } from './fields';
import { fetchBusinessProfile } from './graph';

export const description: INodeProperties[] = [
	phoneNumberLocator('sender', ['downloadProfilePicture']),
	outputBinaryField('the picture', showFor('downloadProfilePicture')),
];

export function validate(this: IExecuteFunctions, itemIndex: number): ParameterProblem[] {
	return [...phoneNumberProblems.call(this, itemIndex), ...outputBinaryFieldProblems(this, itemIndex)];
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData> {
	const phoneNumberId = phoneNumberIdOf.call(this, itemIndex);
	const propertyName = binaryPropertyNameOf(this, itemIndex);
	const profile = await fetchBusinessProfile.call(this, phoneNumberId, itemIndex, ['profile_picture_url']);
	const url = typeof profile.profile_picture_url === 'string' ? profile.profile_picture_url : '';
	if (!url) {
		throw new NodeOperationError(this.getNode(), `Phone number ${phoneNumberId} has no profile picture`, {
			itemIndex,
			description: 'Set one with Sender > Update Business Profile > Profile Picture.',
		});
	}
	// The picture is a public CDN link: the access token is not sent with it.
	const result = await downloadToBinary.call(this, { url, fileName: 'profile-picture', authenticate: false, itemIndex });
	if (result.expired) {
		throw new NodeOperationError(this.getNode(), `The profile picture of phone number ${phoneNumberId} answered 404`, {
			itemIndex,
			description: 'The link Meta gave is gone. Run again to get a fresh one.',
		});
	}
	result.binary.fileName = mediaFileName(`profile-picture-${phoneNumberId}`, result.binary.mimeType);
	return {
		json: {
			phone_number_id: phoneNumberId,
			mime_type: result.binary.mimeType,
			file_size: result.size,
			sha256: result.sha256,
			file_name: result.binary.fileName,
		},
		binary: { [propertyName]: result.binary },
	};
}
