'use strict';
/**
 * Reading every execution of a workflow from n8n's REST API (/rest/executions), for the benches.
 *
 * n8n 1.x answers a list query without a status filter and without both firstId and lastId from
 * findLatestCurrentAndCompleted, ordered by start time (cli executions.controller.js, getMany),
 * while `lastId` cuts by ID. Where start order and ID order differ (several processes starting
 * executions, as in queue mode), paging by the last row's ID repeats some executions and skips
 * others. With a status filter n8n orders by ID (findRangeWithCount), so `lastId` pages cleanly.
 */
const EVERY_STATUS = ['canceled', 'crashed', 'error', 'new', 'running', 'success', 'unknown', 'waiting'];
const UNFINISHED = ['new', 'running'];

async function executionPage(client, filter, lastId) {
	const query = `filter=${encodeURIComponent(JSON.stringify(filter))}&limit=100${lastId ? `&lastId=${lastId}` : ''}`;
	const { json } = await client.request('GET', `/rest/executions?${query}`);
	return json.data;
}

/** Every execution of the workflow, newest first, each once; throws when the pages miss any. */
async function allExecutions(client, workflowId) {
	const byId = new Map();
	const filter = { workflowId, status: EVERY_STATUS };
	let counted;
	for (let lastId; ; ) {
		const page = await executionPage(client, filter, lastId);
		// On Postgres n8n may answer an estimate, or -1 when it has no statistics yet.
		if (lastId === undefined && !page.estimated && page.count >= 0) counted = page.count;
		if (page.results.length === 0) break;
		for (const execution of page.results) byId.set(String(execution.id), execution);
		lastId = page.results[page.results.length - 1].id;
	}
	if (counted !== undefined && byId.size !== counted) throw new Error(`n8n counts ${counted} executions of ${workflowId}, its pages held ${byId.size}`);
	return [...byId.values()];
}

/** How many executions of the workflow exist, and how many of them are not finished yet. */
async function executionCounts(client, workflowId) {
	const { count: total } = await executionPage(client, { workflowId, status: EVERY_STATUS });
	const { count: unfinished } = await executionPage(client, { workflowId, status: UNFINISHED });
	return { total, unfinished };
}

module.exports = { allExecutions, executionCounts, EVERY_STATUS };
