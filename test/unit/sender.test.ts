import { messagingLimitField, normalizePhoneNumber } from '../../nodes/WhatsAppBusinessManagement/actions/sender/graph';
import {
	businessProfileProblems,
	digitsOnly,
	newPhoneNumberProblems,
	pinProblems,
	splitList,
} from '../../nodes/WhatsAppBusinessManagement/actions/sender/rules';
import { formatProblem } from '../../nodes/WhatsAppBusinessManagement/actions/common/parameterProblem';

describe('sender helpers', () => {
	it('flattens throughput and the current messaging limit', () => {
		expect(
			normalizePhoneNumber({ id: 5, throughput: { level: 'HIGH' }, whatsapp_business_manager_messaging_limit: 'TIER_10K' }),
		).toEqual({
			id: '5',
			throughput: { level: 'HIGH' },
			throughput_level: 'HIGH',
			whatsapp_business_manager_messaging_limit: 'TIER_10K',
			messaging_limit: 'TIER_10K',
		});
	});

	it('reads the messaging limit from the field the Graph version has', () => {
		expect(messagingLimitField('v24.0')).toBe('whatsapp_business_manager_messaging_limit');
		expect(messagingLimitField('v25.0')).toBe('whatsapp_business_manager_messaging_limit');
		expect(messagingLimitField('v23.0')).toBe('messaging_limit_tier');
		expect(messagingLimitField('v9.0')).toBe('messaging_limit_tier');
		expect(normalizePhoneNumber({ id: '5', messaging_limit_tier: 'TIER_1K' })).toEqual({ id: '5', messaging_limit_tier: 'TIER_1K', messaging_limit: 'TIER_1K' });
	});

	it('checks PINs', () => {
		expect(pinProblems('012345')).toEqual([]);
		expect(pinProblems('12345').map(formatProblem)).toEqual(['Field "PIN": must be exactly 6 digits']);
		expect(pinProblems('1234567')).toHaveLength(1);
	});

	it('accepts a profile at Meta\'s limits and names every field over them', () => {
		expect(
			businessProfileProblems({
				about: 'a'.repeat(139),
				address: 'a'.repeat(256),
				description: 'a'.repeat(512),
				email: `${'a'.repeat(116)}@example.com`,
				vertical: 'PROF_SERVICES',
				websites: ['https://a.example', 'http://b.example'],
			}),
		).toEqual([]);
		const problems = businessProfileProblems({
			about: 'a'.repeat(140),
			address: 'a'.repeat(257),
			description: 'a'.repeat(513),
			email: 'x',
			vertical: 'auto',
			websites: ['ftp://a.example', 'https://b.example', 'https://c.example'],
		});
		expect(problems.map((p) => /^Field "([^"]+)"/.exec(formatProblem(p))?.[1])).toEqual([
			'About',
			'Address',
			'Description',
			'Email',
			'Vertical',
			'Websites',
			'Websites',
		]);
	});

	it('counts characters, not UTF-16 units, for about', () => {
		expect(businessProfileProblems({ about: '🚗'.repeat(139) })).toEqual([]);
	});

	it('splits website lists and cleans phone numbers', () => {
		expect(splitList(' https://a.example ,\nhttps://b.example,, ')).toEqual(['https://a.example', 'https://b.example']);
		expect(digitsOnly('+1 (555) 010-0199')).toBe('15550100199');
	});

	it('checks a new number', () => {
		expect(newPhoneNumberProblems({ countryCode: '1', phoneNumber: '5550100199', displayName: 'Shop' })).toEqual([]);
		expect(newPhoneNumberProblems({ countryCode: '1234', phoneNumber: '12', displayName: 'x'.repeat(76) })).toHaveLength(3);
	});
});
