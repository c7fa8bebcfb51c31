import { Container } from '@n8n/di';
import { BinaryDataService } from 'n8n-core';
import type { IDataObject } from 'n8n-workflow';

import { useSandbox } from '../helpers/sandbox';
import { jsonOf, runNode, sandboxCredential } from '../helpers/workflow';

const PHONE = '106540352242922';
const rl = (value: string) => ({ __rl: true, mode: 'id', value });

describe('QR Code operations through WorkflowExecute', () => {
	const sandbox = useSandbox({ seed: { phoneNumbers: [{ id: PHONE, display_phone_number: '+1 555-013-3700' }] } });
	const run = (parameters: IDataObject, continueOnFail = false) =>
		runNode({ parameters: { resource: 'qrCode', phoneNumberId: rl(PHONE), ...parameters }, credential: sandboxCredential(sandbox), continueOnFail });

	it('creates a code, finds it, changes its message, lists it and deletes it', async () => {
		const [created] = jsonOf(await run({ operation: 'create', prefilledMessage: 'Show me the Cyber Monday deals!', imageFormat: 'SVG' }));
		const code = created.code as string;
		expect(created).toEqual({
			code: expect.stringMatching(/^[A-Z0-9]{14}$/),
			prefilled_message: 'Show me the Cyber Monday deals!',
			deep_link_url: `https://wa.me/message/${code}`,
			qr_image_url: expect.stringMatching(/\.svg$/),
			phone_number_id: PHONE,
		});
		expect(sandbox.requestsTo('POST', `/${PHONE}/message_qrdls`)[0].body).toEqual({ prefilled_message: 'Show me the Cyber Monday deals!', generate_qr_image: 'SVG' });

		// The short link Meta answered is accepted where the code is asked for.
		const [found] = jsonOf(await run({ operation: 'get', code: `https://wa.me/message/${code}`, imageFormat: 'PNG' }));
		expect(found).toMatchObject({ code, qr_image_url: expect.stringMatching(/\.png$/), phone_number_id: PHONE });
		const get = sandbox.requestsTo('GET', `/${PHONE}/message_qrdls/${code}`)[0];
		expect(get.query.fields).toBe('code,prefilled_message,deep_link_url,qr_image_url.format(PNG)');

		const [updated] = jsonOf(await run({ operation: 'update', code, prefilledMessage: 'Show me the Cyber Tuesday deals!', imageFormat: 'PNG' }));
		expect(updated).toMatchObject({ code, prefilled_message: 'Show me the Cyber Tuesday deals!', deep_link_url: `https://wa.me/message/${code}` });
		expect(sandbox.requestsTo('POST', `/${PHONE}/message_qrdls`)[1].body).toEqual({ code, prefilled_message: 'Show me the Cyber Tuesday deals!', generate_qr_image: 'PNG' });

		const listed = jsonOf(await run({ operation: 'getAll', returnAll: true }));
		expect(listed).toEqual([{ code, prefilled_message: 'Show me the Cyber Tuesday deals!', deep_link_url: `https://wa.me/message/${code}`, phone_number_id: PHONE }]);

		expect(jsonOf(await run({ operation: 'delete', code }))).toEqual([{ success: true, code, phone_number_id: PHONE }]);
		const gone = await run({ operation: 'get', code });
		expect(gone.error?.message).toBe(`Meta returned no QR code "${code}" for phone number ${PHONE}`);
	});

	it('downloads the image into a binary field without sending the token to the image link', async () => {
		const created = await run({ operation: 'create', prefilledMessage: 'Table 12', imageFormat: 'SVG', downloadImage: true, binaryPropertyName: 'qr' });
		const [item] = created.items;
		expect(item.json.image_error).toBeUndefined();
		expect(item.binary?.qr).toMatchObject({ mimeType: 'image/svg+xml', fileName: `qr-${item.json.code}.svg` });
		const svg = (await Container.get(BinaryDataService).getAsBuffer(item.binary!.qr)).toString('utf8');
		expect(svg).toContain(`<title>${item.json.code}</title>`);
		const imageCall = sandbox.requests.find((request) => request.path.startsWith('/qr-images/'));
		expect(imageCall?.headers.authorization).toBeUndefined();

		const got = await run({ operation: 'get', code: item.json.code, imageFormat: 'PNG', downloadImage: true, binaryPropertyName: 'data' });
		expect(got.items[0].binary?.data).toMatchObject({ mimeType: 'image/png', fileName: `qr-${item.json.code}.png` });
	});

	it('keeps a created code when its image cannot be downloaded, and says why', async () => {
		sandbox.faults.queue.push({ method: 'GET', pathIncludes: '/qr-images/', status: 404, body: 'Not Found' });
		const created = await run({ operation: 'create', prefilledMessage: 'Table 13', imageFormat: 'PNG', downloadImage: true, binaryPropertyName: 'data' });
		expect(created.error).toBeUndefined();
		const [item] = created.items;
		expect(item.json).toMatchObject({ code: expect.any(String), prefilled_message: 'Table 13' });
		expect(item.json.image_error).toMatch(/^The QR code image was not downloaded: /);
		expect(item.binary).toBeUndefined();
		expect(sandbox.requestsTo('POST', '/message_qrdls')).toHaveLength(1);
	});

	it('pages through more codes than one page holds, newest first, up to the limit', async () => {
		sandbox.seed({ qrCodes: Array.from({ length: 130 }, (_, index) => ({ phone_number_id: PHONE, code: `CODE${String(index).padStart(10, '0')}`, prefilled_message: `m${index}` })) });
		const all = jsonOf(await run({ operation: 'getAll', returnAll: true }));
		expect(all).toHaveLength(130);
		expect(all[0].code).toBe('CODE0000000129');
		expect(sandbox.requestsTo('GET', `/${PHONE}/message_qrdls`)).toHaveLength(2);
		expect(jsonOf(await run({ operation: 'getAll', returnAll: false, limit: 3 })).map((qr) => qr.prefilled_message)).toEqual(['m129', 'm128', 'm127']);
	});

	it('refuses a missing or too long message, a code that is not one, and a phone number instead of its ID, before any request', async () => {
		expect((await run({ operation: 'create', prefilledMessage: ' ' })).error?.message).toBe('Field "Prefilled Message": is empty');
		expect((await run({ operation: 'create', prefilledMessage: 'x'.repeat(141) })).error?.message).toBe('Field "Prefilled Message": has 141 characters; Meta allows at most 140');
		expect((await run({ operation: 'delete', code: 'wa.me/16505551234' })).error?.message).toBe(
			'Field "QR Code": must be a QR code ID (letters and digits) or its wa.me/message link, not "wa.me/16505551234"',
		);
		// An expression, so the value reaches the node past the locator's own regex.
		const wrongNumber = await run({ operation: 'getAll', phoneNumberId: rl('={{ "+1 555 013 3700" }}'), returnAll: true });
		expect(wrongNumber.error?.message).toBe('Field "Business Phone Number": must be a phone number ID (digits only), not "+1 555 013 3700"');
		expect((await run({ operation: 'get', code: 'ABC', downloadImage: true })).error?.message).toBe('Field "Image Format": must be PNG or SVG to download the image');
		expect(sandbox.requests.filter((request) => request.path.includes('message_qrdls'))).toHaveLength(0);
	});

	it("turns Meta's refusal of an unknown code into an error with Meta's code and trace ID", async () => {
		const result = await run({ operation: 'update', code: 'NOSUCHCODE0001', prefilledMessage: 'Hi' });
		expect(result.error?.message).toBe('Meta error 100: No QR code NOSUCHCODE0001 on this phone number');
		expect(result.error?.context?.metaCode).toBe(100);
		expect(result.error?.context?.fbtraceId).toEqual(expect.any(String));
	});
});
