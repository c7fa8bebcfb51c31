/**
 * The non-template message objects of Meta's Cloud API messages reference
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/reference/whatsapp-business-phone-number/message-api):
 * text, media (image, video, audio, document, sticker by `id` or `link`), location, contacts and
 * reaction. Limits are the reference's: text 4096 characters, captions 1024.
 */
import type { SandboxState } from '../state';
import { messagingErrors } from './errors';
import { type Json, isObject, optionalString, present, requireArray, requireNumber, requireObject, requireString, requireUrl } from './fields';

export const MEDIA_TYPES = ['image', 'video', 'audio', 'document', 'sticker'] as const;
const CAPTIONED = new Set(['image', 'video', 'document']);
/** What each media type accepts, from Meta's supported-media table (media reference). */
const MEDIA_MIME: Record<string, RegExp> = {
	image: /^image\/(jpeg|png)$/,
	video: /^video\/(mp4|3gpp)$/,
	audio: /^audio\/(aac|amr|mpeg|mp4|ogg)/,
	document: /^(application|text)\//,
	sticker: /^image\/webp$/,
};

export function checkText(body: Json): void {
	const text = requireObject(body.text, 'text');
	requireString(text.body, 'text.body', 4096);
	if (text.preview_url !== undefined && typeof text.preview_url !== 'boolean') throw messagingErrors.valueInvalid("Parameter 'text.preview_url' must be a boolean.");
}

/** One media object: exactly one of `id` (uploaded to this number) or `link` (a public URL). */
export function checkMediaObject(state: SandboxState, type: string, value: unknown, path: string, phoneNumberId?: string): void {
	const media = requireObject(value, path);
	if (present(media.id) === present(media.link)) throw messagingErrors.valueInvalid(`Parameter '${path}' needs exactly one of id or link.`);
	if (present(media.id)) {
		const record = state.media.get(String(media.id));
		if (!record || (phoneNumberId && record.phone_number_id !== phoneNumberId && record.phone_number_id !== '')) {
			throw messagingErrors.valueInvalid(`Parameter '${path}.id': media ${String(media.id)} was not uploaded by this phone number.`);
		}
		if (MEDIA_MIME[type] && !MEDIA_MIME[type].test(record.mime_type)) {
			throw messagingErrors.valueInvalid(`Parameter '${path}.id': media of type ${record.mime_type} can't be sent as ${type}.`);
		}
	} else requireUrl(media.link, `${path}.link`);
	if (CAPTIONED.has(type)) optionalString(media.caption, `${path}.caption`, 1024);
	else if (media.caption !== undefined) throw messagingErrors.valueInvalid(`Parameter '${path}.caption' is not allowed for ${type} messages.`);
	if (type === 'document') optionalString(media.filename, `${path}.filename`, 240);
	else if (media.filename !== undefined) throw messagingErrors.valueInvalid(`Parameter '${path}.filename' is only for documents.`);
}

export function checkLocation(value: unknown, path: string): void {
	const location = requireObject(value, path);
	requireNumber(location.latitude, `${path}.latitude`, -90, 90);
	requireNumber(location.longitude, `${path}.longitude`, -180, 180);
	optionalString(location.name, `${path}.name`, 1000);
	optionalString(location.address, `${path}.address`, 1000);
}

export function checkContacts(body: Json): void {
	const contacts = requireArray(body.contacts, 'contacts', 1, 257);
	contacts.forEach((contact, index) => {
		const entry = requireObject(contact, `contacts[${index}]`);
		const name = requireObject(entry.name, `contacts[${index}].name`);
		requireString(name.formatted_name, `contacts[${index}].name.formatted_name`);
		for (const list of ['phones', 'emails', 'urls', 'addresses']) {
			if (entry[list] !== undefined && !Array.isArray(entry[list])) throw messagingErrors.valueInvalid(`Parameter 'contacts[${index}].${list}' must be an array.`);
		}
	});
}

/** A reaction names the message it reacts to; an empty emoji removes the reaction. */
export function checkReaction(body: Json): void {
	const reaction = requireObject(body.reaction, 'reaction');
	requireString(reaction.message_id, 'reaction.message_id');
	if (typeof reaction.emoji !== 'string') throw messagingErrors.requiredMissing("Parameter 'reaction.emoji' is required.");
	if ([...reaction.emoji].length > 1 && !/^\p{Extended_Pictographic}/u.test(reaction.emoji)) {
		throw messagingErrors.valueInvalid("Parameter 'reaction.emoji' must be a single emoji.");
	}
}

export function checkContext(body: Json): void {
	if (body.context === undefined) return;
	if (!isObject(body.context)) throw messagingErrors.valueInvalid("Parameter 'context' must be an object.");
	const id = requireString(body.context.message_id, 'context.message_id');
	if (!/^wamid\./.test(id)) throw messagingErrors.valueInvalid("Parameter 'context.message_id' must be a WhatsApp message ID (wamid.…).");
}
