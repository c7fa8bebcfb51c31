/**
 * Which Meta webhook field carries each of the trigger's events, and which of those fields Meta sends
 * to a WABA's callback override. Meta's "Webhook overrides" page
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/override/) lists
 * the fields an override applies to (messages, smb_message_echoes, history and a few this trigger does
 * not read); every other field always goes to the app's callback URL set in the App Dashboard.
 * Either way Meta sends only the fields the app subscribes to (App Dashboard > WhatsApp >
 * Configuration > Webhook fields, or `/{app-id}/subscriptions`: appSubscription.ts);
 * `subscribed_apps` takes no list of fields.
 */
import type { TriggerEvent } from './index';

const FIELD_OF_EVENT: Record<TriggerEvent, string> = {
	adReferral: 'messages',
	allMessages: 'messages',
	order: 'messages',
	messageStatus: 'messages',
	identityChange: 'messages',
	automaticEvent: 'automatic_events',
	userPreference: 'user_preferences',
	messageEcho: 'smb_message_echoes',
	history: 'history',
	accountAlert: 'account_alerts',
	accountReviewUpdate: 'account_review_update',
	accountUpdate: 'account_update',
	businessCapabilityUpdate: 'business_capability_update',
	flowEvent: 'flows',
	phoneNumberNameUpdate: 'phone_number_name_update',
	phoneNumberQualityUpdate: 'phone_number_quality_update',
	securityUpdate: 'security',
	templateCategoryUpdate: 'template_category_update',
	templateComponentsUpdate: 'message_template_components_update',
	templateQualityUpdate: 'message_template_quality_update',
	templateStatusUpdate: 'message_template_status_update',
};

/** The fields of FIELD_OF_EVENT that Meta delivers to a WABA's override_callback_uri. */
export const OVERRIDE_ROUTED_FIELDS: readonly string[] = ['messages', 'smb_message_echoes', 'history'];

export interface WebhookFields {
	/** Every field the selected events need ticked in the App Dashboard. */
	all: string[];
	/** Those Meta sends to the callback override this trigger sets on activation. */
	viaOverride: string[];
	/** Those Meta sends only to the app's own callback URL (the dashboard's Callback URL). */
	viaAppCallback: string[];
}

/** The Meta webhook fields of the selected events, in the order of the selection. */
export function webhookFieldsOf(events: readonly string[]): WebhookFields {
	const all = [...new Set(events.map((event) => (Object.prototype.hasOwnProperty.call(FIELD_OF_EVENT, event) ? FIELD_OF_EVENT[event as TriggerEvent] : undefined)).filter((field): field is string => field !== undefined))];
	return {
		all,
		viaOverride: all.filter((field) => OVERRIDE_ROUTED_FIELDS.includes(field)),
		viaAppCallback: all.filter((field) => !OVERRIDE_ROUTED_FIELDS.includes(field)),
	};
}
