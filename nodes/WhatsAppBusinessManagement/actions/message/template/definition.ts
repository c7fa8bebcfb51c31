/** Reading a template's definition from Graph, once per template per execution. */
import type { IDataObject } from 'n8n-workflow';

import { graphRequest, type GraphContext } from '../../../../shared/graph';
import { planTemplate, type TemplatePlan } from './plan';

const TEMPLATE_FIELDS = 'id,name,language,status,category,parameter_format,components';

// Items of one execution mostly send the same template; each is read once (a failed read is not
// retried per item: every item would meet the same cause).
const readsByExecution = new WeakMap<object, Map<string, Promise<TemplatePlan>>>();

/** `GET /{template-id}`: the template's definition as a send plan. */
export function readTemplatePlan(context: GraphContext, templateId: string, itemIndex?: number): Promise<TemplatePlan> {
	let reads = readsByExecution.get(context);
	if (!reads) readsByExecution.set(context, (reads = new Map()));
	let read = reads.get(templateId);
	if (!read) {
		read = graphRequest
			.call(context, { method: 'GET', path: `/${templateId}`, qs: { fields: TEMPLATE_FIELDS }, itemIndex })
			.then((body) => planTemplate(body as IDataObject));
		reads.set(templateId, read);
	}
	return read;
}
