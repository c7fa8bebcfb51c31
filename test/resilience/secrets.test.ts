/**
 * Secrets: the access token and the App Secret must appear in no output item, error or log line.
 * test/helpers/secretScanSetup.ts checks that for every test file of the run; this suite drives
 * every operation through success and failure - including Meta answers that echo the token back -
 * and checks the scan itself finds what it must.
 */
import type { IDataObject } from 'n8n-workflow';

import { resources } from '../../nodes/WhatsAppBusinessManagement/actions/router';
import { DEFAULT_RETRY_POLICY } from '../../nodes/shared/graph';
import { capturedLogLines, registerSecret, secretLeaks, secretsIn } from '../helpers/secretScan';
import { useSandbox } from '../helpers/sandbox';
import { runNode, sandboxCredential, type RunResult } from '../helpers/workflow';
import type { FaultRule, Sandbox } from '../sandbox/server';
import { startTriggerServer, type TriggerServer } from '../helpers/webhook';
import { clearProcessMemory } from '../../nodes/WhatsAppBusinessManagementTrigger/WhatsAppBusinessManagementTrigger.node';
import { scenarios, type Scenario } from './scenarios';

const operations = Object.entries(resources).flatMap(([resource, module]) => Object.keys(module.operations).map((operation) => `${resource}.${operation}`));

describe('secret scan', () => {
	const secret = 'faketestSECRETvalue0123456789';

	it('finds a secret in strings, nested objects, errors (message, description, cause) and circular data', () => {
		expect(secretsIn(`Bearer ${secret}`, [secret])).toEqual([secret]);
		expect(secretsIn({ a: [{ b: { c: `x${secret}y` } }] }, [secret])).toEqual([secret]);
		const withDescription = Object.assign(new Error('failed'), { description: `token=${secret}` });
		expect(secretsIn(withDescription, [secret])).toEqual([secret]);
		expect(secretsIn(new Error('outer', { cause: new Error(secret) }), [secret])).toEqual([secret]);
		const circular: IDataObject = { text: secret };
		circular.self = circular;
		expect(secretsIn(circular, [secret])).toEqual([secret]);
		expect(secretsIn({ safe: 'faketest***' }, [secret])).toEqual([]);
	});
});

describe('secrets: no token or App Secret in items, errors or logs, for every operation', () => {
	const sandbox = useSandbox({ reset: false });
	const savedPolicy = { ...DEFAULT_RETRY_POLICY };
	const wrongToken = 'fakewrongButSecretTOKEN99887766';

	beforeAll(() => {
		DEFAULT_RETRY_POLICY.baseDelayMs = 1;
		DEFAULT_RETRY_POLICY.maxDelayMs = 5;
		registerSecret(wrongToken);
	});
	afterAll(() => {
		Object.assign(DEFAULT_RETRY_POLICY, savedPolicy);
	});

	const everything = (result: RunResult) => [result.items, result.error, result.run, capturedLogLines()];
	const secretsOf = () => [sandbox.state.token, sandbox.state.appSecret, wrongToken];

	const runScenario = async (scenario: Scenario, setup: (s: Sandbox) => void, options: { continueOnFail?: boolean; accessToken?: string } = {}) => {
		sandbox.reset();
		const { parameters, items } = scenario.prepare(sandbox);
		setup(sandbox);
		const credential = sandboxCredential(sandbox, options.accessToken ? { accessToken: options.accessToken } : {});
		return runNode({ parameters, items, credential, continueOnFail: options.continueOnFail });
	};

	describe.each(operations.filter((key) => scenarios[key]))('%s', (key) => {
		const scenario = scenarios[key];
		const echo = (s: Sandbox, status: number): void =>
			void s.faults.queue.push({
				method: scenario.call.method,
				pathIncludes: scenario.call.path,
				times: 100,
				status,
				body: {
					error: {
						message: `(#100) Invalid parameter access_token=${s.state.token} appsecret=${s.state.appSecret}`,
						type: 'OAuthException',
						code: 100,
						error_user_msg: `Bearer ${s.state.token}`,
						fbtrace_id: 'AbCdEfGh',
					},
				},
			});

		it.each([
			['succeeds', (_s: Sandbox): void => undefined, {}],
			['meets a wrong token (190)', (_s: Sandbox): void => undefined, { accessToken: wrongToken }],
			['meets a Meta error that echoes the token and App Secret', (s: Sandbox): void => echo(s, 400), {}],
			['meets the same with Continue On Fail', (s: Sandbox): void => echo(s, 400), { continueOnFail: true }],
			['meets server errors until retries run out', (s: Sandbox): void => echo(s, 500), { continueOnFail: true }],
			['meets a dropped connection', (s: Sandbox): void => void s.faults.queue.push({ method: scenario.call.method, pathIncludes: scenario.call.path, times: 100, dropConnection: true }), {}],
		] as const)('%s', async (_name, setup, options) => {
			const result = await runScenario(scenario, setup, options);
			const failed = result.error ?? result.items.find((item) => item.json.error !== undefined);
			if (_name === 'succeeds') expect(result.error).toBeUndefined();
			else expect(failed).toBeDefined();
			expect(secretsIn(everything(result), secretsOf())).toEqual([]);
			expect(secretLeaks()).toEqual([]);
		});
	});
});

describe('secrets: the app access token (App ID|App Secret) of Subscribe App Webhook Fields', () => {
	const sandbox = useSandbox();
	let trigger: TriggerServer | undefined;
	afterEach(async () => {
		await trigger?.close();
		clearProcessMemory();
	});

	const activate = async (queue: FaultRule[]) => {
		trigger = await startTriggerServer({
			parameters: { events: ['automaticEvent'], options: { subscribeAppFields: true } },
			credential: sandboxCredential(sandbox),
			nodeId: 'secrets-app-fields',
		});
		sandbox.setFaults({ queue });
		return (await trigger.hook('create').catch((error: Error) => error)) as Error | boolean;
	};
	const appToken = () => `${sandbox.state.appId}|${sandbox.state.appSecret}`;

	it.each([
		['succeeds', (): FaultRule[] => []],
		[
			'meets a Meta error that echoes the app token',
			(): FaultRule[] => [
				{
					method: 'POST',
					pathIncludes: '/subscriptions',
					status: 400,
					body: { error: { message: `(#190) Invalid OAuth access token: ${appToken()}`, type: 'OAuthException', code: 190, error_user_msg: `The token ${appToken()} is invalid`, error_user_title: appToken(), fbtrace_id: 'AppTok1' } },
				},
			],
		],
		['meets server errors until retries run out', (): FaultRule[] => [{ method: 'GET', pathIncludes: '/subscriptions', times: 100, status: 500, body: { error: { message: `token ${appToken()}`, code: 1 } } }]],
		['meets a dropped connection', (): FaultRule[] => [{ method: 'POST', pathIncludes: '/subscriptions', times: 100, dropConnection: true }]],
	] as const)('%s: neither the error, the request log nor a log line carries the App Secret', async (name, queue) => {
		const outcome = await activate([...queue()]);
		if (name === 'succeeds') expect(outcome).toBe(true);
		else expect(outcome).toBeInstanceOf(Error);
		// The app token's secret half is what matters: its App ID half is in every app-level path.
		const errorResponse = (outcome as { errorResponse?: unknown }).errorResponse;
		expect(secretsIn([outcome, errorResponse, sandbox.requests, capturedLogLines(), trigger!.staticData], [sandbox.state.appSecret])).toEqual([]);
		expect(secretLeaks()).toEqual([]);
	});
});
