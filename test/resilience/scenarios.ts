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
};
