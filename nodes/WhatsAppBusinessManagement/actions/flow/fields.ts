import type { INodePropertyOptions } from 'n8n-workflow';

/** The flow fields a user can choose, sorted by name as n8n's lint requires. */
export const FLOW_FIELD_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Application', value: 'application', description: 'The Meta app connected to the flow' },
	{ name: 'Categories', value: 'categories' },
	{ name: 'Data API Version', value: 'data_api_version', description: 'Version of the data exchange with the endpoint' },
	{ name: 'Endpoint URI', value: 'endpoint_uri' },
	{ name: 'Health Status', value: 'health_status', description: 'Whether the flow can be sent, and what blocks it' },
	{ name: 'JSON Version', value: 'json_version', description: 'The Flow JSON version' },
	{ name: 'Name', value: 'name' },
	{ name: 'Preview', value: 'preview', description: 'A web preview link and its expiry' },
	{ name: 'Status', value: 'status', description: 'DRAFT, PUBLISHED, DEPRECATED, THROTTLED or BLOCKED' },
	{ name: 'Updated At', value: 'updated_at' },
	{ name: 'Validation Errors', value: 'validation_errors' },
	{ name: 'WhatsApp Business Account', value: 'whatsapp_business_account' },
];
