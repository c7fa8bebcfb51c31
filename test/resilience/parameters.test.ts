/**
 * Parameters: every field every operation shows, given values its own description rules out (a
 * number out of range or not a number, an option that is not in the list, JSON that does not parse,
 * an empty required value), must fail with an error naming the field - and send nothing. The cases
 * are generated from the node description, so a new operation or field is covered automatically.
 */
import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { resources } from '../../nodes/WhatsAppBusinessManagement/actions/router';
import { isShown } from '../../nodes/WhatsAppBusinessManagement/actions/common/descriptionRules';
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
