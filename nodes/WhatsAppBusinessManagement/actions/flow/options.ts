/** Meta's flow values as n8n options, sorted by name as n8n's lint requires. */
import type { INodePropertyOptions } from 'n8n-workflow';

import { byName, optionsOf } from '../common/valueOptions';
import { FLOW_CATEGORIES, FLOW_FIELDS, type FlowField } from './graph';

/** Flow categories: `APPOINTMENT_BOOKING` shows as "Appointment Booking". */
export const FLOW_CATEGORY_OPTIONS = optionsOf(FLOW_CATEGORIES);

/** How each flow field is shown; typed by FLOW_FIELDS, so a field Meta adds there needs a label here. */
const FLOW_FIELD_LABELS: Record<FlowField, { name: string; description?: string }> = {
	application: { name: 'Application', description: 'The Meta app connected to the flow' },
	categories: { name: 'Categories' },
	data_api_version: { name: 'Data API Version', description: 'Version of the data exchange with the endpoint' },
	endpoint_uri: { name: 'Endpoint URI' },
	health_status: { name: 'Health Status', description: 'Whether the flow can be sent, and what blocks it' },
	json_version: { name: 'JSON Version', description: 'The Flow JSON version' },
	name: { name: 'Name' },
	preview: { name: 'Preview', description: 'A web preview link and its expiry' },
	status: { name: 'Status', description: 'DRAFT, PUBLISHED, DEPRECATED, THROTTLED or BLOCKED' },
	updated_at: { name: 'Updated At' },
	validation_errors: { name: 'Validation Errors' },
	whatsapp_business_account: { name: 'WhatsApp Business Account' },
};

/** The flow fields a user can choose. */
export const FLOW_FIELD_OPTIONS: INodePropertyOptions[] = FLOW_FIELDS.map((value) => ({ ...FLOW_FIELD_LABELS[value], value })).sort(byName);
