/**
 * The bench's reading of n8n's execution list (scripts/lib/execution-list.js) against a stand-in
 * that orders and cuts pages as n8n 1.123's executions controller does: without a status filter
 * (and without both firstId and lastId) by start time, otherwise by ID; `lastId` always cuts by ID.
 * Executions started out of ID order (queue mode) must each be counted once.
 */
import path from 'node:path';

interface Summary {
	id: string;
	status: string;
	startedAt: number;
}
interface ExecutionListModule {
	allExecutions(client: unknown, workflowId: string): Promise<Summary[]>;
	executionCounts(client: unknown, workflowId: string): Promise<{ total: number; unfinished: number }>;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const executionList = require(path.join(__dirname, '..', '..', 'scripts', 'lib', 'execution-list.js')) as ExecutionListModule;

/** 450 executions whose start times are out of ID order, as two webhook processes and a worker leave them. */
function executions(): Summary[] {
	return Array.from({ length: 450 }, (_, index) => ({
		id: String(index + 1),
		status: index % 50 === 7 ? 'running' : 'success',
		// Every tenth execution started a little later than the next few higher IDs.
		startedAt: 1_000 * (index + 1) + (index % 10 === 0 ? 4_500 : 0),
	}));
}

function n8nLike(all: Summary[]) {
	return {
		async request(_method: string, pathname: string) {
			const query = new URL(pathname, 'http://n8n').searchParams;
			const filter = JSON.parse(query.get('filter') ?? '{}') as { status?: string[] };
			const lastId = query.get('lastId');
			const limit = Math.min(Number(query.get('limit') ?? 20), 100);
			const byStartTime = !filter.status?.length && !(lastId && query.get('firstId'));
			const statuses = filter.status?.length ? filter.status : ['success', 'running', 'new'];
			const matching = all.filter((execution) => statuses.includes(execution.status));
			const ordered = [...matching].sort((a, b) => (byStartTime ? b.startedAt - a.startedAt : Number(b.id) - Number(a.id)));
			const results = ordered.filter((execution) => !lastId || Number(execution.id) < Number(lastId)).slice(0, limit);
			return { json: { data: { count: matching.length, estimated: false, results } } };
		},
	};
}

test('every execution is read once though start order and ID order differ', async () => {
	const all = executions();
	const read = await executionList.allExecutions(n8nLike(all), 'workflow-1');
	expect(read).toHaveLength(450);
	expect(new Set(read.map((execution) => execution.id)).size).toBe(450);
	expect(read.map((execution) => execution.id)).toEqual(all.map((execution) => execution.id).reverse());
});

test('the counts include unfinished executions', async () => {
	expect(await executionList.executionCounts(n8nLike(executions()), 'workflow-1')).toEqual({ total: 450, unfinished: 9 });
});

test('paging that loses executions is an error, not a lower count', async () => {
	const all = executions();
	const client = n8nLike(all);
	const lossy = {
		async request(method: string, pathname: string) {
			const answer = await client.request(method, pathname);
			// A page that drops a row, as paging by start time does.
			if (pathname.includes('lastId=351')) answer.json.data.results = answer.json.data.results.slice(1);
			return answer;
		},
	};
	await expect(executionList.allExecutions(lossy, 'workflow-1')).rejects.toThrow('n8n counts 450 executions of workflow-1, its pages held 449');
});
