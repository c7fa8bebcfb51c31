/** Fault injection: queued faults a test scripts exactly, and seeded random throttling and 5xx. */
import { GraphError } from './graph';
import { usageHeader } from './respond';
import type { SandboxState } from './state';
import type { FaultRule, FaultSettings } from './types';

/** The first queued rule matching the request, used up by one (and dropped when spent). */
export function takeQueuedFault(faults: FaultSettings, method: string, pathname: string): FaultRule | undefined {
	const ruleIndex = faults.queue.findIndex(
		(rule) => (!rule.method || rule.method.toUpperCase() === method) && (!rule.pathIncludes || pathname.includes(rule.pathIncludes)),
	);
	if (ruleIndex === -1) return undefined;
	const rule = faults.queue[ruleIndex];
	rule.times = (rule.times ?? 1) - 1;
	if (rule.times <= 0) faults.queue.splice(ruleIndex, 1);
	return rule;
}

/** The body a queued rule answers with: its own, or Graph's envelope for its code. */
export function queuedFaultBody(rule: FaultRule): unknown {
	return rule.body ?? new GraphError(rule.code!, 'Injected fault', { isTransient: (rule.status ?? 400) >= 500 }).toBody();
}

export interface RandomFault {
	error: GraphError;
	headers?: Record<string, string>;
}

/** A throttling or server error the dice pick for this Graph call, if any. */
export function randomFault(faults: FaultSettings, dice: () => number, state: SandboxState, pathname: string): RandomFault | undefined {
	const throttled = faults.throttle && (!faults.throttle.pathIncludes || pathname.includes(faults.throttle.pathIncludes));
	if (throttled && faults.throttle && faults.throttle.rate > 0 && dice() < faults.throttle.rate) {
		const codes = faults.throttle.codes.length ? faults.throttle.codes : [80007];
		const code = codes[Math.floor(dice() * codes.length)];
		const regain = faults.throttle.regainMinutes ?? 0;
		const error =
			code === 429
				? new GraphError(4, 'Application request limit reached', { httpStatus: 429, subcode: 2446079, isTransient: true })
				: new GraphError(code, code === 130429 ? 'Rate limit hit' : 'Rate limit issues', { httpStatus: 400, isTransient: true });
		return { error, headers: { 'x-business-use-case-usage': usageHeader(state, regain) } };
	}
	if (faults.serverErrorRate > 0 && dice() < faults.serverErrorRate) {
		const status = dice() < 0.5 ? 500 : 503;
		const error = new GraphError(status === 503 ? 2 : 1, status === 503 ? 'Service temporarily unavailable' : 'An unknown error occurred', {
			httpStatus: status,
			isTransient: true,
		});
		return { error };
	}
	return undefined;
}
