/**
 * One working example of every operation, for the resilience suites (chaos, parameters, secrets)
 * and the benchmarks: how to seed the sandbox, which parameters and input items to run with, and
 * which Graph calls it makes. The suites fail for an operation that has no scenario here, so a new
 * operation is covered as soon as it is added.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Sandbox } from '../sandbox/server';

export interface Scenario {
	/** Seeds the sandbox; returns the node parameters and the input items (default one empty item). */
	prepare(sandbox: Sandbox): { parameters: IDataObject; items?: IDataObject[] };
	/** The Graph call the operation makes, to count attempts in the sandbox log. */
	call: { method: string; path: string };
	/** Whether the call changes something at Meta: a server error must then not be retried. */
	mutates?: boolean;
	/** Parameter sets whose every shown field the parameter suite corrupts (default: prepare's). */
	parameterBaselines?: IDataObject[];
	/** Output made comparable across runs (generated ids and times removed). */
	normalize?(json: IDataObject): unknown;
}

const sequences = (sandbox: Sandbox, count = 3) =>
	sandbox.seed({
		sequences: Array.from({ length: count }, (_, i) => ({ sequence_id: String(4100 + i), name: `Scenario ${i}`, welcome_message_sequence: { text: `Hi ${i}` } })),
	});

const byId = (value: string) => ({ __rl: true, mode: 'id', value });

const templates = (sandbox: Sandbox) =>
	sandbox.seed({
		templates: [
			// Fixed quality dates: the seeder would stamp "now", which differs between two runs.
			{ id: '5001001', name: 'order_shipped', status: 'REJECTED', category: 'UTILITY', quality_score: { score: 'UNKNOWN', date: 1751247548 }, created_time: 1751247548 },
			{ id: '5001002', name: 'promo', status: 'APPROVED', category: 'MARKETING', quality_score: { score: 'GREEN', date: 1751247548 }, created_time: 1751247548 },
			{ id: '5001003', name: 'promo', language: 'es', status: 'APPROVED', category: 'MARKETING', quality_score: { score: 'GREEN', date: 1751247548 }, created_time: 1751247548 },
		],
	});

const templateComponents = [{ type: 'BODY', text: 'Hi {{1}}, your order has shipped.', example: { body_text: [['Maria']] } }];

const withoutGeneratedIds = (json: IDataObject) => {
	const { id: _id, ...rest } = json;
	return rest;
};

const withoutTimes = (json: IDataObject) => {
	const { last_update_time: _time, ...rest } = json;
	return rest;
};

export const scenarios: Record<string, Scenario> = {
	'sequence.getAll': {
		prepare: (sandbox) => {
			sequences(sandbox, 5);
			return { parameters: { resource: 'sequence', operation: 'getAll', returnAll: true } };
		},
		call: { method: 'GET', path: '/welcome_message_sequences' },
		parameterBaselines: [{ resource: 'sequence', operation: 'getAll', returnAll: false, limit: 2 }],
		normalize: withoutTimes,
	},
	'template.getAll': {
		prepare: (sandbox) => {
			templates(sandbox);
			return { parameters: { resource: 'template', operation: 'getAll', returnAll: true } };
		},
		call: { method: 'GET', path: '/message_templates' },
		parameterBaselines: [
			{ resource: 'template', operation: 'getAll', returnAll: false, limit: 2, filters: { category: ['MARKETING'] }, options: { fields: ['name'] } },
		],
	},
	'template.get': {
		prepare: (sandbox) => {
			templates(sandbox);
			return { parameters: { resource: 'template', operation: 'get', templateId: byId('5001001') } };
		},
		call: { method: 'GET', path: '/5001001' },
	},
	'template.create': {
		prepare: () => ({
			parameters: {
				resource: 'template',
				operation: 'create',
				name: 'order_shipped',
				language: 'en_US',
				category: 'UTILITY',
				parameterFormat: 'POSITIONAL',
				componentsSource: 'json',
				componentsJson: JSON.stringify(templateComponents),
			},
		}),
		call: { method: 'POST', path: '/message_templates' },
		mutates: true,
		normalize: withoutGeneratedIds,
	},
	'template.edit': {
		prepare: (sandbox) => {
			templates(sandbox);
			return {
				parameters: {
					resource: 'template',
					operation: 'edit',
					templateId: byId('5001001'),
					updateComponents: true,
					parameterFormat: 'POSITIONAL',
					componentsSource: 'json',
					componentsJson: JSON.stringify(templateComponents),
					updateFields: { category: 'MARKETING' },
				},
			};
		},
		call: { method: 'POST', path: '/5001001' },
		mutates: true,
	},
	'template.delete': {
		prepare: (sandbox) => {
			templates(sandbox);
			return { parameters: { resource: 'template', operation: 'delete', deleteBy: 'name', name: 'promo' } };
		},
		call: { method: 'DELETE', path: '/message_templates' },
	},
};
