import { useSandbox } from '../helpers/sandbox';
import { PHONE_ID, baseSeed } from './messagesKit';

/** GET and POST /{phone-number-id}/whatsapp_commerce_settings as Meta's Commerce Settings reference documents them. */
describe('sandbox: commerce settings', () => {
	const sandbox = useSandbox({ seed: baseSeed });
	const call = async (method: string, query = '') => {
		const response = await fetch(`${sandbox.url}/v25.0/${PHONE_ID}/whatsapp_commerce_settings${query}`, { method, headers: { Authorization: `Bearer ${sandbox.state.token}` } });
		return { status: response.status, json: (await response.json()) as Record<string, any> };
	};

	it('answers an empty list until set, then the settings; POST takes query booleans', async () => {
		expect((await call('GET')).json).toEqual({ data: [] });
		expect((await call('POST', '?is_cart_enabled=false')).json).toEqual({ success: true });
		expect((await call('GET')).json.data).toEqual([{ id: expect.stringMatching(/^\d+$/), is_cart_enabled: false, is_catalog_visible: false }]);
		await call('POST', '?is_catalog_visible=true');
		expect((await call('GET')).json.data[0]).toMatchObject({ is_cart_enabled: false, is_catalog_visible: true });
	});

	it('refuses a setting that is not a boolean', async () => {
		const { status, json } = await call('POST', '?is_cart_enabled=maybe');
		expect(status).toBe(400);
		expect(json.error.code).toBe(100);
	});
});
