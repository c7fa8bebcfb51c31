import { Container } from '@n8n/di';
import { createHash } from 'node:crypto';
import { BinaryDataService } from 'n8n-core';
import type { IBinaryData, INodeExecutionData } from 'n8n-workflow';

import { useSandbox } from '../helpers/sandbox';
import { jsonOf, runNode, sandboxCredential } from '../helpers/workflow';

const PHONE = '106540352242922';
const OTHER_PHONE = '106540352242923';

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** An input item carrying a file in binary field `data`. */
function fileItem(data: Buffer, mimeType: string, fileName: string, field = 'data'): INodeExecutionData {
	return { json: { name: fileName }, binary: { [field]: { data: data.toString('base64'), mimeType, fileName } as IBinaryData } };
}

async function bytesOf(binary: IBinaryData | undefined): Promise<Buffer> {
	expect(binary).toBeDefined();
	return await Container.get(BinaryDataService).getAsBuffer(binary!);
}

/** A JPEG-looking payload of a given size (the sandbox, like Meta, checks the type parameter). */
function fakeJpeg(size: number): Buffer {
	const data = Buffer.alloc(size, 7);
	data[0] = 0xff;
	data[1] = 0xd8;
	data[2] = 0xff;
	for (let i = 3; i < size; i++) data[i] = (i * 31) % 251;
	return data;
}

function webp(size: number, animated: boolean): Buffer {
	const data = Buffer.alloc(size, 0);
	data.write('RIFF', 0, 'ascii');
	data.writeUInt32LE(size - 8, 4);
	data.write('WEBP', 8, 'ascii');
	data.write('VP8X', 12, 'ascii');
	data[20] = animated ? 0x02 : 0;
	if (animated) data.write('ANIM', 30, 'ascii');
	return data;
}

/** Files of 16-100 MB travel through the workflow as base64; on a busy machine that takes a while. */
const BIG_FILE_TIMEOUT_MS = 120_000;

const phoneLocator = (value: string) => ({ __rl: true, mode: 'id', value });

describe('Media through WorkflowExecute', () => {
	const sandbox = useSandbox({ seed: { phoneNumbers: [{ id: PHONE }, { id: OTHER_PHONE }] } });

	const upload = (items: INodeExecutionData[], extra: Record<string, unknown> = {}) =>
		runNode({
			parameters: { resource: 'media', operation: 'upload', phoneNumberId: phoneLocator(PHONE), binaryPropertyName: 'data', ...extra },
			credential: sandboxCredential(sandbox),
			items,
		});

	const download = (mediaId: string, extra: Record<string, unknown> = {}) =>
		runNode({
			parameters: { resource: 'media', operation: 'download', mediaId, binaryPropertyName: 'file', ...extra },
			credential: sandboxCredential(sandbox),
		});

	it('uploads a file as multipart, then downloads the same bytes and sha256', async () => {
		const original = fakeJpeg(300_000);
		const uploaded = await upload([fileItem(original, 'image/jpeg', 'car.jpg')]);
		expect(uploaded.error).toBeUndefined();
		const [json] = jsonOf(uploaded);
		expect(json).toEqual({
			id: expect.stringMatching(/^\d+$/),
			phone_number_id: PHONE,
			mime_type: 'image/jpeg',
			file_name: 'car.jpg',
			file_size: 300_000,
			sha256: sha256(original),
		});
		const [call] = sandbox.requestsTo('POST', `/${PHONE}/media`);
		expect(call.contentType).toMatch(/^multipart\/form-data; boundary=/);
		expect(call.body).toEqual({ messaging_product: 'whatsapp', type: 'image/jpeg' });
		expect(call.files).toEqual([
			{ field: 'file', filename: 'car.jpg', contentType: 'image/jpeg', size: 300_000, sha256: sha256(original) },
		]);

		sandbox.clearRequests();
		const downloaded = await download(String(json.id));
		expect(downloaded.error).toBeUndefined();
		const [item] = downloaded.items;
		expect(item.json).toEqual({
			id: json.id,
			mime_type: 'image/jpeg',
			file_size: 300_000,
			sha256: sha256(original),
			sha256_verified: true,
			file_name: `${String(json.id)}.jpg`,
		});
		expect(item.binary?.file?.mimeType).toBe('image/jpeg');
		const bytes = await bytesOf(item.binary?.file);
		expect(bytes.equals(original)).toBe(true);
		expect(sha256(bytes)).toBe(sandbox.state.media.get(String(json.id))!.sha256);
		expect(sandbox.requestsTo('GET', `/${String(json.id)}`)).toHaveLength(1);
		const fileCalls = sandbox.requests.filter((r) => r.path.startsWith('/whatsapp_business/attachments/'));
		expect(fileCalls).toHaveLength(1);
		expect(fileCalls[0].authenticated).toBe(true);
	});

	it('round-trips a PDF document with the file name and MIME type given as options', async () => {
		const pdf = Buffer.from('%PDF-1.7\n' + 'x'.repeat(5000));
		const uploaded = await upload([fileItem(pdf, 'application/octet-stream', 'unknown.bin')], {
			options: { mimeType: 'application/pdf', fileName: 'brochure.pdf' },
		});
		expect(uploaded.error).toBeUndefined();
		const id = String(jsonOf(uploaded)[0].id);
		expect(sandbox.requestsTo('POST', '/media')[0].files[0]).toMatchObject({ filename: 'brochure.pdf', contentType: 'application/pdf' });
		const downloaded = await download(id, { options: { fileName: 'copy.pdf' } });
		expect(downloaded.items[0].binary?.file?.fileName).toBe('copy.pdf');
		expect((await bytesOf(downloaded.items[0].binary?.file)).equals(pdf)).toBe(true);
	});

	it('uploads one file per input item, keeping order and pairing', async () => {
		const a = fakeJpeg(1000);
		const b = Buffer.from('hello as text');
		const result = await upload([fileItem(a, 'image/jpeg', 'a.jpg'), fileItem(b, 'text/plain', 'b.txt')]);
		expect(jsonOf(result).map((j) => [j.file_name, j.mime_type])).toEqual([
			['a.jpg', 'image/jpeg'],
			['b.txt', 'text/plain'],
		]);
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(sandbox.state.media.size).toBe(2);
	});

	describe('refuses before sending', () => {
		it.each([
			['an image over 5 MB', fakeJpeg(5 * 1024 * 1024 + 1), 'image/jpeg', /over WhatsApp's 5 MB limit for a image \(image\/jpeg\)/],
			['a video over 16 MB', Buffer.alloc(16 * 1024 * 1024 + 1), 'video/mp4', /over WhatsApp's 16 MB limit for a video/],
			['an audio file over 16 MB', Buffer.alloc(16 * 1024 * 1024 + 1), 'audio/ogg', /16 MB limit for a audio/],
			['a static sticker over 100 KB', webp(100 * 1024 + 1, false), 'image/webp', /100 KB limit for a static sticker/],
			['an animated sticker over 500 KB', webp(500 * 1024 + 1, true), 'image/webp', /500 KB limit for a animated sticker/],
			['a type WhatsApp does not take', Buffer.from('GIF89a'), 'image/gif', /Field "MIME Type": "image\/gif" is not a type WhatsApp accepts/],
			['an empty file', Buffer.alloc(0), 'text/plain', /Field "Input Binary Field": the file is empty/],
		])('%s', async (_label, data, mimeType, message) => {
			const result = await upload([fileItem(data, mimeType, 'f')]);
			expect(result.error?.message).toMatch(message);
			expect(sandbox.requests).toHaveLength(0);
		}, BIG_FILE_TIMEOUT_MS);

		it('a document over 100 MB', async () => {
			const result = await upload([fileItem(Buffer.alloc(100 * 1024 * 1024 + 1), 'application/pdf', 'big.pdf')]);
			expect(result.error?.message).toMatch(/over WhatsApp's 100 MB limit for a document/);
			expect(sandbox.requests).toHaveLength(0);
		}, BIG_FILE_TIMEOUT_MS);

		it('an animated sticker under 500 KB is accepted where a static one would not be', async () => {
			const result = await upload([fileItem(webp(300 * 1024, true), 'image/webp', 'wave.webp')]);
			expect(result.error).toBeUndefined();
			expect(sandbox.requestsTo('POST', '/media')).toHaveLength(1);
		});

		it('an input item without the binary field', async () => {
			const result = await upload([{ json: {} }]);
			expect(result.error?.message).toBe('Field "Input Binary Field": the input item has no binary field "data"');
			expect(sandbox.requests).toHaveLength(0);
		});

		it('a phone number that is not an ID', async () => {
			const result = await upload([fileItem(Buffer.from('x'), 'text/plain', 'x.txt')], {
				// An expression, so the value reaches the node past the locator's own regex.
				phoneNumberId: phoneLocator('={{ "+1 555 0100" }}'),
			});
			expect(result.error?.message).toBe('Field "Phone Number": must be a phone number ID (digits only), not "+1 555 0100"');
			expect(sandbox.requests).toHaveLength(0);
		});

		it('a media ID that is not an ID', async () => {
			for (const operation of ['get', 'download', 'delete']) {
				const result = await runNode({
					parameters: { resource: 'media', operation, mediaId: 'abc' },
					credential: sandboxCredential(sandbox),
				});
				expect(result.error?.message).toBe('Field "Media ID": must be a media ID (digits only), not "abc"');
			}
			expect(sandbox.requests).toHaveLength(0);
		});

		it('a media URL on a host that is not Meta\'s (the token would travel with it)', async () => {
			const result = await download('123', { options: { mediaUrl: 'https://collector.example/steal?x=1' } });
			expect(result.error?.message).toBe(
				'Field "Media URL": must be a media link on a Meta host such as lookaside.fbsbx.com, not "collector.example"',
			);
			expect(result.error?.description).toMatch(/No request was sent/);
			expect(sandbox.requests).toHaveLength(0);
		});

		it('a media URL that is not http(s)', async () => {
			const result = await download('123', { options: { mediaUrl: 'file:///etc/passwd' } });
			expect(result.error?.message).toBe('Field "Media URL": must start with http:// or https://');
			expect(sandbox.requests).toHaveLength(0);
		});
	});

	it('passes Meta\'s refusal of an upload to an unknown phone number through with a hint', async () => {
		const result = await upload([fileItem(Buffer.from('x'), 'text/plain', 'x.txt')], { phoneNumberId: phoneLocator('999999') });
		expect(result.error?.message).toMatch(/^Meta error 100\/33: Unsupported get request/);
		expect(sandbox.requestsTo('POST', '/999999/media')).toHaveLength(1);
	});

	it('gets the URL and metadata, turning Meta\'s string file_size into a number', async () => {
		sandbox.seed({ media: [{ id: '4490709327384033', phone_number_id: PHONE, mime_type: 'audio/ogg', data: Buffer.alloc(2048, 1) }] });
		const result = await runNode({
			parameters: { resource: 'media', operation: 'get', mediaId: '4490709327384033' },
			credential: sandboxCredential(sandbox),
		});
		expect(jsonOf(result)).toEqual([
			{
				messaging_product: 'whatsapp',
				url: expect.stringContaining(`${sandbox.url}/whatsapp_business/attachments/?mid=4490709327384033`),
				mime_type: 'audio/ogg',
				sha256: sha256(Buffer.alloc(2048, 1)),
				file_size: 2048,
				id: '4490709327384033',
			},
		]);
		expect(sandbox.requestsTo('GET', '/4490709327384033')[0].query).toEqual({});
	});

	it('checks ownership with the optional phone number ID on get and delete', async () => {
		sandbox.seed({ media: [{ id: '4490709327384033', phone_number_id: PHONE }] });
		const wrongOwner = await runNode({
			parameters: { resource: 'media', operation: 'get', mediaId: '4490709327384033', phoneNumberId: phoneLocator(OTHER_PHONE) },
			credential: sandboxCredential(sandbox),
		});
		expect(wrongOwner.error?.message).toMatch(/^Meta error 100: .*does not belong to phone number/);
		expect(sandbox.requestsTo('GET', '/4490709327384033')[0].query).toEqual({ phone_number_id: OTHER_PHONE });

		const refused = await runNode({
			parameters: { resource: 'media', operation: 'delete', mediaId: '4490709327384033', phoneNumberId: phoneLocator(OTHER_PHONE) },
			credential: sandboxCredential(sandbox),
		});
		expect(refused.error?.message).toMatch(/does not belong/);
		expect(sandbox.state.media.has('4490709327384033')).toBe(true);

		const deleted = await runNode({
			parameters: { resource: 'media', operation: 'delete', mediaId: '4490709327384033', phoneNumberId: phoneLocator(PHONE) },
			credential: sandboxCredential(sandbox),
		});
		expect(jsonOf(deleted)).toEqual([{ success: true, id: '4490709327384033' }]);
		expect(sandbox.requestsTo('DELETE', '/4490709327384033').map((r) => r.query)).toEqual([
			{ phone_number_id: OTHER_PHONE },
			{ phone_number_id: PHONE },
		]);
		expect(sandbox.state.media.has('4490709327384033')).toBe(false);
	});

	it('deletes without a phone number ID', async () => {
		sandbox.seed({ media: [{ id: '4490709327384034' }] });
		const deleted = await runNode({
			parameters: { resource: 'media', operation: 'delete', mediaId: '4490709327384034' },
			credential: sandboxCredential(sandbox),
		});
		expect(jsonOf(deleted)).toEqual([{ success: true, id: '4490709327384034' }]);
		expect(sandbox.requestsTo('DELETE', '/4490709327384034')[0].query).toEqual({});
	});

	it('fetches a fresh URL once when a given URL has expired', async () => {
		const data = Buffer.from('received voice note');
		sandbox.seed({ media: [{ id: '4490709327384035', phone_number_id: PHONE, mime_type: 'audio/ogg', data }] });
		const info = await runNode({
			parameters: { resource: 'media', operation: 'get', mediaId: '4490709327384035' },
			credential: sandboxCredential(sandbox),
		});
		const staleUrl = String(jsonOf(info)[0].url);
		for (const issued of sandbox.state.mediaUrls.values()) issued.expiresAt = 0;
		sandbox.clearRequests();

		const result = await download('4490709327384035', { options: { mediaUrl: staleUrl } });
		expect(result.error).toBeUndefined();
		expect((await bytesOf(result.items[0].binary?.file)).equals(data)).toBe(true);
		expect(result.items[0].json.sha256_verified).toBe(true);
		const sequence = sandbox.requests.map((r) => `${r.method} ${r.path.replace(/^\/v\d+\.\d+/, '')} ${r.status}`);
		expect(sequence).toEqual([
			'GET /whatsapp_business/attachments/ 404',
			'GET /4490709327384035 200',
			'GET /whatsapp_business/attachments/ 200',
		]);
	});

	it('retries once when the looked-up URL answers 404, and gives up after a second 404', async () => {
		const data = Buffer.from('image bytes');
		sandbox.seed({ media: [{ id: '4490709327384036', phone_number_id: PHONE, mime_type: 'image/png', data }] });
		sandbox.setFaults({ queue: [{ method: 'GET', pathIncludes: '/whatsapp_business/attachments/', status: 404, body: 'Not Found' }] });
		const once = await download('4490709327384036');
		expect(once.error).toBeUndefined();
		expect((await bytesOf(once.items[0].binary?.file)).equals(data)).toBe(true);
		expect(sandbox.requestsTo('GET', '/4490709327384036')).toHaveLength(2);

		sandbox.clearRequests();
		sandbox.setFaults({ queue: [{ method: 'GET', pathIncludes: '/whatsapp_business/attachments/', status: 404, body: 'Not Found', times: 2 }] });
		const twice = await download('4490709327384036');
		expect(twice.error?.message).toBe('The download URL for media 4490709327384036 answered 404 twice');
		expect(sandbox.requestsTo('GET', '/4490709327384036')).toHaveLength(2);
		expect(sandbox.requests.filter((r) => r.path.startsWith('/whatsapp_business/'))).toHaveLength(2);
	});

	it('refuses a download whose bytes do not match Meta\'s sha256', async () => {
		sandbox.seed({ media: [{ id: '4490709327384037', phone_number_id: PHONE, mime_type: 'text/plain', data: 'original' }] });
		sandbox.state.media.get('4490709327384037')!.data = Buffer.from('tampered');
		const result = await download('4490709327384037');
		expect(result.error?.message).toBe('The downloaded file for media 4490709327384037 does not match Meta\'s sha256');
	});

	it('reports an unknown media ID with Meta\'s code', async () => {
		const result = await download('1234567');
		expect(result.error?.message).toMatch(/^Meta error 100\/33/);
		expect(result.error?.description).toMatch(/fbtrace_id/);
	});

	it('under Continue On Fail gives one error item per failed download', async () => {
		sandbox.seed({ media: [{ id: '4490709327384038', data: 'ok' }] });
		const result = await runNode({
			parameters: { resource: 'media', operation: 'download', mediaId: '={{ $json.id }}', binaryPropertyName: 'data' },
			credential: sandboxCredential(sandbox),
			items: [{ id: '4490709327384038' }, { id: '1234567' }],
			continueOnFail: true,
		});
		expect(result.items).toHaveLength(2);
		expect(result.items[0].json.id).toBe('4490709327384038');
		expect(result.items[0].binary?.data).toBeDefined();
		expect(result.items[1].json).toMatchObject({ metaCode: 100, metaSubcode: 33, httpCode: '400' });
	});
});
