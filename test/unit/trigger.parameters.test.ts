import type { INode } from 'n8n-workflow';

import { holdsExpression, triggerParameter } from '../../nodes/WhatsAppBusinessManagementTrigger/parameters';

const node = (parameters: INode['parameters']): INode =>
	({ id: 'n', name: 'Trigger', type: 't', typeVersion: 1, position: [0, 0], parameters }) as INode;

describe('trigger parameters', () => {
	test('holdsExpression finds an expression at any depth, and only strings that start with "="', () => {
		expect(holdsExpression('={{ 1 }}')).toBe(true);
		expect(holdsExpression(['adReferral', '={{ "allMessages" }}'])).toBe(true);
		expect(holdsExpression({ phoneNumberIds: '123', nested: { rememberedDeliveries: '={{ 5 }}' } })).toBe(true);
		expect(holdsExpression('a = b')).toBe(false);
		expect(holdsExpression(['adReferral'])).toBe(false);
		expect(holdsExpression({ phoneNumberIds: '123', rememberedDeliveries: 500 })).toBe(false);
		expect(holdsExpression(true)).toBe(false);
		expect(holdsExpression(null)).toBe(false);
	});

	test('a saved value without an expression is used as it is; n8n is asked only for one with an expression', () => {
		const asked: string[] = [];
		const resolve = (name: string, value: unknown) => () => {
			asked.push(name);
			return value;
		};
		const saved = node({ verifySignature: false, events: ['allMessages'], options: { rememberedDeliveries: 300 } });
		expect(triggerParameter(saved, 'verifySignature', true, resolve('verifySignature', true))).toBe(false);
		expect(triggerParameter(saved, 'events', ['adReferral'], resolve('events', []))).toEqual(['allMessages']);
		expect(triggerParameter(saved, 'options', {}, resolve('options', {}))).toEqual({ rememberedDeliveries: 300 });
		expect(asked).toEqual([]);
		// Missing: the fallback, as getNodeParameter(name, fallback) gives.
		expect(triggerParameter(node({}), 'events', ['adReferral'], resolve('events', []))).toEqual(['adReferral']);
		expect(asked).toEqual([]);
		// With an expression, even nested: what n8n resolves.
		const withExpression = node({ options: { phoneNumberIds: '={{ $json.x }}' } });
		expect(triggerParameter(withExpression, 'options', {}, resolve('options', { phoneNumberIds: '42' }))).toEqual({ phoneNumberIds: '42' });
		expect(asked).toEqual(['options']);
	});
});
