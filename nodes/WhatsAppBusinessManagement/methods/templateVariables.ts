import type { FieldType, ILoadOptionsFunctions, ResourceMapperField, ResourceMapperFields } from 'n8n-workflow';

import { readTemplatePlan } from '../actions/message/template/definition';
import { slotsOf, type TemplateSlot } from '../actions/message/template/plan';

const FIELD_TYPES: Partial<Record<TemplateSlot['kind'], FieldType>> = { latitude: 'number', longitude: 'number', expiration: 'dateTime' };

/**
 * The resource mapper's fields have no placeholder, so the template's example goes into the label:
 * `Body {{first_name}} (e.g. Maria)`.
 */
function fieldOf(slot: TemplateSlot): ResourceMapperField {
	const notes = [slot.example ? `e.g. ${slot.example}` : '', slot.required ? '' : 'optional'].filter(Boolean);
	return {
		id: slot.id,
		displayName: notes.length ? `${slot.label} (${notes.join(', ')})` : slot.label,
		required: slot.required,
		defaultMatch: false,
		canBeUsedToMatch: false,
		display: true,
		type: FIELD_TYPES[slot.kind] ?? 'string',
	};
}

/** Backs Message > Send Template's Template Variables: one field per value the picked template takes. */
export async function getTemplateVariables(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const templateId = String(this.getNodeParameter('templateId', '', { extractValue: true }) ?? '').trim();
	if (!/^\d+$/.test(templateId)) return { fields: [], emptyFieldsNotice: 'Pick a template first: its variables appear here.' };
	const plan = await readTemplatePlan(this, templateId);
	const fields = slotsOf(plan).map(fieldOf);
	if (fields.length) return { fields };
	return { fields, emptyFieldsNotice: `Template "${plan.name}" (${plan.language}) has no variables: it is sent as it is.` };
}
