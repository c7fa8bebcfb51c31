import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// n8n-core writes instance settings (an encryption key) under N8N_USER_FOLDER; keep it out of $HOME.
if (!process.env.N8N_USER_FOLDER || !process.env.N8N_USER_FOLDER.includes('wabm-test-')) {
	process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'wabm-test-'));
}
process.env.N8N_LOG_LEVEL = process.env.N8N_LOG_LEVEL ?? 'silent';
