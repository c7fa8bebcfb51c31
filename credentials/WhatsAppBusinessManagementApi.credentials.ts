import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/**
 * One credential for the action node and the trigger: n8n's community lint allows a single
 * credential type per node, and the trigger needs both the token (to manage the WABA's webhook
 * subscription) and the App Secret (to verify webhook signatures).
 */
export class WhatsAppBusinessManagementApi implements ICredentialType {
	name = 'whatsAppBusinessManagementApi';

	displayName = 'WhatsApp Business Management API';

	documentationUrl =
		'https://github.com/n8n-nodes-whatsapp-business-management/n8n-nodes-whatsapp-business-management/blob/main/README.md#the-credential-where-each-field-comes-from';

	icon = 'file:whatsAppBusinessManagement.svg' as const;

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'A System User access token with the whatsapp_business_management and whatsapp_business_messaging permissions. Create it in Meta Business Settings > Users > System Users > Generate New Token.',
		},
		{
			displayName: 'WhatsApp Business Account ID',
			name: 'businessAccountId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '102290129340398',
			description:
				'The WABA ID. Find it in WhatsApp Manager > Account tools > Phone numbers (shown above the list), or in the App Dashboard under WhatsApp > API Setup.',
		},
		{
			displayName: 'Graph API Version',
			name: 'apiVersion',
			type: 'string',
			default: 'v25.0',
			required: true,
			placeholder: 'v25.0',
			description:
				'The Graph API version to call, such as v25.0. Meta lists supported versions in its Graph API changelog.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://graph.facebook.com',
			description:
				'Where the Graph API is reached. Keep the default unless you go through a proxy or a local sandbox. It must start with https:// (http:// only for localhost, 127.x.x.x or [::1]), since the access token travels with every request.',
		},
		{
			displayName: 'App ID',
			name: 'appId',
			type: 'string',
			default: '',
			description:
				'Optional. Your Meta App ID (App Dashboard > App settings > Basic). Needed to upload template header samples and profile pictures through the Resumable Upload API, and for the trigger option Subscribe App Webhook Fields.',
		},
		{
			displayName: 'App Secret',
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Optional. Your Meta App Secret (App Dashboard > App settings > Basic > App secret > Show). The trigger uses it to verify the X-Hub-Signature-256 of every webhook.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.accessToken}}',
			},
		},
	};

	/**
	 * Graph answers a failed test with a 4xx and `{error: {code, type}}`. The test reads that body
	 * (ignoreHttpStatusErrors) rather than the status: n8n 1.x's credential tester does not reach
	 * `responseCode` rules for requests that fail, so they would show n8n's generic "Authorization
	 * failed" instead of what to do. The `type` rules catch every other Graph error, which would
	 * otherwise pass as "Connection successful".
	 */
	test: ICredentialTestRequest = {
		request: {
			// The nodes' rule (nodes/shared/graph/credentials.ts): https, or http to this machine. Any other
			// Base URL becomes a non-URL, so the test fails ("Invalid URL") before a byte is sent.
			baseURL:
				'={{ (() => { const base = ($credentials.baseUrl || "https://graph.facebook.com").trim().replace(/\\/+$/, ""); if (/^https:\\/\\/[^\\/]/i.test(base) || /^http:\\/\\/(localhost|127(\\.\\d{1,3}){3}|\\[::1\\])(:\\d+)?(\\/|$)/i.test(base)) return base; return "Base URL must start with https:// (http:// only for localhost, 127.x.x.x or [::1])"; })() }}/{{$credentials.apiVersion}}',
			url: '=/{{$credentials.businessAccountId}}',
			qs: { fields: 'id,name' },
			ignoreHttpStatusErrors: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error.code',
					value: 190,
					message:
						'Meta rejected the access token (error 190): it is wrong, expired or revoked. Generate a new System User token in Meta Business Settings > Users > System Users.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error.code',
					value: 200,
					message:
						'The token has no access to this WhatsApp Business Account (error 200). Assign the WABA to the System User with full control and grant whatsapp_business_management.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error.code',
					value: 10,
					message:
						'The token lacks a permission this account needs (error 10). Grant whatsapp_business_management to the System User token.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error.code',
					value: 100,
					message:
						'Meta could not find this WhatsApp Business Account ID for the token (error 100). Check the WABA ID in WhatsApp Manager and that the token belongs to the same business.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error.type',
					value: 'OAuthException',
					message: 'Meta refused the request (OAuthException). Check the access token, its permissions and the WABA ID.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error.type',
					value: 'GraphMethodException',
					message: 'Meta could not read this WhatsApp Business Account with the token. Check the WABA ID and that the token belongs to the same business.',
				},
			},
		],
	};
}
