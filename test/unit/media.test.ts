import { normalizeMedia, sha256AsHex } from '../../nodes/WhatsAppBusinessManagement/actions/media/graph';
import { isAnimatedWebp, isMetaMediaHost, mediaUploadProblems } from '../../nodes/WhatsAppBusinessManagement/actions/media/rules';
import { mediaFileName } from '../../nodes/WhatsAppBusinessManagement/actions/common/fileTypes';
import { formatProblem } from '../../nodes/WhatsAppBusinessManagement/actions/common/parameterProblem';

function webp(animated: boolean): Buffer {
	const data = Buffer.alloc(64, 0);
	data.write('RIFF', 0, 'ascii');
	data.write('WEBP', 8, 'ascii');
	data.write('VP8X', 12, 'ascii');
	data[20] = animated ? 0x02 : 0;
	return data;
}

describe('media helpers', () => {
	it('accepts each kind up to its limit and refuses one byte more', () => {
		const cases: Array<[string, number]> = [
			['image/jpeg', 5 * 1024 * 1024],
			['image/png', 5 * 1024 * 1024],
			['audio/mpeg', 16 * 1024 * 1024],
			['video/3gpp', 16 * 1024 * 1024],
			['application/pdf', 100 * 1024 * 1024],
			['image/webp', 100 * 1024],
		];
		for (const [mimeType, limit] of cases) {
			expect(mediaUploadProblems({ mimeType, size: limit })).toEqual([]);
			expect(mediaUploadProblems({ mimeType, size: limit + 1 })).toHaveLength(1);
		}
	});

	it('allows 500 KB for animated stickers only', () => {
		expect(mediaUploadProblems({ mimeType: 'image/webp', size: 400 * 1024, data: webp(true) })).toEqual([]);
		expect(mediaUploadProblems({ mimeType: 'image/webp', size: 400 * 1024, data: webp(false) }).map(formatProblem)[0]).toMatch(/static sticker/);
		expect(mediaUploadProblems({ mimeType: 'image/webp', size: 500 * 1024 + 1, data: webp(true) }).map(formatProblem)[0]).toMatch(/500 KB limit for a animated sticker/);
	});

	it('reads MIME parameters off and refuses unknown types', () => {
		expect(mediaUploadProblems({ mimeType: 'audio/ogg; codecs=opus', size: 10 })).toEqual([]);
		expect(mediaUploadProblems({ mimeType: 'image/gif', size: 10 }).map(formatProblem)[0]).toMatch(/^Field "MIME Type": "image\/gif" is not a type/);
		expect(mediaUploadProblems({ mimeType: '', size: 10 }).map(formatProblem)[0]).toMatch(/"\(none\)"/);
	});

	it('detects animated WebP by flag or ANIM chunk', () => {
		expect(isAnimatedWebp(webp(true))).toBe(true);
		expect(isAnimatedWebp(webp(false))).toBe(false);
		const anim = webp(false);
		anim.write('ANIM', 30, 'ascii');
		expect(isAnimatedWebp(anim)).toBe(true);
		expect(isAnimatedWebp(Buffer.from('not a webp at all, just text'))).toBe(false);
	});

	it('turns file_size into a number whether Meta sent a string or a number', () => {
		expect(normalizeMedia({ id: 1, file_size: '303833' })).toEqual({ id: '1', file_size: 303833 });
		expect(normalizeMedia({ id: '2', file_size: 12 })).toEqual({ id: '2', file_size: 12 });
		expect(normalizeMedia({ id: '3', file_size: 'n/a' })).toEqual({ id: '3', file_size: 'n/a' });
	});

	it('reads sha256 in hex or base64', () => {
		const hex = 'ab'.repeat(32);
		expect(sha256AsHex(hex.toUpperCase())).toBe(hex);
		expect(sha256AsHex(Buffer.from(hex, 'hex').toString('base64'))).toBe(hex);
		expect(sha256AsHex('short')).toBeUndefined();
		expect(sha256AsHex(undefined)).toBeUndefined();
	});

	it('names downloads after the media ID and type', () => {
		expect(mediaFileName('42', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')).toBe('42.docx');
		expect(mediaFileName('42', 'audio/ogg; codecs=opus')).toBe('42.ogg');
		expect(mediaFileName('42', 'application/x-unknown')).toBe('42');
	});

	it('sends the token only to Meta media hosts or the Base URL host', () => {
		const base = 'https://graph.facebook.com';
		expect(isMetaMediaHost('https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1', base)).toBe(true);
		expect(isMetaMediaHost('https://scontent.xx.fbcdn.net/v/t1/x.jpg', base)).toBe(true);
		expect(isMetaMediaHost('http://127.0.0.1:4000/whatsapp_business/attachments/', 'http://127.0.0.1:4000')).toBe(true);
		expect(isMetaMediaHost('https://fbsbx.com.evil.example/x', base)).toBe(false);
		expect(isMetaMediaHost('https://evilfbsbx.com/x', base)).toBe(false);
		expect(isMetaMediaHost('https://collector.example/x', base)).toBe(false);
		expect(isMetaMediaHost('not a url', base)).toBe(false);
	});
});
