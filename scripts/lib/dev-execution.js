'use strict';
/**
 * Finds, through the dev instance's REST API (signed in as its owner), the execution a simulated
 * webhook started, and prints what a user would look for: its ID, status and the trigger item's
 * lead fields.
 */
const { N8nClient, loadFlatted, sleep } = require('./n8n-run');

/** The trigger item's fields a CRM lead is made of, in the order they are printed. */
const LEAD_FIELDS = ['contactName', 'waId', 'text', 'source_id', 'source_type', 'headline', 'source_url', 'ctwa_clid', 'eventId'];

/** The newest execution of the workflow whose trigger item carries `messageId`, waiting up to `timeoutMs`. */
async function findExecution(client, { workflowId, nodeName, messageId, flatted, timeoutMs = 30000 }) {
	for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(500)) {
		for (const summary of (await client.executions(workflowId)).slice(0, 10)) {
			if (!summary.finished && !summary.stoppedAt) continue;
			const execution = await client.execution(summary.id, flatted);
			const item = N8nClient.itemsOf(execution, nodeName).find((json) => json.messageId === messageId);
			if (item) return { execution, item };
		}
	}
	return undefined;
}

/** Prints the execution the delivery of `messageId` started; resolves false when none is found. */
async function reportExecution(state, messageId) {
	const client = new N8nClient(state.n8nUrl);
	await client.signIn();
	const found = await findExecution(client, {
		workflowId: state.triggerWorkflowId,
		nodeName: state.triggerNodeName,
		messageId,
		flatted: loadFlatted({ dir: state.n8nDir }),
	});
	if (!found) {
		console.log(`  n8n started no execution with message ${messageId} within 30s; see ${state.n8nUrl}/home/executions`);
		return false;
	}
	const { execution, item } = found;
	const error = execution.data.resultData.error;
	console.log(`Execution ${execution.id}: ${execution.status || (execution.finished ? 'success' : 'error')}${error ? ` (${error.message})` : ''}`);
	console.log('  lead fields of the trigger item:');
	for (const field of LEAD_FIELDS) if (item[field] !== undefined) console.log(`    ${field.padEnd(12)} ${item[field]}`);
	const nodes = Object.keys(execution.data.resultData.runData);
	console.log(`  nodes run: ${nodes.map((name) => `${name} (${N8nClient.itemsOf(execution, name).length} item(s))`).join(' -> ')}`);
	console.log(`Open it: ${state.n8nUrl}/workflow/${state.triggerWorkflowId}/executions/${execution.id}`);
	return !error;
}

module.exports = { reportExecution };
