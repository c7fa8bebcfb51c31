import type { IDataObject } from 'n8n-workflow';

import { useSandbox } from '../helpers/sandbox';
import { jsonOf, runNode, sandboxCredential } from '../helpers/workflow';

const rl = (value: string) => ({ __rl: true, mode: 'id', value });
const fromItem = rl('={{ $json.phoneNumberId }}');

describe('Sender: registration through WorkflowExecute', () => {
	const sandbox = useSandbox();

	const run = (parameters: Record<string, unknown>, options: { items?: IDataObject[]; continueOnFail?: boolean } = {}) =>
		runNode({ parameters: { resource: 'sender', ...parameters }, credential: sandboxCredential(sandbox), ...options });

	it('adds a number, requests the code, verifies it and registers it', async () => {
		const added = await run({
			operation: 'addPhoneNumber',
			countryCode: '+44',
			phoneNumber: '(7700) 900-123',
			displayName: 'Sandbox Motors UK',
			codeMethod: 'VOICE',
			language: 'en_GB',
		});
		expect(added.error).toBeUndefined();
		const [json] = jsonOf(added);
		expect(json).toEqual({
			id: expect.stringMatching(/^\d+$/),
			cc: '44',
			phone_number: '7700900123',
			verified_name: 'Sandbox Motors UK',
			code_requested: true,
			code_method: 'VOICE',
			language: 'en_GB',
		});
		const id = String(json.id);
		expect(sandbox.requestsTo('POST', `/${sandbox.state.wabaId}/phone_numbers`)[0].body).toEqual({
			cc: '44',
			phone_number: '7700900123',
			verified_name: 'Sandbox Motors UK',
		});
		expect(sandbox.requestsTo('POST', `/${id}/request_code`)[0].query).toEqual({ code_method: 'VOICE', language: 'en_GB' });
		const record = sandbox.state.phoneNumbers.get(id)!;
		expect(record.code_verification_status).toBe('NOT_VERIFIED');

		const code = record.pending_code!;
		const verified = await run({ operation: 'verifyCode', phoneNumberId: rl(id), code: `${code.slice(0, 3)}-${code.slice(3)}` });
		expect(jsonOf(verified)).toEqual([{ success: true, phone_number_id: id, code_verification_status: 'VERIFIED' }]);
		expect(sandbox.requestsTo('POST', `/${id}/verify_code`)[0].query).toEqual({ code });

		const registered = await run({ operation: 'register', phoneNumberId: rl(id), pin: '520164', options: { dataLocalizationRegion: 'DE' } });
		expect(jsonOf(registered)).toEqual([{ success: true, phone_number_id: id, data_localization_region: 'DE' }]);
		expect(sandbox.requestsTo('POST', `/${id}/register`)[0].body).toEqual({
			messaging_product: 'whatsapp',
			pin: '520164',
			data_localization_region: 'DE',
		});
		expect(record.registered).toBe(true);
		expect(record.pin).toBe('520164');
	});

	it('adds a number without requesting the code when told so', async () => {
		const added = await run({ operation: 'addPhoneNumber', countryCode: '1', phoneNumber: '5550100777', displayName: 'Vans', requestCode: false });
		expect(jsonOf(added)[0]).toMatchObject({ code_requested: false });
		expect(sandbox.requestsTo('POST', '/request_code')).toHaveLength(0);
	});

	it('names the new number\'s ID when the code request after adding it fails', async () => {
		sandbox.setFaults({ queue: [{ method: 'POST', pathIncludes: '/request_code', status: 400, code: 100 }] });
		const added = await run({ operation: 'addPhoneNumber', countryCode: '1', phoneNumber: '5550100778', displayName: 'Vans' });
		const id = [...sandbox.state.phoneNumbers.keys()][0];
		expect(added.error?.message).toMatch(new RegExp(`^Phone number added \\(ID ${id}\\) but requesting the verification code failed: Meta error 100`));
	});

	it('requests the code again by SMS and refuses a wrong code with Meta\'s error', async () => {
		sandbox.seed({ phoneNumbers: [{ id: '3001', code_verification_status: 'NOT_VERIFIED', registered: false }] });
		const requested = await run({ operation: 'requestCode', phoneNumberId: rl('3001'), codeMethod: 'SMS', language: 'de_DE' });
		expect(jsonOf(requested)).toEqual([{ success: true, phone_number_id: '3001', code_method: 'SMS', language: 'de_DE' }]);
		const right = sandbox.state.phoneNumbers.get('3001')!.pending_code!;
		const wrong = right === '000000' ? '111111' : '000000';
		const refused = await run({ operation: 'verifyCode', phoneNumberId: rl('3001'), code: wrong });
		expect(refused.error?.message).toMatch(/^Meta error 136025/);
		expect(sandbox.state.phoneNumbers.get('3001')!.code_verification_status).toBe('NOT_VERIFIED');
	});

	it('deregisters and sets the two-step PIN', async () => {
		sandbox.seed({ phoneNumbers: [{ id: '3002' }] });
		const deregistered = await run({ operation: 'deregister', phoneNumberId: rl('3002') });
		expect(jsonOf(deregistered)).toEqual([{ success: true, phone_number_id: '3002' }]);
		expect(sandbox.state.phoneNumbers.get('3002')!.registered).toBe(false);
		const pinSet = await run({ operation: 'setTwoStepPin', phoneNumberId: rl('3002'), pin: '246810' });
		expect(jsonOf(pinSet)).toEqual([{ success: true, phone_number_id: '3002' }]);
		expect(sandbox.requestsTo('POST', '/3002')[1].body).toEqual({ pin: '246810' });
		expect(sandbox.state.phoneNumbers.get('3002')).toMatchObject({ pin: '246810', is_pin_enabled: true });
	});

	it('turns Meta\'s 10-per-72-hours limit (133016) into a clear message, for register and deregister', async () => {
		const now = Date.now();
		sandbox.seed({ phoneNumbers: [{ id: '3003', registration_attempts: Array.from({ length: 10 }, (_, i) => now - i * 60_000) }] });
		for (const operation of ['register', 'deregister']) {
			const result = await run({ operation, phoneNumberId: rl('3003'), pin: '123456' });
			expect(result.error?.message).toBe(
				'Phone number 3003 reached Meta\'s registration limit: 10 register or deregister attempts per number in 72 hours. Wait before trying this number again (Meta error 133016).',
			);
			expect(result.error?.description).toMatch(/code 133016/);
		}
	});

	it('registers a list of three numbers, one item each; under Continue On Fail the failing one is an error item', async () => {
		sandbox.seed({
			phoneNumbers: [
				{ id: '4001', registered: false },
				{ id: '4002', registered: false, pin: '999999' },
				{ id: '4003', registered: false },
			],
		});
		const result = await run(
			{ operation: 'register', phoneNumberId: fromItem, pin: '={{ $json.pin }}' },
			{
				items: [
					{ phoneNumberId: '4001', pin: '111111' },
					{ phoneNumberId: '4002', pin: '222222' },
					{ phoneNumberId: '4003', pin: '333333' },
				],
				continueOnFail: true,
			},
		);
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toEqual([
			{ success: true, phone_number_id: '4001' },
			expect.objectContaining({
				error: expect.stringMatching(/^Meta error 133005: /),
				description: expect.stringContaining('does not match the two-step verification PIN'),
				metaCode: 133005, httpCode: '400', fbtraceId: expect.any(String) }),
			{ success: true, phone_number_id: '4003' },
		]);
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(sandbox.requestsTo('POST', '/register')).toHaveLength(3);
		expect([...sandbox.state.phoneNumbers.values()].map((n) => [n.id, n.registered])).toEqual([
			['4001', true],
			['4002', false],
			['4003', true],
		]);
	});

	it('stops at the first failing number without Continue On Fail', async () => {
		sandbox.seed({ phoneNumbers: [{ id: '4001', registered: false, pin: '999999' }] });
		const result = await run(
			{ operation: 'register', phoneNumberId: fromItem, pin: '111111', requestOptions: { concurrency: 1 } },
			{ items: [{ phoneNumberId: '4001' }, { phoneNumberId: '4002' }] },
		);
		expect(result.error?.message).toMatch(/^Meta error 133005/);
		expect(sandbox.requestsTo('POST', '/register')).toHaveLength(1);
	});

	describe('refuses before sending', () => {
		it.each([
			['a short PIN', { operation: 'register', phoneNumberId: rl('5001'), pin: '12345' }, 'Field "PIN": must be exactly 6 digits'],
			['a PIN with letters', { operation: 'setTwoStepPin', phoneNumberId: rl('5001'), pin: '12a456' }, 'Field "PIN": must be exactly 6 digits'],
			[
				'an unknown data localization region',
				{ operation: 'register', phoneNumberId: rl('5001'), pin: '123456', options: { dataLocalizationRegion: '={{ "US" }}' } },
				'Field "Data Localization Region": must be one of',
			],
			['a 5-digit code', { operation: 'verifyCode', phoneNumberId: rl('5001'), code: '12345' }, 'Field "Code": must be the 6 digits Meta sent'],
			[
				'a language that is not a locale',
				{ operation: 'requestCode', phoneNumberId: rl('5001'), codeMethod: 'SMS', language: 'English' },
				'Field "Language": must be a locale code such as en_US, not "English"',
			],
			[
				'a country code with letters',
				{ operation: 'addPhoneNumber', countryCode: 'UK', phoneNumber: '7700900123', displayName: 'Shop' },
				'Field "Country Code": must be 1 to 3 digits',
			],
			[
				'a phone number with letters',
				{ operation: 'addPhoneNumber', countryCode: '44', phoneNumber: '7700-CALL-NOW', displayName: 'Shop' },
				'Field "Phone Number": must be 4 to 14 digits',
			],
			[
				'a one-letter display name',
				{ operation: 'addPhoneNumber', countryCode: '44', phoneNumber: '7700900123', displayName: 'S' },
				'Field "Display Name": must be 2 to 75 characters, got 1',
			],
			[
				'an item without a phone number ID',
				{ operation: 'deregister', phoneNumberId: rl('={{ $json.missing }}') },
				'Field "Phone Number": a phone number ID is required',
			],
		])('%s', async (_label, parameters, message) => {
			const result = await run(parameters);
			expect(result.error?.message).toContain(message);
			expect(sandbox.requests).toHaveLength(0);
		});
	});
});
