import type { GraphContext } from './context';

/** What a workflow may set for the Graph client through the action node's Request Options. */
export interface GraphClientSettings {
	/** How long one request may wait for Meta's answer. */
	timeoutMs?: number;
	/** How long one execution may spend waiting between retries, over all its items. */
	retryWaitBudgetMs?: number;
}

/** One request waits at most this long for an answer (n8n sets no timeout by default). */
export const DEFAULT_TIMEOUT_MS = 60_000;
/** Uploads and downloads move up to 100 MB: they get longer. */
export const TRANSFER_TIMEOUT_MS = 300_000;
/** Retry waits one execution may spend in all, so a throttled batch ends instead of hanging for hours. */
export const DEFAULT_RETRY_WAIT_BUDGET_MS = 180_000;

interface ExecutionState {
	settings: GraphClientSettings;
	retryWaitSpentMs: number;
}

// Keyed by n8n's context object: the action node's execute() and every item's operation share one,
// so the retry-wait budget is per execution; list searches and trigger hooks each get a fresh one.
const states = new WeakMap<object, ExecutionState>();

/** The execution's settings and what it has spent, created on first use. */
export function executionState(context: GraphContext): ExecutionState {
	let state = states.get(context);
	if (!state) {
		state = { settings: {}, retryWaitSpentMs: 0 };
		states.set(context, state);
	}
	return state;
}

/** Applies the node's Request Options to every Graph request of this execution. */
export function configureGraphClient(context: GraphContext, settings: GraphClientSettings): void {
	executionState(context).settings = settings;
}

/**
 * Takes `ms` from the execution's retry-wait budget when it covers them (false when it does not):
 * waits a caller decides on itself, such as a message send's back-off for one recipient, count
 * against the same budget as the request loop's retries.
 */
export function spendRetryWait(context: GraphContext, ms: number): boolean {
	const state = executionState(context);
	const budgetMs = state.settings.retryWaitBudgetMs ?? DEFAULT_RETRY_WAIT_BUDGET_MS;
	if (state.retryWaitSpentMs + ms > budgetMs) return false;
	state.retryWaitSpentMs += ms;
	return true;
}
