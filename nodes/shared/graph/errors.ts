import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/** Graph's error envelope, as documented in Meta's error-codes reference. */
export interface GraphErrorBody {
	message?: string;
	type?: string;
	code?: number;
	error_subcode?: number;
	error_user_title?: string;
	error_user_msg?: string;
	error_data?: { messaging_product?: string; details?: string } | string;
	is_transient?: boolean;
	fbtrace_id?: string;
}

/**
 * What a user can do about each Graph error code this package can meet. The 4027xxx texts are the
 * "possible solutions" of Meta's Welcome Message Sequences guide; the others follow Meta's
 * error-codes reference and the template/flow/registration docs.
 *
 * Sources checked for the codes commented below:
 * - Error codes: https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes
 *   (mirror: kapso-meta-docs/documentation documentation/whatsapp/error-codes.mdx, updated Nov 19, 2025):
 *   133005 "Two step verification PIN Mismatch" ("To reset the PIN, disable two-step verification, then set
 *   a new PIN"), 133006 "Phone number re-verification needed", 133008 "Too Many two step verification PIN
 *   Guesses", 133009 "Two step verification PIN Guessed Too Fast", 133010 "Phone number Not Registered",
 *   133015 "Please wait a few minutes..." ("Wait 5 minutes"), 133016 "Account register deregister rate
 *   limit exceeded"; template creation 2388040, 2388047, 2388072, 2388073,
 *   2388293 "Parameters words ratio exceeds limit", 2388299; 2388019 template limit; message sends 131008 "Required
 *   parameter is missing", 131009 "Parameter value is not valid", 131026 "Message Undeliverable", 131047
 *   "Re-engagement message" ("Send the recipient a business-initiated message using a paid message template"),
 *   131049 ("Meta chose not to deliver"), 131050 ("Unable to deliver the message. This recipient has chosen to
 *   stop receiving marketing messages"), 130472 "User's number is part of an experiment", 131056 "pair rate
 *   limit hit" ("You can still send messages to a different phone number without waiting"), 132000 "Number of
 *   parameters does not match", 132001 "Template does not exist", 132012 "Parameter format does not match".
 * - https://developers.facebook.com/docs/graph-api/reference/whats-app-business-account-to-number-current-status/request_code/:
 *   136024 "Request code error".
 * - https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/template-management
 *   ("Delete templates > Limitations"): a deleted APPROVED template's name can't be reused for 30 days.
 */
export const GRAPH_ERROR_HINTS: Record<number, string> = {
	0: 'Meta could not authenticate the request. Generate a new System User access token and update the credential.',
	1: 'Meta reported an unknown error. Retry later; if it persists, check the request parameters and Meta\'s status page.',
	2: 'Meta\'s service is temporarily down. Retry in a few minutes.',
	3: 'The app lacks the capability for this call. Check that the app has the WhatsApp product added and the needed permissions approved.',
	4: 'The app made too many calls. Wait a few minutes before running again, or lower the node\'s concurrency.',
	10: 'Permission denied. Grant the System User whatsapp_business_management (and whatsapp_business_messaging for media) on this WhatsApp Business Account.',
	// 15: the app-level edges (/{app-id}/subscriptions) take only the app access token, App ID|App Secret
	// (https://developers.facebook.com/docs/graph-api/reference/app/subscriptions/, "Permissions").
	15: 'This call needs the app access token. Check that the credential\'s App ID and App Secret are filled in and belong to the same Meta app.',
	33: 'The object does not exist or the token cannot see it. Check the ID (a phone number may have been deleted).',
	100: 'A parameter is invalid. Check the values named in the error details.',
	190: 'The access token is invalid or expired. Generate a new System User access token in Meta Business Settings and update the credential.',
	200: 'A permission is missing. Grant the System User the permission named in the error on this WhatsApp Business Account.',
	368: 'Meta blocked this action for a policy violation. Review the account\'s status in WhatsApp Manager; retrying will not help.',
	613: 'Calls to this API exceeded the rate limit. Wait before running again, or lower the node\'s concurrency.',
	80007: 'This WhatsApp Business Account reached its rate limit (200 calls per hour by default, 5,000 with a registered number). Wait and run again.',
	80008: 'Too many calls to this WhatsApp Business Account. Wait and run again.',
	130429: 'Cloud API throughput was reached. Slow down or wait before running again.',
	131031: 'The account is locked, for example after a wrong two-step PIN. Check the PIN, or wait and retry.',
	131048: 'Spam rate limit hit: too many messages were blocked or reported. Improve message quality before retrying.',
	131056: 'Too many messages from this sender to the same recipient in a short time (pair rate limit). This node waited and sent again for that recipient only, as long as its retry wait budget allowed; wait a minute before sending to this recipient again. Messages to other recipients need no wait.',
	// 131008-132012: Meta error-codes reference (see Sources), "Possible solutions" column.
	131008: 'A required parameter is missing from the message. Check the error details for the parameter Meta names.',
	131009: 'A parameter value is not valid. Check the error details for the parameter Meta names (for example a recipient number that is not a valid phone number, or a media ID the sender cannot use).',
	131026: 'Meta could not deliver the message: the number may not be on WhatsApp, the user may not have accepted WhatsApp\'s latest Terms of Service, or may use an old WhatsApp version. Check the number with the user; do not retry automatically.',
	131047: 'More than 24 hours have passed since the user last wrote to this number, so a free-form message cannot be sent. Send an approved template instead (Message > Send Template); once the user answers, free-form messages work again for 24 hours.',
	131049: 'Meta chose not to deliver this marketing message, to keep the user\'s engagement healthy (per-user marketing limit). Do not resend at once; try again later, or send something the user asked for.',
	131050: 'The user has chosen to stop receiving marketing messages from your business. Do not send marketing templates to this user; update your opt-out list (the trigger\'s user_preferences events say when users stop or resume).',
	130472: 'The user\'s number is part of a Meta marketing-message experiment and did not receive this message. Nothing to fix; see Meta\'s "Marketing message experiment" for how such users are chosen.',
	132000: 'The number of template parameters does not match the template. Check the template\'s variables (body, header, buttons) against the values sent; the error details say which component.',
	132001: 'The template does not exist in this language or is not approved. Check the template name and language code, and that its status is APPROVED (Template > Get).',
	132012: 'A template parameter does not have the format the template defines (for example text where a currency, date or media is expected). Check the error details for the parameter.',
	131053: 'Meta could not take the media file: its type or size does not fit WhatsApp\'s table (image 5 MB, audio/video 16 MB, document 100 MB, sticker 100/500 KB), or the type does not match the file.',
	// 131059: UNVERIFIED (not in Meta's error-codes reference, Nov 2025 mirror); issue 14 reads it as a bad paging cursor.
	131059: 'Meta refused the paging cursor (it is malformed, expired or from another query). Run the request again without the paging cursors, from the first page.',
	// 133005-133016: Meta error-codes reference (see Sources).
	133005: 'The PIN does not match the two-step verification PIN of this number. Use the current PIN; to reset it, disable two-step verification, then set a new PIN (in WhatsApp Manager, or Sender > Set Two-Step PIN).',
	133006: 'The phone number must be verified before it can be registered. Request a code (Sender > Request Code), verify it (Sender > Verify Code), then register.',
	133008: 'Too many two-step verification PIN guesses for this number. Wait for the time Meta names in the error details, then try again with the right PIN.',
	133009: 'The two-step verification PIN was entered too quickly after the last try. Read the error details for how long to wait, then try again.',
	133010: 'The phone number is not registered on the WhatsApp Business Platform. Register it (Sender > Register) before this call.',
	133015: 'The number was deleted recently and its deletion has not finished. Wait 5 minutes, then register it again.',
	133016: 'Registration or deregistration was tried too often: Meta allows 10 attempts per number in 72 hours, so this node has not retried it (each try spends one). Wait until the number is unblocked before trying again.',
	2388019: 'The WhatsApp Business Account reached its template limit. Delete unused templates or verify the business to raise the limit.',
	// 2388023 / 2388024: UNVERIFIED subcodes (not in Meta's error-codes reference; public integrations
	// disagree on which is which). The hints state only the documented rules: a name is unique per
	// language, and a deleted APPROVED template's name is blocked for 30 days (template-management).
	2388023: 'Meta refused the name: an APPROVED template with this name was deleted in the last 30 days, and Meta blocks its name for 30 days in every language (or the name already exists in this language). Use another name.',
	2388024: 'A template with this name already exists in this language (or the name belongs to an APPROVED template deleted in the last 30 days). Use another name, add another language, or edit the existing template.',
	2388040: 'A template component exceeds its character limit. Shorten the text named in the error.',
	2388047: 'The template header format is invalid. Check the header type and its example.',
	2388072: 'The template body format is invalid. Check variables and examples.',
	2388073: 'The template footer format is invalid. Keep it plain text of up to 60 characters.',
	// 2388293 "Parameters words ratio exceeds limit": Meta publishes no threshold, so nothing is checked before sending.
	2388293: 'Too many variables for the length of the text. Add words between variables or remove some.',
	2388299: 'A variable starts or ends the template body. Add text before the first and after the last variable.',
	// 136024 "Request code error": documented on the request_code edge reference (see Sources).
	136024: 'Meta could not send a verification code to this number. Check the code method and language, wait, and request a code again.',
	// 136025: UNVERIFIED (no Meta page found that lists it); kept as the verify_code refusal.
	136025: 'The verification code was wrong or has expired. Request a new code (Sender > Request Code) and verify again.',
	139000: 'The flow is blocked by Meta\'s integrity checks. Review the flow in WhatsApp Manager.',
	139001: 'The flow could not be updated. A published flow must be cloned (or moved back to draft) before its JSON or metadata changes.',
	139002: 'Publishing failed. Fix all validation errors; flows with an endpoint also need endpoint_uri, a connected app, a signed public key on a phone number, a healthy endpoint, and the WABA subscribed to the flows webhook field.',
	139003: 'Only a published flow can be deprecated.',
	139004: 'Only draft flows can be deleted. Deprecate the published flow instead.',
	139006: 'Not enough traffic yet for flow metrics. Try again once the flow has more usage.',
	// Block Users API error codes: https://developers.facebook.com/documentation/business-messaging/whatsapp/block-users
	131021: 'A business cannot block its own phone number. Check the user\'s number.',
	139100: 'Meta could not block or unblock some of the users; each user\'s own reason is in the error details.',
	139101: 'The blocklist of this number is full (64,000 users). Unblock users you no longer need to block (Sender > Unblock User), then try again.',
	139102: 'The blocklist changed while it was being listed. Run the list again from the first page.',
	139103: 'Meta had an internal error with the blocklist. Try again.',
	4027001:
		'Invalid input data. Check all the fields and parameters passed into the request are of the correct type and format, and that all required parameters are present.',
	4027005:
		'Unable to create the welcome message sequence. Check that the access token has all the required permissions for the WhatsApp Business Account.',
	4027006:
		'Unable to update the welcome message sequence. Check all fields and the sequence ID for correctness, and that the access token has the necessary permissions for the WhatsApp Business Account.',
	4027007: 'The welcome message sequences API is not available for this account yet. Wait a day or two and try again.',
	4027010: 'A required parameter is missing. Check the documentation and make sure every required parameter is present.',
	4027012:
		'The sequence is linked to an active ad and cannot be updated or deleted. Disconnect the sequence from the ad in Ads Manager (or pause the ad), then try again.',
	4027017:
		'Could not load the sequence: it does not exist or the token has no permission for it. Check the sequence ID and that the token has the required permissions.',
	// 2804003 "Event Timestamp Too Old": the Conversions API refuses the whole request when one event_time
	// is over 7 days old (server-event reference: https://developers.facebook.com/docs/marketing-api/conversions-api/parameters/server-event/).
	2804003: 'An event is more than 7 days old: Meta refused the whole request and recorded none of its events. Leave old conversions out, or send them as they happen.',
	2200: 'Meta could not verify the callback URL: it must be a public HTTPS address Meta can reach, answering the verification GET with the challenge. Check n8n\'s WEBHOOK_URL and that the workflow\'s webhook is registered.',
};

export function hintForCode(code: number | undefined): string | undefined {
	if (code === undefined) return undefined;
	if (GRAPH_ERROR_HINTS[code]) return GRAPH_ERROR_HINTS[code];
	if (code >= 200 && code <= 299) return GRAPH_ERROR_HINTS[200];
	return undefined;
}

/**
 * Credential-shaped text, masked even when the secret is not known: an Authorization value, a
 * query-string token (Graph paging links carry access_token=...), and Meta's token shape (EAA + 30
 * or more base62 characters, as Meta's access-token docs show them).
 */
const CREDENTIAL_PATTERNS: Array<[RegExp, string]> = [
	// A value with a digit, so Meta's own words ("Invalid OAuth access token") stay readable.
	[/\b(Bearer|OAuth)\s+(?=[A-Za-z._~+/=-]*\d)[A-Za-z0-9._~+/=-]{8,}/g, '$1 ***'],
	[/(access_token=)[^&\s"']+/gi, '$1***'],
	[/\bEAA[A-Za-z0-9]{30,}/g, '***'],
];

/**
 * Replaces every occurrence of each secret and every credential-shaped run with a mask, so no
 * error or log line carries one. Redact before cutting text: a cut first can leave part of a token.
 */
export function redact(text: string, secrets: Array<string | undefined>): string {
	let result = text;
	for (const secret of secrets) {
		if (secret && secret.length >= 4) result = result.split(secret).join('***');
	}
	for (const [pattern, mask] of CREDENTIAL_PATTERNS) result = result.replace(pattern, mask);
	return result;
}

function redactDeep<T>(value: T, secrets: Array<string | undefined>): T {
	return JSON.parse(redact(JSON.stringify(value), secrets)) as T;
}

export interface GraphErrorDetails {
	httpStatus: number;
	graphError?: GraphErrorBody;
	rawBody?: string;
	method: string;
	path: string;
	secrets: Array<string | undefined>;
	itemIndex?: number;
	/** What the request loop adds: why it stopped retrying (a long regain wait, retries used up). */
	note?: { message?: string; description?: string };
	/** An operation's own words for a code it knows better than the generic table (see GraphRequestOptions.explain). */
	explain?: Record<number, GraphErrorExplanation>;
}

export interface GraphErrorExplanation {
	/** Replaces the message. */
	message?: string;
	/** Put before the rest of the description. */
	description?: string;
}

/** Turns a failed Graph response into a NodeApiError a workflow builder can act on. */
export function buildGraphApiError(node: INode, details: GraphErrorDetails): NodeApiError {
	const { httpStatus, graphError, method, path, secrets } = details;
	const rawBody = details.rawBody === undefined ? undefined : redact(details.rawBody, secrets);
	const code = graphError?.code;
	// Template refusals come as code 100 with a telling subcode (2388xxx); prefer the subcode's hint.
	const hint = hintForCode(graphError?.error_subcode) ?? hintForCode(code);
	const metaText =
		graphError?.error_user_msg ||
		(graphError?.message ? graphError.message.replace(/^\(#\d+\)\s*/, '') : undefined);
	const detailsText =
		typeof graphError?.error_data === 'object' ? graphError.error_data?.details : graphError?.error_data;

	let message: string;
	if (graphError) {
		message = `Meta error ${code ?? 'unknown'}${graphError.error_subcode ? `/${graphError.error_subcode}` : ''}: ${metaText ?? 'no message'}`;
	} else {
		const snippet = (rawBody ?? '').replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 200);
		message = `Graph API answered HTTP ${httpStatus} without a Graph error body${snippet ? `: ${snippet}` : ''}`;
	}
	if (details.note?.message) message += ` (${details.note.message})`;
	const explanation = code !== undefined ? details.explain?.[code] : undefined;
	if (explanation?.message) message = explanation.message;

	const descriptionParts: string[] = [];
	if (explanation?.description) descriptionParts.push(explanation.description);
	if (hint) descriptionParts.push(hint);
	else if (!graphError && httpStatus >= 500)
		descriptionParts.push('Meta (or a proxy in front of it) failed. Retry later; the request was retried automatically where safe.');
	if (details.note?.description) descriptionParts.push(details.note.description);
	if (detailsText) descriptionParts.push(`Details: ${detailsText}`);
	if (graphError?.error_user_title) descriptionParts.push(`Meta says: ${graphError.error_user_title}`);
	descriptionParts.push(
		`Request: ${method} ${path} · HTTP ${httpStatus}` +
			(code !== undefined ? ` · code ${code}` : '') +
			(graphError?.error_subcode !== undefined ? ` · subcode ${graphError.error_subcode}` : '') +
			(graphError?.fbtrace_id ? ` · fbtrace_id ${graphError.fbtrace_id}` : ''),
	);

	const errorResponse: JsonObject = graphError
		? (redactDeep(graphError, secrets) as unknown as JsonObject)
		: { httpStatus, body: redact((rawBody ?? '').slice(0, 500), secrets) };

	const error = new NodeApiError(node, errorResponse, {
		message: redact(message, secrets),
		description: redact(descriptionParts.join('\n'), secrets),
		httpCode: String(httpStatus),
		itemIndex: details.itemIndex,
	});
	// NodeApiError may swap the message for a generic HTTP-status text; Meta's words are more useful.
	error.message = redact(message, secrets);
	error.context.metaCode = code ?? null;
	error.context.metaSubcode = graphError?.error_subcode ?? null;
	error.context.fbtraceId = graphError?.fbtrace_id ?? null;
	error.context.hint = hint ?? null;
	return error;
}

/** A connection that failed without any HTTP answer, as an error that says whether it may have been carried out. */
export function buildConnectionError(
	node: INode,
	details: {
		message: string;
		errorCode: string;
		method: string;
		path: string;
		attempts: number;
		repeatable: boolean;
		secrets: Array<string | undefined>;
		itemIndex?: number;
		/** Set when no answer came within this timeout. */
		timeoutMs?: number;
		/** Why retrying stopped early (the execution's retry-wait budget). */
		note?: { message?: string; description?: string };
	},
): NodeApiError {
	const text = redact(details.message, details.secrets);
	const request = `Request: ${details.method} ${details.path}. `;
	let message = `Could not reach the Graph API: ${text}`;
	let description = details.repeatable
		? `${request}Tried ${details.attempts} time(s). Check the Base URL in the credential and the network.`
		: `${request}The connection failed after the request was sent, so it was not repeated (it may have been carried out). Check in WhatsApp Manager before running again.`;
	if (details.timeoutMs !== undefined) {
		message = `Meta did not answer within ${details.timeoutMs / 1000} s`;
		description = details.repeatable
			? `${request}Tried ${details.attempts} time(s). Try again later, or raise Timeout in the node's Request Options.`
			: `${request}The request was sent and no answer came in time, so it was not sent again: it may have been carried out; check before retrying (in WhatsApp Manager).`;
	}
	if (details.note?.message) message += ` (${details.note.message})`;
	if (details.note?.description) description += ` ${details.note.description}`;
	const error = new NodeApiError(node, { message: text, code: details.errorCode } as JsonObject, { message, description, itemIndex: details.itemIndex });
	// NodeApiError swaps the message for its own text for known system codes (ECONNABORTED...).
	error.message = message;
	return error;
}
