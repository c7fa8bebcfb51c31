import { Container } from '@n8n/di';
import { createHash } from 'node:crypto';
import { BinaryDataService } from 'n8n-core';
import type { IBinaryData, INodeExecutionData } from 'n8n-workflow';

import { useSandbox } from '../helpers/sandbox';
import { jsonOf, runNode, sandboxCredential } from '../helpers/workflow';

const PHONE = '106540352242922';
const SECOND = '106540352242923';
const rl = (value: string) => ({ __rl: true, mode: 'id', value });
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

function pngItem(data: Buffer, field = 'picture'): INodeExecutionData {
	return { json: {}, binary: { [field]: { data: data.toString('base64'), mimeType: 'image/png', fileName: 'logo.png' } as IBinaryData } };
}

describe('Sender: numbers and business profiles through WorkflowExecute', () => {
	const sandbox = useSandbox({
		seed: {
			phoneNumbers: [
				{ id: PHONE, verified_name: 'Sandbox Motors', display_phone_number: '+1 555-010-0199', quality_rating: 'GREEN' },
				{ id: SECOND, verified_name: 'Sandbox Vans', account_mode: 'SANDBOX', quality_rating: 'YELLOW', throughput: { level: 'HIGH' } },
			],
		},
	});

	const run = (parameters: Record<string, unknown>, items?: INodeExecutionData[]) =>
		runNode({ parameters: { resource: 'sender', ...parameters }, credential: sandboxCredential(sandbox), items });

	it('lists the numbers with the current messaging limit, not the deprecated tier', async () => {
		const result = await run({ operation: 'getAll', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toEqual([
			{
				id: PHONE,
				display_phone_number: '+1 555-010-0199',
				verified_name: 'Sandbox Motors',
				quality_rating: 'GREEN',
				status: 'CONNECTED',
				name_status: 'APPROVED',
				code_verification_status: 'VERIFIED',
				platform_type: 'CLOUD_API',
				throughput: { level: 'STANDARD' },
				throughput_level: 'STANDARD',
				whatsapp_business_manager_messaging_limit: 'TIER_2K',
				messaging_limit: 'TIER_2K',
				account_mode: 'LIVE',
				is_pin_enabled: false,
			},
			expect.objectContaining({ id: SECOND, quality_rating: 'YELLOW', throughput_level: 'HIGH' }),
		]);
		const [call] = sandbox.requestsTo('GET', '/phone_numbers');
		expect(call.query.fields).toContain('whatsapp_business_manager_messaging_limit');
		expect(call.query.fields).not.toContain('messaging_limit_tier');
		expect(call.query.limit).toBe('100');
	});

	it('asks a Graph version before v24.0 for messaging_limit_tier, the field that exists there', async () => {
		const older = (parameters: Record<string, unknown>) =>
			runNode({ parameters: { resource: 'sender', ...parameters }, credential: sandboxCredential(sandbox, { apiVersion: 'v23.0' }) });
		const list = await older({ operation: 'getAll', returnAll: true });
		expect(list.error).toBeUndefined();
		expect(jsonOf(list)[0]).toMatchObject({ id: PHONE, messaging_limit_tier: 'TIER_1K', messaging_limit: 'TIER_1K' });
		const one = await older({ operation: 'get', phoneNumberId: rl(SECOND) });
		expect(jsonOf(one)).toEqual([expect.objectContaining({ id: SECOND, messaging_limit: 'TIER_1K' })]);
		for (const call of [sandbox.requestsTo('GET', '/phone_numbers')[0], sandbox.requestsTo('GET', `/${SECOND}`)[0]]) {
			expect(call.path.startsWith('/v23.0/')).toBe(true);
			expect(call.query.fields.split(',')).toContain('messaging_limit_tier');
			expect(call.query.fields).not.toContain('whatsapp_business_manager_messaging_limit');
		}
	});

	it('filters by account mode and sorts through Meta\'s parameters', async () => {
		const result = await run({ operation: 'getAll', returnAll: true, filters: { accountMode: 'SANDBOX', sort: 'creation_time.desc' } });
		expect(jsonOf(result).map((n) => n.id)).toEqual([SECOND]);
		const [call] = sandbox.requestsTo('GET', '/phone_numbers');
		expect(JSON.parse(call.query.filtering)).toEqual([{ field: 'account_mode', operator: 'EQUAL', value: 'SANDBOX' }]);
		expect(call.query.sort).toBe('creation_time.desc');
	});

	it('pages through many numbers and stops at the limit', async () => {
		sandbox.seed({ phoneNumbers: Array.from({ length: 150 }, (_, i) => ({ id: String(200000 + i) })) });
		const all = await run({ operation: 'getAll', returnAll: true });
		expect(all.items).toHaveLength(152);
		expect(sandbox.requestsTo('GET', '/phone_numbers')).toHaveLength(2);
		sandbox.clearRequests();
		const some = await run({ operation: 'getAll', returnAll: false, limit: 3 });
		expect(some.items).toHaveLength(3);
		expect(sandbox.requestsTo('GET', '/phone_numbers')[0].query.limit).toBe('3');
	});

	it('gets one number by ID', async () => {
		const result = await run({ operation: 'get', phoneNumberId: rl(SECOND) });
		expect(jsonOf(result)).toEqual([expect.objectContaining({ id: SECOND, verified_name: 'Sandbox Vans', account_mode: 'SANDBOX', messaging_limit: 'TIER_2K' })]);
		expect(sandbox.requestsTo('GET', `/${SECOND}`)[0].query.fields.split(',')).toContain('name_status');
	});

	it('reports an unknown phone number with Meta\'s code and hint', async () => {
		const result = await run({ operation: 'get', phoneNumberId: rl('999') });
		expect(result.error?.message).toMatch(/^Meta error 100\/33/);
	});

	it('gets the business profile from Meta\'s {data:[...]} answer', async () => {
		const result = await run({ operation: 'getBusinessProfile', phoneNumberId: rl(PHONE) });
		expect(jsonOf(result)).toEqual([
			{
				phone_number_id: PHONE,
				about: 'Cars, vans and test drives.',
				address: '1 Sandbox Way, Menlo Park',
				description: 'The sandbox dealership.',
				email: 'hello@sandbox-motors.example',
				vertical: 'AUTO',
				websites: ['https://sandbox-motors.example'],
				messaging_product: 'whatsapp',
			},
		]);
		expect(sandbox.requestsTo('GET', '/whatsapp_business_profile')[0].query.fields).toBe(
			'about,address,description,email,profile_picture_url,websites,vertical',
		);
	});

	it('updates the profile with a picture through the resumable upload, then downloads the same picture', async () => {
		const picture = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.alloc(4000, 3)]);
		const result = await run(
			{
				operation: 'updateBusinessProfile',
				phoneNumberId: rl(PHONE),
				updateFields: {
					about: 'Open 7 days',
					vertical: 'RETAIL',
					websites: 'https://a.example, http://b.example',
					profilePictureBinaryField: 'picture',
				},
			},
			[pngItem(picture)],
		);
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toEqual([
			{ success: true, phone_number_id: PHONE, updated: ['about', 'vertical', 'websites', 'profile_picture'] },
		]);
		const session = sandbox.requestsTo('POST', `/${sandbox.state.appId}/uploads`);
		expect(session[0].query).toEqual({ file_name: 'logo.png', file_length: String(picture.length), file_type: 'image/png' });
		const [update] = sandbox.requestsTo('POST', '/whatsapp_business_profile');
		expect(update.body).toEqual({
			messaging_product: 'whatsapp',
			about: 'Open 7 days',
			vertical: 'RETAIL',
			websites: ['https://a.example', 'http://b.example'],
			profile_picture_handle: expect.stringMatching(/^4::/),
		});
		expect(sandbox.state.phoneNumbers.get(PHONE)!.profile.about).toBe('Open 7 days');

		sandbox.clearRequests();
		const downloaded = await run({ operation: 'downloadProfilePicture', phoneNumberId: rl(PHONE), binaryPropertyName: 'logo' });
		expect(downloaded.error).toBeUndefined();
		const [item] = downloaded.items;
		expect(item.json).toEqual({
			phone_number_id: PHONE,
			mime_type: 'image/png',
			file_size: picture.length,
			sha256: sha256(picture),
			file_name: `profile-picture-${PHONE}.png`,
		});
		const bytes = await Container.get(BinaryDataService).getAsBuffer(item.binary!.logo);
		expect(bytes.equals(picture)).toBe(true);
		// The picture link is public at Meta: the token does not travel with it.
		const pictureCall = sandbox.requests.find((r) => r.path.startsWith('/pps/'));
		expect(pictureCall?.headers.authorization).toBeUndefined();
	});

	it('says so when a number has no profile picture', async () => {
		const result = await run({ operation: 'downloadProfilePicture', phoneNumberId: rl(PHONE), binaryPropertyName: 'data' });
		expect(result.error?.message).toBe(`Phone number ${PHONE} has no profile picture`);
		expect(sandbox.requests.filter((r) => r.path.startsWith('/pps/'))).toHaveLength(0);
	});

	describe('refuses a profile update before sending', () => {
		it.each([
			['an empty about', { about: '' }, 'Field "About": must be 1 to 139 characters, got 0'],
			['an about of 140 characters', { about: 'a'.repeat(140) }, 'Field "About": must be 1 to 139 characters, got 140'],
			['an address of 257 characters', { address: 'a'.repeat(257) }, 'Field "Address": must be at most 256 characters, got 257'],
			['a description of 513 characters', { description: 'a'.repeat(513) }, 'Field "Description": must be at most 512 characters, got 513'],
			['an email of 132 characters', { email: `${'a'.repeat(120)}@example.com` }, 'Field "Email": must be at most 128 characters, got 132'],
			['an email without @', { email: 'not-an-email' }, 'Field "Email": must be an email address'],
			['three websites', { websites: 'https://a.example, https://b.example, https://c.example' }, 'Field "Websites": at most 2 websites, got 3'],
			['a website without http(s)', { websites: 'www.example.com' }, 'Field "Websites": "www.example.com" must start with http:// or https://'],
			['a vertical not in Meta\'s list', { vertical: 'CARS' }, 'Field "Vertical": must be one of'],
			['no field at all', {}, 'Field "Update Fields": add at least one field to update'],
			['a missing picture field', { profilePictureBinaryField: 'missing' }, 'Field "Profile Picture Binary Field": the input item has no binary field "missing"'],
		])('%s', async (_label, updateFields, message) => {
			const result = await run({ operation: 'updateBusinessProfile', phoneNumberId: rl(PHONE), updateFields });
			expect(result.error?.message).toContain(message);
			expect(sandbox.requests).toHaveLength(0);
		});

		it('a profile picture that is not JPEG or PNG', async () => {
			const item: INodeExecutionData = {
				json: {},
				binary: { picture: { data: Buffer.from('GIF89a').toString('base64'), mimeType: 'image/gif', fileName: 'a.gif' } as IBinaryData },
			};
			const result = await run(
				{ operation: 'updateBusinessProfile', phoneNumberId: rl(PHONE), updateFields: { profilePictureBinaryField: 'picture' } },
				[item],
			);
			expect(result.error?.message).toBe('Field "Profile Picture Binary Field": must be a JPEG or PNG image, not "image/gif"');
			expect(sandbox.requests).toHaveLength(0);
		});

		it('a profile picture without an App ID in the credential', async () => {
			const result = await runNode({
				parameters: {
					resource: 'sender',
					operation: 'updateBusinessProfile',
					phoneNumberId: rl(PHONE),
					updateFields: { profilePictureBinaryField: 'picture' },
				},
				credential: sandboxCredential(sandbox, { appId: '' }),
				items: [pngItem(Buffer.alloc(100, 1))],
			});
			expect(result.error?.message).toBe('The credential field "App ID" is empty');
			expect(sandbox.requests).toHaveLength(0);
		});
	});
});
