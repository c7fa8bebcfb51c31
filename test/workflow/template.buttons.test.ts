import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { WhatsAppBusinessManagement } from '../../nodes/WhatsAppBusinessManagement/WhatsAppBusinessManagement.node';
import { useSandbox } from '../helpers/sandbox';
import { runNode, sandboxCredential } from '../helpers/workflow';

/**
 * Template > Create and Edit > Buttons show, for each button, only the fields of its type (issue 18
 * point 2). The fields shown are the ones n8n's own parameter resolution keeps for an entry
 * (NodeHelpers.getNodeParameters, which the editor and the saved workflow go through), so this is
 * what a user sees under "Add Button".
 */
const description = new WhatsAppBusinessManagement().description;

/** An entry that holds a value for every button field, as one switched between types might. */
const EVERY_FIELD = {
	text: 'Label',
	url: 'https://shop.example/track/{{1}}',
	urlExample: 'https://shop.example/track/A1',
	phoneNumber: '+15550051234',
	code: 'SAVE10',
	flowId: '7101',
	navigateScreen: 'START',
};

const OPERATIONS: IDataObject[] = [
	{ resource: 'template', operation: 'create', componentsSource: 'builder' },
	{ resource: 'template', operation: 'edit', updateComponents: true, componentsSource: 'builder' },
];

/** The fields n8n keeps (and the editor shows) for one button entry. */
function shownFields(operation: IDataObject, button: IDataObject): string[] {
	const parameters = NodeHelpers.getNodeParameters(
		description.properties,
		{ ...operation, buttons: { button: [button] } } as INodeParameters,
		true,
		false,
		{ typeVersion: 1 },
		description,
	);
	const [entry] = ((parameters?.buttons as IDataObject).button as IDataObject[]) ?? [];
	return Object.keys(entry).sort();
}

describe('Template buttons: each type shows only its own fields', () => {
	const expected: Array<[string, IDataObject, string[]]> = [
		['Quick Reply', { type: 'quickReply' }, ['text', 'type']],
		['URL', { type: 'url' }, ['text', 'type', 'url', 'urlExample']],
		['Phone Number', { type: 'phoneNumber' }, ['phoneNumber', 'text', 'type']],
		['Copy Code', { type: 'copyCode' }, ['code', 'type']],
		['Flow, Navigate', { type: 'flow', flowAction: 'navigate' }, ['flowAction', 'flowId', 'navigateScreen', 'text', 'type']],
		['Flow, Data Exchange', { type: 'flow', flowAction: 'data_exchange' }, ['flowAction', 'flowId', 'text', 'type']],
		['View Product', { type: 'spm' }, ['text', 'type']],
	];

	describe.each(OPERATIONS.map((operation) => [operation.operation as string, operation] as const))('%s', (_name, operation) => {
		it.each(expected)('%s', (_label, button, fields) => {
			expect(shownFields(operation, { ...EVERY_FIELD, ...button })).toEqual(fields);
		});

		it('a new button is a Quick Reply with its label only', () => {
			expect(shownFields(operation, {})).toEqual(['text', 'type']);
		});
	});

	describe('a workflow saved with fields of another type still sends only what the type takes', () => {
		const sandbox = useSandbox();

		it('sends each button as Meta defines it', async () => {
			const buttons = [
				{ ...EVERY_FIELD, type: 'quickReply', text: 'Thanks' },
				{ ...EVERY_FIELD, type: 'url', text: 'Track' },
				{ ...EVERY_FIELD, type: 'phoneNumber', text: 'Call us' },
				{ ...EVERY_FIELD, type: 'copyCode' },
				{ ...EVERY_FIELD, type: 'flow', text: 'Book', flowAction: 'data_exchange' },
			];
			const result = await runNode({
				parameters: {
					...OPERATIONS[0],
					name: 'button_types',
					language: 'en_US',
					category: 'MARKETING',
					headerType: 'none',
					bodyText: 'Hello, here are your options.',
					buttons: { button: buttons },
				},
				credential: sandboxCredential(sandbox),
			});
			expect(result.error).toBeUndefined();
			const components = (sandbox.requestsTo('POST', '/message_templates')[0].body as IDataObject).components as IDataObject[];
			expect(components.find((component) => component.type === 'BUTTONS')?.buttons).toEqual([
				{ type: 'QUICK_REPLY', text: 'Thanks' },
				{ type: 'URL', text: 'Track', url: EVERY_FIELD.url, example: [EVERY_FIELD.urlExample] },
				{ type: 'PHONE_NUMBER', text: 'Call us', phone_number: EVERY_FIELD.phoneNumber },
				{ type: 'COPY_CODE', example: EVERY_FIELD.code },
				{ type: 'FLOW', text: 'Book', flow_id: EVERY_FIELD.flowId, flow_action: 'DATA_EXCHANGE' },
			]);
		});
	});

	describe('a single-product template: a Product header and a View Product button', () => {
		const sandbox = useSandbox();
		const create = (buttons: IDataObject[], category = 'MARKETING') =>
			runNode({
				parameters: { ...OPERATIONS[0], name: 'back_in_stock', language: 'en_US', category, headerType: 'product', bodyText: 'Back in stock for you.', buttons: { button: buttons } },
				credential: sandboxCredential(sandbox),
			});

		it('submits the PRODUCT header and the SPM button, labelled View unless given a label', async () => {
			const result = await create([{ type: 'spm' }]);
			expect(result.error).toBeUndefined();
			expect((sandbox.requestsTo('POST', '/message_templates')[0].body as IDataObject).components).toEqual([
				{ type: 'HEADER', format: 'PRODUCT' },
				{ type: 'BODY', text: 'Back in stock for you.' },
				{ type: 'BUTTONS', buttons: [{ type: 'SPM', text: 'View' }] },
			]);
		});

		it('refuses a Product header with other buttons, or in a utility template, before any request', async () => {
			expect((await create([{ type: 'quickReply', text: 'Stop' }])).error?.message).toBe(
				'BUTTONS component: field "buttons" must be one SPM (View) button with a PRODUCT header',
			);
			expect((await create([{ type: 'spm' }], 'UTILITY')).error?.message).toBe('HEADER component: field "format" PRODUCT is allowed only in MARKETING templates');
			expect(sandbox.requestsTo('POST', '/message_templates')).toHaveLength(0);
		});
	});
});
