import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { graphPaginate } from '../../../shared/graph';
import { templateAnalyticsCalls } from './build';
import { accountQuery, dateRangeFields, nowSeconds, readLocatorValue, show, templatePicker } from './fields';
import {
	TEMPLATE_ANALYTICS_LOOKBACK_DAYS,
	TEMPLATE_METRICS,
	checkTemplateAnalytics,
	parseTemplateIds,
	type ParameterProblem,
} from './rules';
import { templateAnalyticsRows, type TemplateLabel } from './shape';

const OPERATION = 'getTemplateAnalytics';
// Meta documents cursor paging on template_analytics but no largest page; 1,000 data points holds
// 10 templates x 90 days in one page.
const ANALYTICS_PAGE_SIZE = 1000;
const TEMPLATE_LIST_PAGE_SIZE = 100;

export const description: INodeProperties[] = [
	{
		displayName: 'Templates',
		name: 'templateSource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'One Template', value: 'picker', description: 'Pick a template from the list or paste its ID' },
			{ name: 'Template IDs', value: 'ids', description: 'A list of template IDs; more than 10 are split into several calls' },
		],
		default: 'picker',
		displayOptions: { show: show(OPERATION) },
	},
	{
		...templatePicker(OPERATION, 'templateId', 'Template', 'The template to report on'),
		displayOptions: { show: { ...show(OPERATION), templateSource: ['picker'] } },
	},
	{
		displayName: 'Template IDs',
		name: 'templateIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 1689556908129832, 954638012257287',
		description: 'Comma-separated template IDs, or an expression giving an array of them',
		displayOptions: { show: { ...show(OPERATION), templateSource: ['ids'] } },
	},
	...dateRangeFields(OPERATION, TEMPLATE_ANALYTICS_LOOKBACK_DAYS),
	{
		displayName: 'Metrics',
		name: 'metrics',
		type: 'multiOptions',
		options: [
			{ name: 'Clicked (Per Button)', value: 'CLICKED' },
			{ name: 'Cost', value: 'COST' },
			{ name: 'Delivered', value: 'DELIVERED' },
			{ name: 'Read', value: 'READ' },
			{ name: 'Sent', value: 'SENT' },
		],
		default: [...TEMPLATE_METRICS],
		description: 'Which figures Meta returns. Button clicks exist only for marketing and utility templates.',
		displayOptions: { show: show(OPERATION) },
	},
];

function readParameters(this: IExecuteFunctions, itemIndex: number) {
	const source = this.getNodeParameter('templateSource', itemIndex, 'picker') as string;
	return {
		templateIds: source === 'ids' ? this.getNodeParameter('templateIds', itemIndex, '') : readLocatorValue.call(this, 'templateId', itemIndex),
		templateField: source === 'ids' ? 'Template IDs' : 'Template',
		start: this.getNodeParameter('start', itemIndex, ''),
		end: this.getNodeParameter('end', itemIndex, ''),
		metrics: this.getNodeParameter('metrics', itemIndex, [...TEMPLATE_METRICS]) as string[],
		nowSeconds: nowSeconds(),
		lookbackDays: TEMPLATE_ANALYTICS_LOOKBACK_DAYS,
	};
}

export function validate(this: IExecuteFunctions, itemIndex: number): ParameterProblem[] {
	return checkTemplateAnalytics(readParameters.call(this, itemIndex));
}

/** Name and language of the WABA's templates, to put beside each ID (one paged list call). */
async function templateLabels(this: IExecuteFunctions, businessAccountId: string, itemIndex: number): Promise<Map<string, TemplateLabel>> {
	const templates = await graphPaginate.call(this, {
		path: `/${businessAccountId}/message_templates`,
		qs: { fields: 'id,name,language' },
		returnAll: true,
		maxPageSize: TEMPLATE_LIST_PAGE_SIZE,
		itemIndex,
	});
	return new Map(templates.map((t) => [String(t.id), { name: t.name as string, language: t.language as string }]));
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const query = await accountQuery(this, readParameters.call(this, itemIndex));
	const { ids } = parseTemplateIds(query.templateIds);
	const calls = templateAnalyticsCalls({ ...query, templateIds: ids });
	const entries: IDataObject[] = [];
	for (const call of calls) {
		entries.push(...(await graphPaginate.call(this, { path: call.path, qs: call.qs, returnAll: true, maxPageSize: ANALYTICS_PAGE_SIZE, itemIndex })));
	}
	const labels = await templateLabels.call(this, query.businessAccountId, itemIndex);
	return templateAnalyticsRows(entries, labels, ids);
}
