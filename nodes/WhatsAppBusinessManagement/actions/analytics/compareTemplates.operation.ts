import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { graphRequest } from '../../../shared/graph';
import { compareCall } from './build';
import { nowSeconds, readLocatorValue, show, templatePicker } from './fields';
import { COMPARE_MINIMUM_SENDS, COMPARE_TIMEFRAME_DAYS, checkCompare, type ParameterProblem } from './rules';
import { comparisonRows } from './shape';

const OPERATION = 'compareTemplates';

export const description: INodeProperties[] = [
	templatePicker(OPERATION, 'templateId', 'Template', 'The template to compare'),
	templatePicker(OPERATION, 'otherTemplateId', 'Compare With', 'The second template, in the same WhatsApp Business Account'),
	{
		displayName: 'Timeframe',
		name: 'timeframeDays',
		type: 'options',
		options: COMPARE_TIMEFRAME_DAYS.map((days) => ({ name: `Last ${days} Days`, value: days })),
		default: 30,
		description: `Meta compares over a lookback of 7, 30, 60 or 90 days ending now; each template must have been sent at least ${COMPARE_MINIMUM_SENDS.toLocaleString('en-US')} times in it`,
		displayOptions: { show: show(OPERATION) },
	},
];

function readParameters(this: IExecuteFunctions, itemIndex: number) {
	return {
		templateId: readLocatorValue.call(this, 'templateId', itemIndex),
		otherTemplateId: readLocatorValue.call(this, 'otherTemplateId', itemIndex),
		timeframeDays: Number(this.getNodeParameter('timeframeDays', itemIndex, 30)),
	};
}

export function validate(this: IExecuteFunctions, itemIndex: number): ParameterProblem[] {
	return checkCompare(readParameters.call(this, itemIndex));
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const parameters = readParameters.call(this, itemIndex);
	const call = compareCall(parameters.templateId, parameters.otherTemplateId, parameters.timeframeDays, nowSeconds());
	const body = (await graphRequest.call(this, { method: 'GET', path: call.path, qs: call.qs, itemIndex })) as IDataObject;
	return comparisonRows(body, [parameters.templateId, parameters.otherTemplateId], {
		start: call.qs.start as number,
		end: call.qs.end as number,
	});
}
