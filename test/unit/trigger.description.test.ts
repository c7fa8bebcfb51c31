import type { INode } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { SUBTITLE, WhatsAppBusinessManagementTrigger } from '../../nodes/WhatsAppBusinessManagementTrigger/WhatsAppBusinessManagementTrigger.node';
import { TRIGGER_TYPE } from '../helpers/webhook';
import { nodeTypes } from '../helpers/nodeTypes';

const description = new WhatsAppBusinessManagementTrigger().description;

/** The subtitle as n8n's editor computes it: the expression evaluated against the node. */
function subtitleFor(events: unknown): unknown {
	const node: INode = { id: 'n1', name: 'Trigger', type: TRIGGER_TYPE, typeVersion: 2, position: [0, 0], parameters: { events } as INode['parameters'] };
	const workflow = new Workflow({ id: 'w', nodes: [node], connections: {}, active: false, nodeTypes, settings: { executionOrder: 'v1' } });
	return workflow.expression.getSimpleParameterValue(node, SUBTITLE, 'internal', {});
}

describe('trigger description', () => {
	test('the subtitle names the selected events as the Events field shows them', () => {
		expect(description.subtitle).toBe(SUBTITLE);
		expect(subtitleFor(['adReferral'])).toBe('Ad Referral');
		expect(subtitleFor(['adReferral', 'templateStatusUpdate', 'messageStatus'])).toBe('Ad Referral, Template Status Updates, Message Statuses');
		expect(subtitleFor([])).toBe('');
		// A value this release does not know (saved by a newer one) is shown as it is.
		expect(subtitleFor(['somethingNew'])).toBe('somethingNew');
		const events = description.properties.find((property) => property.name === 'events');
		for (const option of (events?.options ?? []) as Array<{ name: string; value: string }>) expect(subtitleFor([option.value])).toBe(option.name);
	});

	test('the activation notice says in two sentences what activation does and what is left to do in Meta', () => {
		const notice = description.properties.find((property) => property.name === 'automaticNotice')?.displayName ?? '';
		expect(notice.split(/(?<=\.)\s+/)).toHaveLength(2);
		expect(notice).toMatch(/^When you activate the workflow/);
		expect(notice).toContain("Meta's App Dashboard");
		expect(notice).toContain('Subscribe App Webhook Fields');
	});

	test('version 2 is the default; version 1 stays loadable', () => {
		expect(description.version).toEqual([1, 2]);
		expect(description.defaultVersion).toBe(2);
	});
});
