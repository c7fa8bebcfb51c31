/**
 * Parameters: every field every operation shows, given values its own description rules out (a
 * number out of range or not a number, an option that is not in the list, JSON that does not parse,
 * an empty required value), must fail with an error naming the field - and send nothing. The cases
 * are generated from the node description, so a new operation or field is covered automatically.
 */
import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { resources } from '../../nodes/WhatsAppBusinessManagement/actions/router';
import { isShown } from '../../nodes/WhatsAppBusinessManagement/actions/common/descriptionRules';
import { getTemplateVariables } from '../../nodes/WhatsAppBusinessManagement/methods/templateVariables';
import { SENDER, TEMPLATES, byId } from '../fixtures/messageTemplates';
import { loadOptionsContext } from '../helpers/loadOptions';
import { useSandbox } from '../helpers/sandbox';
import { runNode, sandboxCredential } from '../helpers/workflow';
import type { Sandbox } from '../sandbox/server';
import { createState } from '../sandbox/state';
import { scenarios } from './scenarios';

interface Corruption {
	/** The label the error must name (or the field's internal name). */
	label: string;
	name: string;
	why: string;
	apply: (parameters: IDataObject) => void;
}

/** Values a field's description itself forbids. */
export function invalidValues(property: INodeProperties): Array<{ why: string; value: unknown }> {
	const values: Array<{ why: string; value: unknown }> = [];
	const hasFixedOptions = !property.typeOptions?.loadOptionsMethod && !property.typeOptions?.loadOptions;
	switch (property.type) {
		case 'number': {
			const { minValue, maxValue, numberPrecision } = property.typeOptions ?? {};
			if (typeof minValue === 'number') values.push({ why: `below minimum ${minValue}`, value: minValue - 1 });
			if (typeof maxValue === 'number') values.push({ why: `above maximum ${maxValue}`, value: maxValue + 1 });
			if (numberPrecision === 0) values.push({ why: 'not whole', value: (typeof minValue === 'number' ? minValue : 0) + 1.5 });
			values.push({ why: 'not a number', value: 'twelve' });
			break;
		}
		case 'options':
			if (hasFixedOptions && (property.options as INodePropertyOptions[] | undefined)?.length) values.push({ why: 'unknown option', value: '__not_an_option__' });
			break;
		case 'multiOptions':
			if (hasFixedOptions && (property.options as INodePropertyOptions[] | undefined)?.length) values.push({ why: 'unknown option', value: ['__not_an_option__'] });
			break;
		case 'json':
			values.push({ why: 'malformed JSON', value: '{"unclosed": [1, 2' });
			break;
		case 'boolean':
			values.push({ why: 'not a boolean', value: 'maybe' });
			break;
		// n8n itself refuses a literal empty required field before the run (WorkflowHasIssuesError);
		// an expression that resolves to nothing gets through, so the operation must catch it.
		case 'string':
			if (property.required) values.push({ why: 'required, empty from an expression', value: '={{ "" }}' });
			break;
		case 'resourceLocator':
			if (property.required) values.push({ why: 'required, empty from an expression', value: { __rl: true, mode: 'id', value: '={{ "" }}' } });
			break;
		default:
			break;
	}
	return values;
}

export function corruptions(properties: INodeProperties[], baseline: IDataObject): Corruption[] {
	const result: Corruption[] = [];
	const values = { ...baseline };
	for (const property of properties) if (values[property.name] === undefined && property.name !== 'operation') values[property.name] = property.default as never;
	for (const property of properties) {
		if (property.name === 'resource' || property.name === 'operation' || !isShown(property, values)) continue;
		for (const { why, value } of invalidValues(property)) {
			result.push({ label: property.displayName, name: property.name, why, apply: (parameters) => (parameters[property.name] = value as never) });
		}
		if (property.type === 'collection') {
			for (const child of (property.options ?? []) as INodeProperties[]) {
				for (const { why, value } of invalidValues(child)) {
					result.push({
						label: child.displayName,
						name: child.name,
						why: `${property.displayName} > ${why}`,
						apply: (parameters) => (parameters[property.name] = { ...((parameters[property.name] as IDataObject) ?? {}), [child.name]: value as never }),
					});
				}
			}
		}
	}
	return result;
}

const operations = Object.entries(resources).flatMap(([resource, module]) => Object.keys(module.operations).map((operation) => ({ resource, operation, key: `${resource}.${operation}` })));

describe('parameters: invalid values are refused by name before any request', () => {
	const sandbox = useSandbox({ reset: false });

	it('has a scenario (valid parameters to corrupt) for every operation', () => {
		expect(operations.filter(({ key }) => !scenarios[key]).map(({ key }) => key)).toEqual([]);
	});

	const cases = operations
		.filter(({ key }) => scenarios[key])
		.flatMap(({ resource, operation, key }) => {
			const scenario = scenarios[key];
			// Without explicit baselines, the scenario's own parameters (read from a stub sandbox).
			const probe = { state: createState(), seed: () => undefined, url: 'http://127.0.0.1:9' } as unknown as Sandbox;
			const baselines = scenario.parameterBaselines ?? [scenario.prepare(probe).parameters];
			return baselines.flatMap((baseline) =>
				corruptions(resources[resource].description, { ...baseline, resource, operation }).map((corruption) => ({
					title: `${key}: "${corruption.label}" ${corruption.why}`,
					key,
					baseline,
					corruption,
				})),
			);
		});

	it('generates cases from the description', () => {
		expect(cases.length).toBeGreaterThan(0);
	});

	it.each(cases.map((c) => [c.title, c] as const))('%s', async (_title, testCase) => {
		sandbox.reset();
		const prepared = scenarios[testCase.key].prepare(sandbox);
		const parameters: IDataObject = { ...prepared.parameters, ...testCase.baseline };
		testCase.corruption.apply(parameters);
		sandbox.clearRequests();
		const result = await runNode({ parameters, items: prepared.items, credential: sandboxCredential(sandbox) });
		expect(result.error).toBeDefined();
		// The field is named in quotes - its label or its internal name -, alone or after its collection ("Options > Fields").
		const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		const names = `(?:${escape(testCase.corruption.label)}|${escape(testCase.corruption.name)})`;
		expect(`${result.error?.message} ${result.error?.description ?? ''}`).toMatch(new RegExp(`"(?:[^"]* > )?${names}"`, 'i'));
		expect(sandbox.requests).toHaveLength(0);
	});
});

/**
 * Send Template's variables are fields the template defines, not the description: values the template
 * rules out must be refused by the variable's name with nothing sent. Missing and unknown variables
 * are caught against the stored field list with no request; rules of a value's kind need the live
 * template (one GET, never a send).
 */
describe('parameters: Send Template variables are refused by name before anything is sent', () => {
	const sandbox = useSandbox({ seed: { phoneNumbers: [{ id: SENDER }], templates: Object.values(TEMPLATES) } });

	const send = async (templateId: string, value: IDataObject, withSchema: boolean) => {
		const schema = withSchema ? (await getTemplateVariables.call(loadOptionsContext(sandbox, { templateId: byId(templateId) }))).fields : [];
		sandbox.clearRequests();
		return runNode({
			parameters: {
				resource: 'message',
				operation: 'sendTemplate',
				phoneNumberId: byId(SENDER),
				recipientPhone: '+16505550101',
				templateId: byId(templateId),
				templateVariables: { mappingMode: 'defineBelow', value, matchingColumns: [], schema },
			},
			credential: sandboxCredential(sandbox),
		});
	};

	const named = { 'header.order_id': 'B-2', 'body.first_name': 'Jo', 'body.item': 'helmet', 'button.0.url': 'B-2' };
	const cases: Array<[string, string, IDataObject, string, boolean]> = [
		['a required variable empty from an expression', TEMPLATES.named.id, { ...named, 'body.first_name': '={{ "" }}' }, 'Body {{first_name}}', true],
		['a variable the template does not have', TEMPLATES.named.id, { ...named, 'body.nickname': 'JJ' }, 'body.nickname', true],
		['a line break in a text variable', TEMPLATES.named.id, { ...named, 'body.item': 'red\nhelmet' }, 'Body {{item}}', false],
		['a URL suffix that is an object', TEMPLATES.named.id, { ...named, 'button.0.url': '={{ { a: 1 } }}' }, 'Button 1 "Track" URL Suffix', false],
		['a header image that is no ID, link or binary field', TEMPLATES.positional.id, { 'header.image': 'photo', 'body.1': 'Ana', 'body.2': '20%' }, 'Header Image (Media ID, URL or Binary Field Name)', false],
		['Flow action data that is not a JSON object', TEMPLATES.buttons.id, { 'body.1': 'Ana', 'button.1.coupon_code': 'X', 'button.2.flow_action_data': '{oops' }, 'Button 3 "Book" Flow Action Data (JSON)', false],
		['a coupon code over 15 characters', TEMPLATES.buttons.id, { 'body.1': 'Ana', 'button.1.coupon_code': 'SIXTEEN-CHARS-XX' }, 'Button 2 Coupon Code', false],
		['an offer expiry in the past', TEMPLATES.offer.id, { 'offer.expiration': '2020-01-01T00:00:00Z', 'body.1': 'Ana', 'button.0.coupon_code': 'C' }, 'Offer Expiration (Date and Time)', false],
		['an offer expiry that is no date', TEMPLATES.offer.id, { 'offer.expiration': '={{ "next week" }}', 'body.1': 'Ana', 'button.0.coupon_code': 'C' }, 'Offer Expiration (Date and Time)', false],
		['a one-time password over 15 characters', TEMPLATES.otp.id, { 'otp.code': '1234567890123456' }, 'One-Time Password', false],
	];

	it.each(cases)('%s', async (_title, templateId, value, label, noRequestAtAll) => {
		const result = await send(templateId, value, true);
		expect(result.error?.message).toContain(`"Template Variables > ${label}"`);
		expect(result.error?.description).toMatch(/No request was sent to Meta\.$/);
		expect(sandbox.requests.filter((request) => request.method !== 'GET')).toHaveLength(0);
		if (noRequestAtAll) expect(sandbox.requests).toHaveLength(0);
	});
});
