import type { INodePropertyOptions } from 'n8n-workflow';

/** Meta's flow categories as n8n options, sorted by name. */
export const FLOW_CATEGORY_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Appointment Booking', value: 'APPOINTMENT_BOOKING' },
	{ name: 'Contact Us', value: 'CONTACT_US' },
	{ name: 'Customer Support', value: 'CUSTOMER_SUPPORT' },
	{ name: 'Lead Generation', value: 'LEAD_GENERATION' },
	{ name: 'Other', value: 'OTHER' },
	{ name: 'Shopping', value: 'SHOPPING' },
	{ name: 'Sign In', value: 'SIGN_IN' },
	{ name: 'Sign Up', value: 'SIGN_UP' },
	{ name: 'Survey', value: 'SURVEY' },
];
