/**
 * Phone-number callback overrides on activation (issue 14 point 13): Meta sends a number's message
 * webhooks to the number's own override before the WABA's, so activation reads the selected
 * numbers' webhook_configuration, refuses when one points elsewhere, and with Options > Subscribe
 * Phone Numbers makes this trigger each selected number's own override. The sandbox plays Meta.
 */
import type { IDataObject } from 'n8n-workflow';

import { envelope, messagesChange, referralMessage } from '../support/metaWebhooks';
import { useSandbox } from '../helpers/sandbox';
import { useTriggerServers, type TriggerServer } from '../helpers/webhook';
import { derivedVerifyToken } from '../../nodes/WhatsAppBusinessManagementTrigger/subscription';

const sandbox = useSandbox();
const startTestTrigger = useTriggerServers(sandbox, 'override');
let trigger: TriggerServer;

const FIRST = '106540352242922';
const SECOND = '107655329012345';
const ELSEWHERE = 'https://crm.example.com/whatsapp/webhook';

async function startTrigger(options: IDataObject) {
	sandbox.seed({ phoneNumbers: [{ id: FIRST }, { id: SECOND }] });
	trigger = await startTestTrigger({ parameters: { events: ['allMessages'], options } });
	sandbox.clearRequests();
}

const overrideOf = (id: string) => sandbox.state.phoneNumbers.get(id)!.webhook_override;
const ourApp = () => sandbox.state.subscribedApps.find((app) => app.id === sandbox.state.appId);
const configurationReads = () => sandbox.requestsTo('GET', `/${FIRST}`).concat(sandbox.requestsTo('GET', `/${SECOND}`));

test('a selected number with its own override elsewhere refuses activation, naming the number; nothing is subscribed', async () => {
	await startTrigger({ phoneNumberIds: `${FIRST}, ${SECOND}` });
	sandbox.state.phoneNumbers.get(SECOND)!.webhook_override = { override_callback_uri: ELSEWHERE, verify_token: 'theirs' };
	const failure = (await trigger.hook('checkExists').catch((error: Error) => error)) as Error & { description?: string };
	expect(failure.message).toBe(`Phone number ${SECOND} (to ${ELSEWHERE}) sends its message webhooks to its own callback override, so this trigger would never receive them`);
	expect(failure.description).toMatch(/Options > Subscribe Phone Numbers/);
	expect(configurationReads().map((request) => [request.graphPath, request.query.fields])).toEqual([
		[`/${FIRST}`, 'webhook_configuration'],
		[`/${SECOND}`, 'webhook_configuration'],
	]);
	expect(sandbox.requestsTo('POST', '/')).toHaveLength(0);
	expect(overrideOf(SECOND)?.override_callback_uri).toBe(ELSEWHERE);
});

test('without such an override the WABA is subscribed as before', async () => {
	await startTrigger({ phoneNumberIds: FIRST });
	expect(await trigger.hook('checkExists')).toBe(false);
	expect(await trigger.hook('create')).toBe(true);
	expect(ourApp()?.override_callback_uri).toBe(trigger.url);
	expect(overrideOf(FIRST)).toBeUndefined();
});

test('Subscribe Phone Numbers makes this trigger each selected number\'s own override, and deactivation removes only its own', async () => {
	await startTrigger({ phoneNumberIds: `${FIRST}, ${SECOND}`, subscribePhoneNumbers: true });
	sandbox.state.phoneNumbers.get(SECOND)!.webhook_override = { override_callback_uri: ELSEWHERE, verify_token: 'theirs' };
	expect(await trigger.hook('checkExists')).toBe(false);
	expect(await trigger.hook('create')).toBe(true);
	const posts = sandbox.requestsTo('POST', '/').map((request) => [request.graphPath, request.body]);
	const token = derivedVerifyToken(trigger.node);
	expect(posts).toEqual([
		[`/${FIRST}`, { webhook_configuration: { override_callback_uri: trigger.url, verify_token: token } }],
		[`/${SECOND}`, { webhook_configuration: { override_callback_uri: trigger.url, verify_token: token } }],
	]);
	// The sandbox verified each override with a GET to the trigger; the WABA's override is untouched.
	expect([overrideOf(FIRST), overrideOf(SECOND)]).toEqual([
		{ override_callback_uri: trigger.url, verify_token: token },
		{ override_callback_uri: trigger.url, verify_token: token },
	]);
	expect(ourApp()?.override_callback_uri).toBeUndefined();
	expect(await trigger.hook('checkExists')).toBe(true);

	await sandbox.sendWebhook({ url: overrideOf(FIRST)!.override_callback_uri, payload: envelope([messagesChange([referralMessage(1)], [], FIRST)]) });
	expect(trigger.emitted().map((item) => item.phoneNumberId)).toEqual([FIRST]);

	// Another workflow took the second number over meanwhile: deactivation leaves it.
	sandbox.state.phoneNumbers.get(SECOND)!.webhook_override = { override_callback_uri: ELSEWHERE, verify_token: 'theirs' };
	sandbox.clearRequests();
	expect(await trigger.hook('delete')).toBe(true);
	expect(sandbox.requestsTo('POST', `/${FIRST}`).map((request) => request.body)).toEqual([{ webhook_configuration: { override_callback_uri: '' } }]);
	expect(sandbox.requestsTo('POST', `/${SECOND}`)).toHaveLength(0);
	expect(overrideOf(FIRST)).toBeUndefined();
	expect(overrideOf(SECOND)?.override_callback_uri).toBe(ELSEWHERE);
});

test('with no Phone Number IDs no number is read', async () => {
	await startTrigger({ subscribePhoneNumbers: true });
	await trigger.hook('checkExists');
	await trigger.hook('create');
	expect(configurationReads()).toHaveLength(0);
	expect(ourApp()?.override_callback_uri).toBe(trigger.url);
});
