import type { IDataObject } from 'n8n-workflow';

import { useSandbox } from '../helpers/sandbox';
import { jsonOf, runNode, sandboxCredential } from '../helpers/workflow';

const PHONE = '106540352242922';
const rl = (value: string) => ({ __rl: true, mode: 'id', value });

describe('Sender > Get / Update Commerce Settings through WorkflowExecute', () => {
	const sandbox = useSandbox({ seed: { phoneNumbers: [{ id: PHONE, display_phone_number: '+1 555-013-3700' }] } });
	const run = (parameters: IDataObject) => runNode({ parameters: { resource: 'sender', phoneNumberId: rl(PHONE), ...parameters }, credential: sandboxCredential(sandbox) });

	it('reports Meta\'s defaults while never set, then the settings the node set', async () => {
		expect(jsonOf(await run({ operation: 'getCommerceSettings' }))).toEqual([{ is_cart_enabled: true, is_catalog_visible: false, phone_number_id: PHONE, never_set: true }]);
		const updated = await run({ operation: 'updateCommerceSettings', commerceSettings: { is_catalog_visible: true } });
		expect(jsonOf(updated)).toEqual([{ success: true, phone_number_id: PHONE, updated: { is_catalog_visible: true } }]);
		const post = sandbox.requestsTo('POST', `/${PHONE}/whatsapp_commerce_settings`)[0];
		expect(post.query).toEqual({ is_catalog_visible: 'true' });
		expect(jsonOf(await run({ operation: 'getCommerceSettings' }))).toEqual([
			{ id: expect.any(String), is_cart_enabled: true, is_catalog_visible: true, phone_number_id: PHONE, never_set: false },
		]);
		await run({ operation: 'updateCommerceSettings', commerceSettings: { is_cart_enabled: false, is_catalog_visible: false } });
		expect(jsonOf(await run({ operation: 'getCommerceSettings' }))[0]).toMatchObject({ is_cart_enabled: false, is_catalog_visible: false });
	});

	it('refuses an update with nothing to change, or a setting that is not a boolean, before any request', async () => {
		expect((await run({ operation: 'updateCommerceSettings' })).error?.message).toBe('Field "Update Fields": is empty');
		const text = await run({ operation: 'updateCommerceSettings', commerceSettings: { is_cart_enabled: '={{ "yes" }}' } });
		expect(text.error?.message).toBe('Field "Update Fields > Cart Enabled": must be true or false, not "yes"');
		expect(sandbox.requestsTo('POST', '/whatsapp_commerce_settings')).toHaveLength(0);
	});
});
