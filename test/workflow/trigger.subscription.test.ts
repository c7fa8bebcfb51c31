import type { IDataObject } from 'n8n-workflow';

import { envelope, messagesChange, referralMessage } from '../support/metaWebhooks';
import { useSandbox } from '../helpers/sandbox';
import { useTriggerServers, type TriggerServer } from '../helpers/webhook';
import { derivedVerifyToken } from '../../nodes/WhatsAppBusinessManagementTrigger/subscription';

const sandbox = useSandbox();
const startTestTrigger = useTriggerServers(sandbox, 'subscription');
let trigger: TriggerServer;

async function startTrigger(parameters: IDataObject = {}, credentialOverrides = {}) {
	trigger = await startTestTrigger({ parameters, credentialOverrides });
	return trigger;
}

const ourApp = () => sandbox.state.subscribedApps.find((app) => app.id === sandbox.state.appId);

describe('Subscribe Automatically', () => {
	test('activation sets the override after Meta verifies the URL; deactivation removes it', async () => {
		await startTrigger();
		expect(await trigger.hook('checkExists')).toBe(false);
		expect(await trigger.hook('create')).toBe(true);

		const [post] = sandbox.requestsTo('POST', '/subscribed_apps');
		expect(post.graphPath).toBe(`/${sandbox.state.wabaId}/subscribed_apps`);
		expect(post.contentType).toMatch(/application\/json/);
		expect(post.body).toEqual({ override_callback_uri: trigger.url, verify_token: derivedVerifyToken(trigger.node) });
		expect(ourApp()).toMatchObject({ override_callback_uri: trigger.url, verify_token: derivedVerifyToken(trigger.node) });
		// The sandbox played Meta: it sent the verification GET to the webhook, which echoed the challenge.
		expect(trigger.executions).toHaveLength(0);

		// A later activation finds the subscription in place and does not post again.
		expect(await trigger.hook('checkExists')).toBe(true);

		// Events arrive and run the workflow meanwhile.
		await sandbox.sendWebhook({ url: ourApp()!.override_callback_uri!, payload: envelope([messagesChange([referralMessage(1)], [])]) });
		expect(trigger.emitted()).toHaveLength(1);

		sandbox.clearRequests();
		expect(await trigger.hook('delete')).toBe(true);
		const posts = sandbox.requestsTo('POST', '/subscribed_apps');
		expect(posts).toHaveLength(1);
		expect(posts[0].body).toBeUndefined();
		expect(ourApp()).toBeDefined();
		expect(ourApp()!.override_callback_uri).toBeUndefined();
		expect(await trigger.hook('checkExists')).toBe(false);
	});

	test('a user-set verify token is the one sent to Meta, and changing it re-subscribes', async () => {
		await startTrigger({ verifyToken: 'chosen-token' });
		await trigger.hook('create');
		expect(ourApp()!.verify_token).toBe('chosen-token');
		expect(await trigger.hook('checkExists')).toBe(true);
		trigger.setParameters({ verifyToken: 'changed-token' });
		expect(await trigger.hook('checkExists')).toBe(false);
	});

	test('deactivation leaves an override that another workflow took over', async () => {
		await startTrigger();
		await trigger.hook('create');
		sandbox.seed({ subscribedApps: [{ id: sandbox.state.appId, override_callback_uri: 'https://other.example.com/webhook/abc/webhook' }] });
		sandbox.clearRequests();
		expect(await trigger.hook('delete')).toBe(true);
		expect(sandbox.requestsTo('POST', '/subscribed_apps')).toHaveLength(0);
		expect(ourApp()!.override_callback_uri).toBe('https://other.example.com/webhook/abc/webhook');
	});

	test('Meta refusing the callback (it cannot reach the webhook) fails activation with its error', async () => {
		await startTrigger();
		await trigger.close();
		const failure = (await trigger.hook('create').catch((error: Error) => error)) as Error & { description?: string };
		expect(failure.message).toMatch(/Meta error 2200/);
		expect(failure.description).toMatch(/WEBHOOK_URL/);
		expect(ourApp()?.override_callback_uri).toBeUndefined();
	});

	test('a Graph error while removing is reported as false, not thrown', async () => {
		await startTrigger();
		await trigger.hook('create');
		sandbox.setFaults({ queue: [{ method: 'GET', pathIncludes: '/subscribed_apps', status: 400, code: 100 }] });
		expect(await trigger.hook('delete')).toBe(false);
	});
});

describe('activation checks', () => {
	test('with signature verification on and no App Secret, activation fails naming what to set', async () => {
		await startTrigger({}, { appSecret: '' });
		const failure = await trigger.hook('checkExists').catch((error: Error & { description?: string }) => error);
		expect(failure).toBeInstanceOf(Error);
		expect((failure as Error).message).toMatch(/App Secret/);
		expect((failure as { description?: string }).description).toMatch(/App settings > Basic/);
		expect(sandbox.requests).toHaveLength(0);
	});

	test('with signature verification off no App Secret is needed', async () => {
		await startTrigger({ verifySignature: false }, { appSecret: '' });
		expect(await trigger.hook('checkExists')).toBe(false);
	});

	test('manual setup needs a Verify Token and never calls Meta', async () => {
		await startTrigger({ subscribeAutomatically: false });
		await expect(trigger.hook('checkExists')).rejects.toThrow(/Verify Token/);
		trigger.setParameters({ subscribeAutomatically: false, verifyToken: 'pasted-in-dashboard' });
		expect(await trigger.hook('checkExists')).toBe(true);
		expect(await trigger.hook('create')).toBe(true);
		expect(await trigger.hook('delete')).toBe(true);
		expect(sandbox.requests).toHaveLength(0);
	});

	test('a webhook URL longer than 200 characters is refused before any request', async () => {
		trigger = await startTestTrigger({ parameters: {}, nodeId: 'long-url-node', webhookId: 'x'.repeat(200) });
		sandbox.clearRequests();
		await expect(trigger.hook('create')).rejects.toThrow(/200/);
		expect(sandbox.requestsTo('POST', '/subscribed_apps')).toHaveLength(0);
	});
});
