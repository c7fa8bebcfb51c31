import { startSandbox, type Sandbox } from '../sandbox/server';

export interface UseSandboxOptions {
	/**
	 * What every test starts with, seeded after the reset: the data for `sandbox.seed()` (cloned
	 * before each test, so a test that changes a seeded record does not change the next test's seed),
	 * or a function of the sandbox returning that data.
	 */
	seed?: Record<string, unknown> | ((sandbox: Sandbox) => Record<string, unknown>);
	/** Whether to reset the sandbox before each test (default true). False: tests share its state and log. */
	reset?: boolean;
}

/**
 * Registers the sandbox's lifecycle hooks in the current `describe` block (or file):
 * `beforeAll` starts a sandbox, `afterAll` closes it, and `beforeEach` resets it and then seeds
 * `options.seed`. Call it before the block's own hooks, so they run after these (jest runs a block's
 * hooks in the order they are declared): a `beforeEach` that computes values from the sandbox sees
 * the reset and seeded one.
 *
 * Returns a stand-in for the sandbox, usable everywhere a `Sandbox` is: each property read or write
 * goes to the sandbox this block started, so `sandbox.url`, `sandbox.seed(...)` and
 * `sandboxCredential(sandbox)` work as with the sandbox itself. Reading it before `beforeAll` has run
 * (at collection time) throws.
 *
 *     const sandbox = useSandbox({ seed: { sequences: [{ sequence_id: '4362', name: 'Basic Triage' }] } });
 */
export function useSandbox(options: UseSandboxOptions = {}): Sandbox {
	let current: Sandbox | undefined;
	const started = (): Sandbox => {
		if (!current) throw new Error('useSandbox: the sandbox starts in beforeAll; use it inside a hook or test');
		return current;
	};

	beforeAll(async () => {
		current = await startSandbox();
	});
	afterAll(async () => current?.close());
	if (options.reset !== false || options.seed) {
		beforeEach(() => {
			const sandbox = started();
			if (options.reset !== false) sandbox.reset();
			const { seed } = options;
			if (seed) sandbox.seed(typeof seed === 'function' ? seed(sandbox) : structuredClone(seed));
		});
	}

	return new Proxy({} as Sandbox, {
		get: (_target, property) => Reflect.get(started(), property),
		set: (_target, property, value) => Reflect.set(started(), property, value),
		has: (_target, property) => Reflect.has(started(), property),
	});
}
