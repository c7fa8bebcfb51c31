import type { ICheckProcessedOptions, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

export const DEFAULT_REMEMBERED_DELIVERIES = 10_000;

/** How often one check-and-record is tried when it lost the first-write race (see isFirstWriteRace). */
const RACE_ATTEMPTS = 3;
/** How often lost IDs are recorded again before giving up (see recordDurably). */
const READ_BACK_ROUNDS = 3;

/**
 * The tail of each scope's chain of store calls in this process. n8n's store reads the node's one
 * row of IDs and writes it back whole (cli DeduplicationHelper: findOne, then update), so two
 * overlapping calls lose one's IDs: calls for one workflow node must not overlap.
 */
const storeQueues = new Map<string, Promise<unknown>>();

/** Runs `work` once every earlier call for `scope` in this process has settled. */
export async function oneAtATime<T>(scope: string, work: () => Promise<T>): Promise<T> {
	const run = (storeQueues.get(scope) ?? Promise.resolve()).then(work, work);
	const tail = run.catch(() => undefined);
	storeQueues.set(scope, tail);
	try {
		return await run;
	} finally {
		if (storeQueues.get(scope) === tail) storeQueues.delete(scope);
	}
}

/**
 * Two first executions of a node both found no row and both inserted one: the second insert hits
 * the (workflowId, context) unique key. The row exists now, so trying again updates it.
 */
export function isFirstWriteRace(error: unknown): boolean {
	const message = error instanceof Error ? error.message : String(error);
	return /SQLITE_CONSTRAINT|UNIQUE constraint failed|duplicate key value violates unique constraint/i.test(message);
}

async function checkAndRecord(context: IExecuteFunctions, ids: string[], options: ICheckProcessedOptions): Promise<string[]> {
	for (let attempt = 1; ; attempt++) {
		try {
			const checked = await context.helpers.checkProcessedAndRecord(ids, 'node', options);
			return checked.new.map(String);
		} catch (error) {
			if (attempt >= RACE_ATTEMPTS || !isFirstWriteRace(error)) throw error;
		}
	}
}

/**
 * Which of `ids` the store had not seen, recorded. A writer in another process (a second webhook
 * process or worker) can overwrite the row between our read and write; asking again for the new
 * IDs finds the ones lost that way and records them again in the same call (nodes cannot reach
 * n8n's read-only check). What is still lost after that is what the guarantee leaves open.
 */
async function recordDurably(context: IExecuteFunctions, ids: string[], maxEntries: number): Promise<Set<string>> {
	const options: ICheckProcessedOptions = { mode: 'entries', maxEntries };
	const fresh = await checkAndRecord(context, ids, options);
	let unconfirmed = fresh;
	for (let round = 0; round < READ_BACK_ROUNDS && unconfirmed.length > 0; round++) {
		unconfirmed = await checkAndRecord(context, unconfirmed, options);
	}
	return new Set(fresh);
}

/**
 * The trigger's items without those of deliveries n8n's store has already recorded for this node
 * (a re-delivery after a restart, or one that reached another process first).
 */
export async function dropRecordedDeliveries(context: IExecuteFunctions, maxEntries: number): Promise<INodeExecutionData[]> {
	const items = context.getInputData();
	const deliveries = new Set<string>();
	for (const item of items) if (typeof item.json.deliveryId === 'string') deliveries.add(item.json.deliveryId);
	if (deliveries.size === 0) return items;
	const scope = `${context.getWorkflow().id ?? ''}:${context.getNode().id}`;
	let fresh: Set<string>;
	try {
		fresh = await oneAtATime(scope, () => recordDurably(context, [...deliveries], maxEntries));
	} catch (error) {
		// Losing a lead is worse than seeing it twice: with the store down, items pass.
		context.logger.warn(
			`WhatsApp Business Management Trigger: n8n's deduplication store is unavailable, events pass unchecked: ${(error as Error).message}`,
		);
		return items;
	}
	if (fresh.size === deliveries.size) return items;
	const output: INodeExecutionData[] = [];
	items.forEach((item, index) => {
		const deliveryId = item.json.deliveryId;
		if (typeof deliveryId !== 'string' || fresh.has(deliveryId)) output.push({ json: item.json, pairedItem: { item: index } });
	});
	return output;
}
