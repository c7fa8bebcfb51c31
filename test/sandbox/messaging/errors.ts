/**
 * Cloud API send errors with Meta's codes, titles and details, from the error-codes reference
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes).
 * The message is `(#code) Title`; `error_data.details` says what was wrong.
 */
import { GraphError } from '../graph';

const fail = (code: number, title: string, details: string, httpStatus = 400) => new GraphError(code, title, { details, httpStatus });

export const messagingErrors = {
	/** Malformed body: Graph's generic invalid parameter, naming the field. */
	invalid: (details: string) => fail(100, 'Invalid parameter', details),
	requiredMissing: (details: string) => fail(131008, 'Required parameter is missing', details),
	valueInvalid: (details: string) => fail(131009, 'Parameter value is not valid', details),
	unsupportedType: (type: string) => fail(131051, 'Unsupported message type', `Message type ${type} is not supported.`),
	reEngagement: () =>
		fail(
			131047,
			'Re-engagement message',
			'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
		),
	undeliverable: () => fail(131026, 'Message Undeliverable', 'Unable to deliver message. Reasons can include: the recipient phone number is not a WhatsApp phone number.'),
	ecosystem: () => fail(131049, 'This message was not delivered to maintain healthy ecosystem engagement.', 'In order to maintain a healthy ecosystem engagement, the message failed to be delivered.'),
	stoppedMarketing: () =>
		fail(131050, 'Unable to deliver the message. This recipient has chosen to stop receiving marketing messages on WhatsApp from your business.', 'The recipient has stopped marketing messages from your business.'),
	experiment: () => fail(130472, "User's number is part of an experiment", 'Failed to send message because this user\'s phone number is part of an experiment.'),
	throughput: () => fail(130429, 'Rate limit hit', 'Cloud API message throughput has been reached.'),
	pairRate: () =>
		fail(
			131056,
			'(Business Account, Consumer Account) pair rate limit hit',
			'Message failed to send because there were too many messages sent from this phone number to the same phone number in a short period of time.',
		),
	userIdNotSupported: () => fail(131062, 'Business-scoped User ID recipients are not supported for this message.', 'Send this message to the phone number instead.'),
	paramCount: (details: string) => fail(132000, 'Number of parameters does not match the expected number of params', details),
	templateMissing: (name: string, language: string) =>
		fail(132001, 'Template name does not exist in the translation', `template name (${name}) does not exist in ${language}`),
	paramFormat: (details: string) => fail(132012, 'Parameter format does not match format in the created template', details),
	paramIssue: (details: string) => fail(132018, 'There was an issue with the parameters in your template.', details),
	templatePaused: (name: string) => fail(132015, 'Template is Paused', `Template ${name} is paused due to low quality.`),
	templateDisabled: (name: string) => fail(132016, 'Template is Disabled', `Template ${name} is disabled due to low quality.`),
	notMarketing: (name: string) =>
		fail(100, 'Invalid parameter', `Template ${name} is not a MARKETING template; the Marketing Messages API only sends marketing templates.`),
};
