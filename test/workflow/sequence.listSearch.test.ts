import { LoadOptionsContext } from 'n8n-core';
import type { IWorkflowExecuteAdditionalData } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { WhatsAppBusinessManagement } from '../../nodes/WhatsAppBusinessManagement/WhatsAppBusinessManagement.node';
import { TestCredentialsHelper } from '../helpers/credentials';
import { nodeTypes } from '../helpers/nodeTypes';
import { CREDENTIAL_TYPE, actionNode, initBinaryData, sandboxCredential } from '../helpers/workflow';
import { useSandbox } from '../helpers/sandbox';

/** The "From List" mode of the Sequence locator, run through n8n-core's LoadOptionsContext as the editor does. */
describe('Sequence locator list search', () => {
	beforeAll(async () => {
		await initBinaryData();
	});
	const sandbox = useSandbox({
		seed: {
			sequences: [
				{ sequence_id: '8716291', name: 'Driver Sign up', is_used_in_ad: true },
				{ sequence_id: '4362', name: 'Basic Triage' },
			],
		},
	});

	const search = (filter?: string) => {
		const node = actionNode({ resource: 'sequence', operation: 'update' });
		const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
		const additionalData = {
			credentialsHelper: new TestCredentialsHelper({ [CREDENTIAL_TYPE]: sandboxCredential(sandbox) }),
		} as unknown as IWorkflowExecuteAdditionalData;
		const context = new LoadOptionsContext(workflow, node, additionalData, 'sequenceId');
		return new WhatsAppBusinessManagement().methods.listSearch.searchSequences.call(context, filter);
	};

	it('lists every sequence, marking those used in an ad', async () => {
		expect((await search()).results).toEqual([
			{ name: 'Driver Sign up (used in an ad)', value: '8716291' },
			{ name: 'Basic Triage', value: '4362' },
		]);
		expect(sandbox.requestsTo('GET', '/welcome_message_sequences')[0].authenticated).toBe(true);
	});

	it('filters by name (case-insensitive) or ID', async () => {
		expect((await search('triage')).results).toEqual([{ name: 'Basic Triage', value: '4362' }]);
		expect((await search('8716')).results.map((r) => r.value)).toEqual(['8716291']);
	});
});
