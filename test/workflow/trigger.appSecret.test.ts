/**
 * The App Secret is resolved once and kept for a minute per credential (n8n resolves a credential
 * in a webhook call inside a new expression isolate): a changed secret counts at once, a replaced
 * one is refused after the minute, and a wrong signature is always checked against a fresh read.
 */
import { envelope, messagesChange, referralMessage } from '../support/metaWebhooks';
import { useSandbox } from '../helpers/sandbox';
import { sandboxCredential } from '../helpers/workflow';
import { TestCredentialsHelper } from '../helpers/credentials';
import { startTriggerServer, type TriggerServer } from '../helpers/webhook';
import { clearProcessMemory } from '../../nodes/WhatsAppBusinessManagementTrigger/WhatsAppBusinessManagementTrigger.node';
import { APP_SECRET_REUSE_MS } from '../../nodes/WhatsAppBusinessManagementTrigger/appSecret';

const sandbox = useSandbox({ reset: false });
let trigger: TriggerServer;
let resolutions: jest.SpyInstance;
let workflowCounter = 0;

const adClick = (index: number) => envelope([messagesChange([referralMessage(index)], [])]);

beforeEach(() => {
	resolutions = jest.spyOn(TestCredentialsHelper.prototype, 'getDecrypted');
});

afterEach(async () => {
	jest.restoreAllMocks();
	await trigger?.close();
	clearProcessMemory();
});

async function startWith(credential: ReturnType<typeof sandboxCredential>) {
	// A workflow of its own per test: n8n's deduplication store remembers deliveries per workflow.
	workflowCounter += 1;
	trigger = await startTriggerServer({ parameters: { subscribeAutomatically: false, verifyToken: 'token' }, credential, workflowId: `app-secret-${workflowCounter}` });
}

test('twenty signed POSTs resolve the credential once and each starts its execution', async () => {
	await startWith(sandboxCredential(sandbox));
	for (let index = 0; index < 20; index++) {
		const response = await sandbox.sendWebhook({ url: trigger.url, payload: adClick(index) });
		expect(response.status).toBe(200);
	}
	expect(trigger.executions).toHaveLength(20);
	expect(resolutions).toHaveBeenCalledTimes(1);
});

test('a changed App Secret counts at once, and the replaced one is refused once the minute is over', async () => {
	const credential = sandboxCredential(sandbox, { appSecret: 'first-app-secret' });
	await startWith(credential);
	expect((await sandbox.sendWebhook({ url: trigger.url, payload: adClick(1), secret: 'first-app-secret' })).status).toBe(200);

	credential.appSecret = 'second-app-secret';
	expect((await sandbox.sendWebhook({ url: trigger.url, payload: adClick(2), secret: 'second-app-secret' })).status).toBe(200);
	expect(trigger.emitted().map((item) => item.messageId)).toEqual([referralMessage(1).id, referralMessage(2).id]);

	const now = Date.now();
	jest.spyOn(Date, 'now').mockReturnValue(now + APP_SECRET_REUSE_MS + 1);
	const stale = await sandbox.sendWebhook({ url: trigger.url, payload: adClick(3), secret: 'first-app-secret' });
	expect(stale).toEqual({ status: 401, body: 'Invalid signature' });
	expect(trigger.executions).toHaveLength(2);
});

test('a forged POST is checked against a fresh read of the credential and starts nothing', async () => {
	await startWith(sandboxCredential(sandbox));
	await sandbox.sendWebhook({ url: trigger.url, payload: adClick(1) });
	expect(resolutions).toHaveBeenCalledTimes(1);
	const forged = await sandbox.sendWebhook({ url: trigger.url, payload: adClick(2), secret: 'not-the-app-secret' });
	expect(forged).toEqual({ status: 401, body: 'Invalid signature' });
	expect(resolutions).toHaveBeenCalledTimes(2);
	expect(trigger.executions).toHaveLength(1);
});

test('an App Secret removed from the credential: every POST gets 401 once the kept one is checked again', async () => {
	const credential = sandboxCredential(sandbox);
	await startWith(credential);
	expect((await sandbox.sendWebhook({ url: trigger.url, payload: adClick(1) })).status).toBe(200);
	credential.appSecret = '';
	jest.spyOn(Date, 'now').mockReturnValue(Date.now() + APP_SECRET_REUSE_MS + 1);
	const response = await sandbox.sendWebhook({ url: trigger.url, payload: adClick(2) });
	expect(response).toEqual({ status: 401, body: 'Signature cannot be verified' });
	expect(trigger.executions).toHaveLength(1);
});
