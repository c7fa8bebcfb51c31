/**
 * Options > Subscribe App Webhook Fields through n8n-core's hook and webhook contexts against the
 * sandbox's `/{app-id}/subscriptions`: which fields activation subscribes, what it keeps, what
 * checkExists reports, what deactivation removes, and the refusals.
 */
import type { IDataObject } from 'n8n-workflow';

import { capturedLogLines, registerSecret } from '../helpers/secretScan';
import { useSandbox } from '../helpers/sandbox';
import { sandboxCredential } from '../helpers/workflow';
import { startTriggerServer, type TriggerServer } from '../helpers/webhook';
import { clearProcessMemory } from '../../nodes/WhatsAppBusinessManagementTrigger/WhatsAppBusinessManagementTrigger.node';
import { derivedVerifyToken } from '../../nodes/WhatsAppBusinessManagementTrigger/subscription';

const sandbox = useSandbox();
let trigger: TriggerServer;
let counter = 0;

async function startTrigger(parameters: IDataObject = {}, credentialOverrides = {}) {
	counter += 1;
	trigger = await startTriggerServer({
		parameters: { options: { subscribeAppFields: true }, ...parameters },
		credential: sandboxCredential(sandbox, credentialOverrides),
		nodeId: `app-fields-node-${counter}`,
		webhookId: `7c1d2e3f-0000-4000-8000-00000000000${counter % 10}`,
	});
	return trigger;
}

const wabaSubscription = () => sandbox.state.appSubscriptions.find((subscription) => subscription.object === 'whatsapp_business_account');
const subscribedFields = () => (wabaSubscription()?.fields ?? []).map((field) => field.name).sort();
const automaticEvent = { kind: 'automaticEvents' as const, events: [{ id: 'wamid.APPFIELDS.1', eventName: 'Purchase' as const, ctwaClid: 'clid-app-fields', value: 20, currency: 'EUR' }] };

afterEach(async () => {
	await trigger?.close();
	clearProcessMemory();
});

describe('Subscribe App Webhook Fields', () => {
	test('activation adds the missing fields, keeps the app\'s others and makes this node the callback; an automatic event then arrives; deactivation removes only what it added', async () => {
		sandbox.seed({ appSubscriptions: [{ callback_url: 'https://crm.example.com/meta', fields: ['messages', 'flows'] }] });
		await startTrigger({ events: ['adReferral', 'automaticEvent', 'userPreference'] });
		expect(await trigger.hook('checkExists')).toBe(false);
		expect(await trigger.hook('create')).toBe(true);

		const [post] = sandbox.requestsTo('POST', '/subscriptions');
		expect(post.graphPath).toBe(`/${sandbox.state.appId}/subscriptions`);
		expect(post.contentType).toMatch(/x-www-form-urlencoded/);
		expect(post.body).toEqual({
			object: 'whatsapp_business_account',
			callback_url: trigger.url,
			verify_token: derivedVerifyToken(trigger.node),
			fields: 'messages,flows,automatic_events,user_preferences',
			include_values: 'true',
		});
		// The app token went in the Authorization header, which the log masks.
		expect(post.headers.authorization).toBe('Bearer ***');
		expect(wabaSubscription()).toMatchObject({ callback_url: trigger.url, verify_token: derivedVerifyToken(trigger.node) });
		expect(subscribedFields()).toEqual(['automatic_events', 'flows', 'messages', 'user_preferences']);
		expect(await trigger.hook('checkExists')).toBe(true);

		// Meta sends automatic_events only to the app's callback: routed by the sandbox, it reaches the workflow.
		const delivered = await sandbox.sendWebhook({ event: automaticEvent });
		expect(delivered).toMatchObject({ status: 200, url: trigger.url });
		expect(trigger.emitted()).toEqual([expect.objectContaining({ eventType: 'automaticEvent', ctwa_clid: 'clid-app-fields', eventName: 'Purchase' })]);

		sandbox.clearRequests();
		expect(await trigger.hook('delete')).toBe(true);
		const deletes = sandbox.requestsTo('DELETE', '/subscriptions');
		expect(deletes.map((request) => request.query)).toEqual([{ object: 'whatsapp_business_account', fields: 'automatic_events,user_preferences' }]);
		expect(subscribedFields()).toEqual(['flows', 'messages']);
		expect(wabaSubscription()!.callback_url).toBe(trigger.url);
		expect(capturedLogLines().some((line) => line.includes("the app's callback URL stays") && line.includes('https://crm.example.com/meta'))).toBe(true);
		expect(trigger.staticData.appFieldsAdded).toBeUndefined();
		expect(await trigger.hook('checkExists')).toBe(false);
	});

	test('messages is added only when the app lacks it; with it there and no app-only event, the app callback is left alone', async () => {
		sandbox.seed({ appSubscriptions: [{ callback_url: 'https://crm.example.com/meta', fields: ['messages'] }] });
		await startTrigger({ events: ['adReferral', 'messageStatus'] });
		expect(await trigger.hook('create')).toBe(true);
		expect(sandbox.requestsTo('POST', '/subscriptions')).toHaveLength(0);
		expect(wabaSubscription()!.callback_url).toBe('https://crm.example.com/meta');
		expect(await trigger.hook('checkExists')).toBe(true);
		await trigger.close();

		sandbox.reset();
		await startTrigger({ events: ['adReferral'] });
		await trigger.hook('create');
		expect(sandbox.requestsTo('POST', '/subscriptions').map((request) => (request.body as IDataObject).fields)).toEqual(['messages']);
		expect(wabaSubscription()).toMatchObject({ callback_url: trigger.url });
	});

	test('checkExists is false while another callback holds the app subscription, and deactivation then leaves its fields', async () => {
		await startTrigger({ events: ['automaticEvent'] });
		await trigger.hook('create');
		sandbox.seed({ appSubscriptions: [{ callback_url: 'https://other.example.com/hook', fields: ['automatic_events', 'security'] }] });
		expect(await trigger.hook('checkExists')).toBe(false);
		sandbox.clearRequests();
		expect(await trigger.hook('delete')).toBe(true);
		expect(sandbox.requestsTo('DELETE', '/subscriptions')).toHaveLength(0);
		expect(subscribedFields()).toEqual(['automatic_events', 'security']);
	});

	test('without the option no app subscription call is made', async () => {
		await startTrigger({ events: ['automaticEvent'], options: {} });
		await trigger.hook('checkExists');
		await trigger.hook('create');
		await trigger.hook('delete');
		expect(sandbox.requests.filter((request) => request.graphPath.endsWith('/subscriptions'))).toHaveLength(0);
	});
});

describe('refusals', () => {
	test('an empty App ID or App Secret fails activation naming the credential field, before any request', async () => {
		await startTrigger({ events: ['automaticEvent'] }, { appId: '' });
		const noAppId = (await trigger.hook('checkExists').catch((error: Error) => error)) as Error & { description?: string };
		expect(noAppId.message).toMatch(/"App ID" is empty.*Subscribe App Webhook Fields/);
		expect(noAppId.description).toMatch(/No request was sent to Meta/);
		await trigger.close();

		await startTrigger({ events: ['automaticEvent'], verifySignature: false }, { appSecret: '' });
		const noSecret = (await trigger.hook('checkExists').catch((error: Error) => error)) as Error & { description?: string };
		expect(noSecret.message).toMatch(/"App Secret" is empty/);
		expect(noSecret.description).toMatch(/App settings > Basic/);
		expect(sandbox.requests).toHaveLength(0);
	});

	test('Meta failing to verify the callback becomes a NodeApiError with its code, fbtrace_id and hint', async () => {
		await startTrigger({ events: ['automaticEvent'] });
		sandbox.setFaults({
			queue: [
				{
					method: 'POST',
					pathIncludes: '/subscriptions',
					status: 400,
					body: { error: { message: '(#2200) Callback verification failed with the following errors: HTTP Status Code = 403', type: 'OAuthException', code: 2200, fbtrace_id: 'AppFieldsTrace1' } },
				},
			],
		});
		const failure = (await trigger.hook('create').catch((error: Error) => error)) as Error & { description?: string; context?: IDataObject };
		expect(failure.constructor.name).toBe('NodeApiError');
		expect(failure.message).toMatch(/Meta error 2200/);
		expect(failure.description).toMatch(/WEBHOOK_URL/);
		expect(failure.description).toMatch(/fbtrace_id AppFieldsTrace1/);
		expect(failure.context).toMatchObject({ metaCode: 2200, fbtraceId: 'AppFieldsTrace1' });
		expect(wabaSubscription()).toBeUndefined();
	});

	test('a wrong App Secret gets Meta\'s 190 with the app-token explanation, and the secret appears nowhere', async () => {
		const wrongSecret = 'fakewrongAppSECRET1234567890';
		registerSecret(wrongSecret);
		await startTrigger({ events: ['automaticEvent'] }, { appSecret: wrongSecret });
		const failure = (await trigger.hook('create').catch((error: Error) => error)) as Error & { description?: string; context?: IDataObject };
		expect(failure.message).toMatch(/Meta error 190/);
		expect(failure.description).toMatch(/App ID and App Secret/);
		expect(JSON.stringify({ message: failure.message, description: failure.description, context: failure.context, stack: failure.stack })).not.toContain(wrongSecret);
		expect(JSON.stringify(sandbox.requests)).not.toContain(wrongSecret);
	});
});
