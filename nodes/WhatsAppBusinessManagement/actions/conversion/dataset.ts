import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { graphRequest, listFromResponse } from '../../../shared/graph';
import { datasetPath } from './build';

/**
 * The WABA's dataset, if it has one. Meta's business-messaging guide reads it with
 * GET /{waba-id}/dataset (one dataset per WABA); an answer of a bare object is read too.
 * Guide: https://developers.facebook.com/documentation/ads-commerce/conversions-api/business-messaging
 */
export async function findDataset(this: IExecuteFunctions, wabaId: string, itemIndex?: number): Promise<IDataObject | undefined> {
	const body = (await graphRequest.call(this, { method: 'GET', path: datasetPath(wabaId), itemIndex })) as IDataObject;
	const [first] = listFromResponse(body);
	if (first?.id) return first;
	return body && typeof body.id === 'string' ? body : undefined;
}

/**
 * POST /{waba-id}/dataset with an optional dataset_name; Meta answers `{ id }`.
 * Reference: https://developers.facebook.com/docs/graph-api/reference/whats-app-business-account/dataset/
 * A create: the Graph client does not send it again after an ambiguous failure.
 */
export async function createDataset(this: IExecuteFunctions, wabaId: string, name: string, itemIndex?: number): Promise<IDataObject> {
	const body: IDataObject = {};
	if (name) body.dataset_name = name;
	return (await graphRequest.call(this, { method: 'POST', path: datasetPath(wabaId), body, itemIndex })) as IDataObject;
}
