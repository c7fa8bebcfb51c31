/**
 * What a test file leaves running, stopped after the file by teardownSetup.ts (jest
 * setupFilesAfterEnv), so Jest exits on its own:
 * - servers a helper started and a test did not close (a test that starts a second trigger server
 *   replaces the one its afterEach closes);
 * - n8n-core's SSHClientsManager, made by the first ExecuteContext, whose 60-second cleanup interval
 *   n8n itself clears only on process exit.
 */
import { Container } from '@n8n/di';
import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';

type Close = () => Promise<void> | void;
const stillOpen = new Set<Close>();

/** Closes `close` after the test file unless the returned function is called first (closed by the test). */
export function closeAfterFile(close: Close): () => void {
	stillOpen.add(close);
	return () => stillOpen.delete(close);
}

export async function closeWhatTestsLeftOpen(): Promise<void> {
	const pending = [...stillOpen];
	stillOpen.clear();
	await Promise.all(pending.map((close) => close()));
	Container.get(SSHClientsManager).onShutdown();
}
