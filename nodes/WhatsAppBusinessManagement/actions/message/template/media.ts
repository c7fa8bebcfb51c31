/**
 * Media slots (header image, video or document, of the template or a carousel card): checking an
 * input binary field against Meta's media table, and turning each value into a media ID or link,
 * uploading binary files to the sender's number first.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { binaryInput } from '../../common/binaryInput';
import { baseMimeType } from '../../common/fileTypes';
import type { ParameterProblem } from '../../common/parameterProblem';
import { uploadMedia } from '../../../../shared/graph';
import { MEDIA_TYPES } from '../../media/graph';
import { mediaUploadProblems } from '../../media/rules';
import type { MediaReference, SlotValues } from './components';
import { slotsOf, type TemplatePlan, type TemplateSlot } from './plan';
import { mediaSourceOf, VARIABLES_FIELD } from './rules';

const mediaSlots = (plan: TemplatePlan) => slotsOf(plan).filter((slot) => slot.kind === 'media');

/** A binary field's file must be of the header's kind and within WhatsApp's size limit for it. */
async function binaryProblems(this: IExecuteFunctions, itemIndex: number, slot: TemplateSlot, property: string): Promise<ParameterProblem[]> {
	const input = await binaryInput.call(this, itemIndex, property);
	if (!input) return [];
	const field = `${VARIABLES_FIELD} > ${slot.label}`;
	const mimeType = baseMimeType(input.binary.mimeType ?? '');
	// https://developers.facebook.com/documentation/business-messaging/whatsapp/business-phone-numbers/media#supported-media-types
	if (MEDIA_TYPES[mimeType] !== slot.mediaType) {
		const allowed = Object.keys(MEDIA_TYPES).filter((type) => MEDIA_TYPES[type] === slot.mediaType);
		return [{ field, component: slot.component, rule: `binary field "${property}" holds ${mimeType || 'a file of unknown type'}; ${slot.mediaType === 'image' ? 'an' : 'a'} ${slot.mediaType} header takes ${allowed.join(', ')}` }];
	}
	return mediaUploadProblems({ mimeType, size: input.size }).map((problem) => ({ ...problem, field, component: slot.component }));
}

/** Problems of the item's binary media files, before anything is uploaded. */
export async function mediaFileProblems(this: IExecuteFunctions, itemIndex: number, plan: TemplatePlan, values: SlotValues): Promise<ParameterProblem[]> {
	const problems: ParameterProblem[] = [];
	for (const slot of mediaSlots(plan)) {
		const source = mediaSourceOf(values[slot.id]);
		if (source.kind === 'binary' && source.property) problems.push(...(await binaryProblems.call(this, itemIndex, slot, source.property)));
	}
	return problems;
}

/** The values with every media slot as a media ID or link; binary files are uploaded to the sender first. */
export async function resolveMedia(this: IExecuteFunctions, itemIndex: number, plan: TemplatePlan, values: SlotValues, phoneNumberId: string): Promise<SlotValues> {
	const resolved: SlotValues = { ...values };
	for (const slot of mediaSlots(plan)) {
		const source = mediaSourceOf(values[slot.id]);
		let reference: MediaReference;
		if (source.kind === 'id') reference = { id: source.id };
		else if (source.kind === 'link') reference = { link: source.link };
		else {
			const binary = this.getInputData()[itemIndex].binary![source.property];
			const data = await this.helpers.getBinaryDataBuffer(itemIndex, source.property);
			const fileName = binary.fileName || `${slot.mediaType}`;
			const id = await uploadMedia.call(this, phoneNumberId, { data, fileName, mimeType: baseMimeType(binary.mimeType) }, itemIndex);
			// A document header shows its file name in the chat.
			reference = slot.mediaType === 'document' && binary.fileName ? { id, filename: binary.fileName } : { id };
		}
		resolved[slot.id] = reference;
	}
	return resolved;
}
