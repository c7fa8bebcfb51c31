import { useSandbox } from '../helpers/sandbox';

describe('sandbox: phone number routes', () => {
	const sandbox = useSandbox();
	let auth: Record<string, string>;

	beforeEach(() => {
		auth = { authorization: `Bearer ${sandbox.state.token}`, 'content-type': 'application/json' };
	});

	const call = async (method: string, path: string, body?: unknown) => {
		const response = await fetch(`${sandbox.url}/v25.0${path}`, { method, headers: auth, body: body === undefined ? undefined : JSON.stringify(body) });
		return { status: response.status, body: (await response.json()) as Record<string, any> };
	};

	it('fills every field from a partial seed and hides the PIN', async () => {
		sandbox.seed({ phoneNumbers: [{ id: '1', pin: '123456' }] });
		const record = sandbox.state.phoneNumbers.get('1')!;
		expect(record).toMatchObject({ status: 'CONNECTED', quality_rating: 'GREEN', is_pin_enabled: true, registered: true });
		const { body } = await call('GET', '/1?fields=id,is_pin_enabled,whatsapp_business_manager_messaging_limit');
		expect(body).toEqual({ id: '1', is_pin_enabled: true, whatsapp_business_manager_messaging_limit: 'TIER_2K' });
		const pin = await call('GET', '/1?fields=id,pin');
		expect(pin.status).toBe(400);
		expect(JSON.stringify(pin.body)).not.toContain('123456');
		const defaults = await call('GET', '/1');
		expect(Object.keys(defaults.body).sort()).toEqual(
			['code_verification_status', 'display_phone_number', 'id', 'platform_type', 'quality_rating', 'throughput', 'verified_name'].sort(),
		);
	});

	it('answers Graph\'s error 100 for a field the requested version lacks, on one number and on the list', async () => {
		sandbox.seed({ phoneNumbers: [{ id: '1' }] });
		const nonexisting = (field: string) => ({
			message: `(#100) Tried accessing nonexisting field (${field}) on node type (WhatsAppBusinessPhoneNumber)`,
			type: 'OAuthException',
			code: 100,
			fbtrace_id: expect.any(String),
		});
		const older = async (path: string) => {
			const response = await fetch(`${sandbox.url}/v23.0${path}`, { headers: auth });
			return { status: response.status, body: (await response.json()) as Record<string, any> };
		};
		const wabaList = `/${sandbox.state.wabaId}/phone_numbers`;
		expect(await older('/1?fields=id,whatsapp_business_manager_messaging_limit')).toEqual({
			status: 400,
			body: { error: nonexisting('whatsapp_business_manager_messaging_limit') },
		});
		expect((await older(`${wabaList}?fields=whatsapp_business_manager_messaging_limit`)).body.error).toEqual(nonexisting('whatsapp_business_manager_messaging_limit'));
		expect((await older('/1?fields=id,messaging_limit_tier')).body).toEqual({ id: '1', messaging_limit_tier: 'TIER_1K' });
		expect((await call('GET', '/1?fields=id,messaging_tier')).body.error).toEqual(nonexisting('messaging_tier'));
		expect((await call('GET', `${wabaList}?fields=id,throughput{level}`)).status).toBe(200);
	});

	it('lists with paging and filtering, and refuses bad filters', async () => {
		sandbox.seed({ phoneNumbers: [{ id: '1' }, { id: '2', account_mode: 'SANDBOX' }, { id: '3' }] });
		const page = await call('GET', `/${sandbox.state.wabaId}/phone_numbers?limit=2&fields=id`);
		expect(page.body.data).toEqual([{ id: '1' }, { id: '2' }]);
		expect(page.body.paging.next).toBeDefined();
		const filter = encodeURIComponent(JSON.stringify([{ field: 'account_mode', operator: 'EQUAL', value: 'LIVE' }]));
		const live = await call('GET', `/${sandbox.state.wabaId}/phone_numbers?fields=id&filtering=${filter}`);
		expect(live.body.data).toEqual([{ id: '1' }, { id: '3' }]);
		const bad = encodeURIComponent(JSON.stringify([{ field: 'status', operator: 'EQUAL', value: 'X' }]));
		expect((await call('GET', `/${sandbox.state.wabaId}/phone_numbers?filtering=${bad}`)).status).toBe(400);
	});

	it('creates a number, sends a code, verifies it, and registers it with a PIN and region', async () => {
		const created = await call('POST', `/${sandbox.state.wabaId}/phone_numbers`, { cc: '1', phone_number: '5550001111', verified_name: 'Shop' });
		const id = created.body.id as string;
		expect((await call('POST', `/${sandbox.state.wabaId}/phone_numbers`, { cc: '1', phone_number: '5550001111', verified_name: 'Shop' })).status).toBe(400);
		expect((await call('POST', `/${id}/register`, { messaging_product: 'whatsapp', pin: '123456' })).status).toBe(400);
		expect((await call('POST', `/${id}/request_code?code_method=FAX&language=en_US`)).status).toBe(400);
		expect((await call('POST', `/${id}/request_code?code_method=SMS&language=en_US`)).body).toEqual({ success: true });
		const code = sandbox.state.phoneNumbers.get(id)!.pending_code!;
		expect((await call('POST', `/${id}/verify_code?code=${code}`)).body).toEqual({ success: true, id });
		expect((await call('POST', `/${id}/register`, { messaging_product: 'whatsapp', pin: '123456', data_localization_region: 'US' })).status).toBe(400);
		expect((await call('POST', `/${id}/register`, { pin: '123456' })).status).toBe(400);
		expect((await call('POST', `/${id}/register`, { messaging_product: 'whatsapp', pin: '1234' })).status).toBe(400);
		expect((await call('POST', `/${id}/register`, { messaging_product: 'whatsapp', pin: '123456', data_localization_region: 'IN' })).body).toEqual({
			success: true,
		});
		const mismatch = await call('POST', `/${id}/register`, { messaging_product: 'whatsapp', pin: '654321' });
		expect(mismatch.body.error.code).toBe(133005);
	});

	it('allows 10 register/deregister calls per 72 hours, then answers 133016', async () => {
		sandbox.seed({ phoneNumbers: [{ id: '9', pin: '123456' }] });
		for (let i = 0; i < 10; i++) {
			const path = i % 2 ? '/9/register' : '/9/deregister';
			expect((await call('POST', path, { messaging_product: 'whatsapp', pin: '123456' })).status).toBe(200);
		}
		const limited = await call('POST', '/9/register', { messaging_product: 'whatsapp', pin: '123456' });
		expect(limited.body.error.code).toBe(133016);
		sandbox.state.phoneNumbers.get('9')!.registration_attempts = [Date.now() - 73 * 3600 * 1000];
		expect((await call('POST', '/9/register', { messaging_product: 'whatsapp', pin: '123456' })).status).toBe(200);
	});

	it('serves the business profile as {data:[...]} and enforces Meta\'s limits on update', async () => {
		sandbox.seed({ phoneNumbers: [{ id: '5', profile: { about: 'Hi', profile_picture: { data: 'PNG', mime_type: 'image/png' } } }] });
		const profile = await call('GET', '/5/whatsapp_business_profile?fields=about,profile_picture_url');
		expect(profile.body.data).toEqual([{ about: 'Hi', profile_picture_url: expect.stringMatching(new RegExp(`^${sandbox.url}/pps/`)), messaging_product: 'whatsapp' }]);
		const picture = await fetch(profile.body.data[0].profile_picture_url);
		expect(picture.status).toBe(200);
		expect(await picture.text()).toBe('PNG');

		for (const body of [
			{ about: 'x' },
			{ messaging_product: 'whatsapp', about: '' },
			{ messaging_product: 'whatsapp', about: 'a'.repeat(140) },
			{ messaging_product: 'whatsapp', description: 'a'.repeat(513) },
			{ messaging_product: 'whatsapp', websites: ['a.example'] },
			{ messaging_product: 'whatsapp', websites: ['https://a', 'https://b', 'https://c'] },
			{ messaging_product: 'whatsapp', vertical: 'CARS' },
			{ messaging_product: 'whatsapp', profile_picture_handle: '4::nope' },
		]) {
			expect((await call('POST', '/5/whatsapp_business_profile', body)).status).toBe(400);
		}
		expect((await call('POST', '/5/whatsapp_business_profile', { messaging_product: 'whatsapp', about: 'New', description: 'a'.repeat(512) })).body).toEqual({
			success: true,
		});
		expect(sandbox.state.phoneNumbers.get('5')!.profile.about).toBe('New');
	});

	it('sets the two-step PIN and refuses a malformed one', async () => {
		sandbox.seed({ phoneNumbers: [{ id: '6' }] });
		expect((await call('POST', '/6', { pin: '12' })).status).toBe(400);
		expect((await call('POST', '/6', { pin: '000111' })).body).toEqual({ success: true });
		expect(sandbox.state.phoneNumbers.get('6')).toMatchObject({ pin: '000111', is_pin_enabled: true });
	});
});
