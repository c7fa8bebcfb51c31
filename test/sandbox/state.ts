/**
 * The sandbox's in-memory WhatsApp Business Account. Each route module reads and writes these
 * records; tests seed them through `sandbox.seed()` or `POST /__sandbox/seed`.
 */

export interface SequenceRecord {
	sequence_id: string;
	name: string;
	/** Stored as Meta returns it: a JSON-encoded string. */
	welcome_message_sequence: string;
	is_used_in_ad: boolean;
	last_update_time: string;
}

export interface TemplateRecord {
	id: string;
	name: string;
	language: string;
	category: string;
	status: string;
	components: Array<Record<string, unknown>>;
	parameter_format?: string;
	sub_category?: string;
	quality_score?: { score: string; date?: number };
	message_send_ttl_seconds?: number;
	rejected_reason?: string;
	previous_category?: string;
	/** Epoch milliseconds of each edit, for Meta's 1-per-24h / 10-per-30-days rule. */
	edit_times: number[];
	created_time: number;
}

export interface FlowRecord {
	id: string;
	name: string;
	status: string;
	categories: string[];
	validation_errors: Array<Record<string, unknown>>;
	json_version?: string;
	data_api_version?: string;
	endpoint_uri?: string;
	/** The FLOW_JSON asset as uploaded (a JSON string). */
	flow_json?: string;
	preview?: { preview_url: string; expires_at: string };
	health_status?: Record<string, unknown>;
	application?: { id: string; name: string; link?: string };
	created_time: number;
	/** Epoch milliseconds of the last change (served as `updated_at`). */
	updated_time?: number;
	/** Secret part of the flow.json download link; a new upload mints a new one. */
	asset_token?: string;
}

export interface MediaRecord {
	id: string;
	phone_number_id: string;
	mime_type: string;
	sha256: string;
	file_size: number;
	file_name?: string;
	data: Buffer;
	created_time: number;
}

export interface BusinessProfileRecord {
	about?: string;
	address?: string;
	description?: string;
	email?: string;
	vertical?: string;
	websites?: string[];
	profile_picture_handle?: string;
	profile_picture_url?: string;
	/** Bytes behind profile_picture_url, served by the sandbox. */
	profile_picture?: { data: Buffer; mime_type: string };
}

export interface PhoneNumberRecord {
	id: string;
	cc: string;
	phone_number: string;
	display_phone_number: string;
	verified_name: string;
	quality_rating: string;
	status: string;
	name_status: string;
	code_verification_status: string;
	platform_type: string;
	throughput: { level: string };
	whatsapp_business_manager_messaging_limit: string;
	messaging_limit_tier?: string;
	account_mode: string;
	is_pin_enabled: boolean;
	pin?: string;
	registered: boolean;
	/** Epoch milliseconds of each register/deregister call, for the 10-per-72h rule (133016). */
	registration_attempts: number[];
	/** The code the sandbox "sent" by SMS or voice; tests read it from state. */
	pending_code?: string;
	/**
	 * The number's own callback override (POST /{phone-number-id} with webhook_configuration); Graph
	 * never reads the verify token back, and shows the override as `webhook_configuration.phone_number`.
	 */
	webhook_override?: { override_callback_uri: string; verify_token: string };
	profile: BusinessProfileRecord;
}

export interface UploadSessionRecord {
	id: string;
	file_name: string;
	file_length: number;
	file_type: string;
	data: Buffer;
	handle?: string;
}

export interface SubscribedAppRecord {
	id: string;
	name: string;
	link: string;
	override_callback_uri?: string;
	verify_token?: string;
}

/** The app's webhook subscription of one object (routes/appSubscriptions.ts); Graph never reads the verify token back. */
export interface AppSubscriptionRecord {
	object: string;
	callback_url: string;
	verify_token: string;
	active: boolean;
	include_values: boolean;
	fields: Array<{ name: string; version: string }>;
}

/** A Conversions API dataset and what it received (routes/conversions.ts). */
export interface DatasetRecord {
	id: string;
	name: string;
	wabaId: string;
	/** Events accepted, each with the test_event_code of its request. */
	events: Array<Record<string, unknown>>;
	/** Click IDs Meta refuses for this dataset (a test hook: e.g. clicks on another business's ad). */
	refusedClickIds: string[];
}

export interface SandboxState {
	token: string;
	wabaId: string;
	wabaName: string;
	appId: string;
	appSecret: string;
	/** Whether GET welcome_message_sequences answers a bare array (the guide) or a Graph edge. */
	sequenceListShape: 'array' | 'edge';
	sequences: Map<string, SequenceRecord>;
	templates: Map<string, TemplateRecord>;
	flows: Map<string, FlowRecord>;
	media: Map<string, MediaRecord>;
	phoneNumbers: Map<string, PhoneNumberRecord>;
	uploads: Map<string, UploadSessionRecord>;
	subscribedApps: SubscribedAppRecord[];
	/** The app's webhook subscriptions (`/{app-id}/subscriptions`), one per object. */
	appSubscriptions: AppSubscriptionRecord[];
	/** The app's own callback URL (App Dashboard > WhatsApp > Configuration), when a test sets one. */
	appCallbackUrl?: string;
	/** Handles returned by finished resumable uploads, with what they point at. */
	uploadHandles: Map<string, UploadSessionRecord>;
	/** Templates a WABA may hold: 250 unverified, 6,000 verified with an approved display name. */
	templateLimit: number;
	/** Names of deleted APPROVED templates and when: Meta blocks the name (any language) for 30 days. */
	deletedTemplateNames: Map<string, number>;
	/** Files served without auth under `/samples/<name>` (public URLs a node may download from). */
	publicFiles: Map<string, { data: Buffer; contentType: string }>;
	/** How long a media download URL stays valid (Meta: 5 minutes). */
	mediaUrlTtlMs: number;
	/** Download URLs handed out by `GET /{media-id}`, by their `hash` token; tests may expire them. */
	mediaUrls: Map<string, { mediaId: string; expiresAt: number }>;
	/** Whether callback URLs must be https, as Meta requires; off so local tests can use http. */
	requireHttpsCallbacks: boolean;
	/**
	 * What editing a PUBLISHED flow does. Meta's 2025 lifecycle doc: the flow goes back to DRAFT
	 * (true, the default). WABAs with On-Premises numbers (and Meta's older docs) refuse with 139001.
	 */
	flowEditsRevertToDraft: boolean;
	/** Conversions API datasets by ID (Meta: one per WABA). */
	datasets: Map<string, DatasetRecord>;
}

export interface SandboxIdentity {
	token?: string;
	wabaId?: string;
	wabaName?: string;
	appId?: string;
	appSecret?: string;
}

export const DEFAULT_IDENTITY = {
	token: 'fakesandboxTOKEN0000000000000000000001',
	wabaId: '102290129340398',
	wabaName: 'Sandbox Motors',
	appId: '1234567890123456',
	appSecret: 'sandbox-app-secret-0001',
};

export function createState(identity: SandboxIdentity = {}): SandboxState {
	return {
		token: identity.token ?? DEFAULT_IDENTITY.token,
		wabaId: identity.wabaId ?? DEFAULT_IDENTITY.wabaId,
		wabaName: identity.wabaName ?? DEFAULT_IDENTITY.wabaName,
		appId: identity.appId ?? DEFAULT_IDENTITY.appId,
		appSecret: identity.appSecret ?? DEFAULT_IDENTITY.appSecret,
		sequenceListShape: 'array',
		sequences: new Map(),
		templates: new Map(),
		flows: new Map(),
		media: new Map(),
		phoneNumbers: new Map(),
		uploads: new Map(),
		subscribedApps: [],
		appSubscriptions: [],
		uploadHandles: new Map(),
		templateLimit: 6000,
		deletedTemplateNames: new Map(),
		publicFiles: new Map(),
		mediaUrlTtlMs: 5 * 60_000,
		mediaUrls: new Map(),
		requireHttpsCallbacks: false,
		flowEditsRevertToDraft: true,
		datasets: new Map(),
	};
}

/** What kind of Graph node an ID names, so `/{id}` and `/{id}/{edge}` reach the right handler. */
export type NodeKind = 'waba' | 'app' | 'template' | 'flow' | 'phone' | 'media' | 'upload' | 'dataset';

export function kindOf(state: SandboxState, id: string): NodeKind | undefined {
	if (id === state.wabaId) return 'waba';
	if (id === state.appId) return 'app';
	if (id.startsWith('upload:')) return state.uploads.has(id) ? 'upload' : undefined;
	if (state.templates.has(id)) return 'template';
	if (state.flows.has(id)) return 'flow';
	if (state.phoneNumbers.has(id)) return 'phone';
	if (state.media.has(id)) return 'media';
	if (state.datasets.has(id)) return 'dataset';
	return undefined;
}
