import type { INodePropertyOptions } from 'n8n-workflow';

/** `APPOINTMENT_BOOKING` -> `Appointment Booking`. */
export function titleCase(value: string): string {
	return value
		.toLowerCase()
		.split('_')
		.map((word) => word[0].toUpperCase() + word.slice(1))
		.join(' ');
}

export const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name);

/** Meta's upper-case values as n8n options named in title case, sorted by name as n8n's lint requires. */
export function optionsOf(values: readonly string[]): INodePropertyOptions[] {
	return values.map((value) => ({ name: titleCase(value), value })).sort(byName);
}
