import { searchPhoneNumbers } from '../../nodes/WhatsAppBusinessManagement/methods/phoneNumbers';
import { loadOptionsContext } from '../helpers/loadOptions';
import { useSandbox } from '../helpers/sandbox';

describe('Phone number resource locator search', () => {
	const sandbox = useSandbox({
		seed: {
			phoneNumbers: [
				{ id: '11', display_phone_number: '+1 555-010-0199', verified_name: 'Sandbox Motors' },
				{ id: '12', display_phone_number: '+44 7700 900123', verified_name: 'Sandbox Vans' },
			],
		},
	});

	it('lists every number with its display number and name', async () => {
		const result = await searchPhoneNumbers.call(loadOptionsContext(sandbox));
		expect(result.results).toEqual([
			{ name: '+1 555-010-0199 (Sandbox Motors)', value: '11' },
			{ name: '+44 7700 900123 (Sandbox Vans)', value: '12' },
		]);
		expect(sandbox.requestsTo('GET', '/phone_numbers')[0].query).toMatchObject({ fields: 'id,display_phone_number,verified_name', limit: '100' });
	});

	it('filters by name, by digits of the number, and by ID', async () => {
		const context = loadOptionsContext(sandbox);
		expect((await searchPhoneNumbers.call(context, 'vans')).results.map((r) => r.value)).toEqual(['12']);
		expect((await searchPhoneNumbers.call(context, '7700-900')).results.map((r) => r.value)).toEqual(['12']);
		expect((await searchPhoneNumbers.call(context, '11')).results.map((r) => r.value)).toEqual(['11']);
	});
});
