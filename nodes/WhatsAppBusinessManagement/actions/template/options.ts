/** Meta's template values as n8n options. */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { optionsOf } from '../common/valueOptions';
import { QUALITY_SCORES, TEMPLATE_CATEGORIES, TEMPLATE_STATUSES } from './graph';

/** Template fields Graph can return (Meta's whats-app-business-hsm reference). */
export const TEMPLATE_FIELD_OPTIONS: INodePropertyOptions[] = [
	'category',
	'components',
	'correct_category',
	'cta_url_link_tracking_opted_out',
	'id',
	'language',
	'library_template_name',
	'message_send_ttl_seconds',
	'name',
	'parameter_format',
	'previous_category',
	'quality_score',
	'rejected_reason',
	'status',
	'sub_category',
].map((field) => ({ name: field, value: field }));

/** Template > Get and Get Many's `fields` option: the same Graph selection on a template and on the list. */
export const templateFieldsOption: INodeProperties = {
	displayName: 'Fields',
	name: 'fields',
	type: 'multiOptions',
	options: TEMPLATE_FIELD_OPTIONS,
	default: [],
	description: 'Which template fields Meta returns. Leave empty for Meta\'s default set.',
};

export const TEMPLATE_CATEGORY_OPTIONS = optionsOf(TEMPLATE_CATEGORIES);
export const TEMPLATE_STATUS_OPTIONS = optionsOf(TEMPLATE_STATUSES);
export const QUALITY_SCORE_OPTIONS = optionsOf(QUALITY_SCORES);
