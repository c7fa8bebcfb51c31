import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { flowIdFromLocator } from '../../helpers/flow';
import type { ParameterProblem } from '../common/parameterProblem';

/** The flow ID a flow resource locator holds, or undefined when none can be read from it. */
export function flowIdOf(this: IExecuteFunctions, itemIndex: number, parameterName = 'flowId'): string | undefined {
	return flowIdFromLocator(this.getNodeParameter(parameterName, itemIndex, '') as unknown);
}

/** The Flow locator must hold a numeric flow ID or a WhatsApp Manager link to a flow. */
export function flowIdProblems(this: IExecuteFunctions, itemIndex: number): ParameterProblem[] {
	const value = this.getNodeParameter('flowId', itemIndex, '') as unknown;
	if (flowIdFromLocator(value)) return [];
	const shown = value && typeof value === 'object' ? (value as IDataObject).value : value;
	return [{ field: 'Flow', rule: `must be a numeric flow ID or a WhatsApp Manager link to a flow${shown ? `, not "${String(shown)}"` : ' (it is empty)'}` }];
}

/** A pure check's rules (`checkFlowName`...) as problems of one field. */
export function problemsFor(field: string, rules: string[]): ParameterProblem[] {
	return rules.length ? [{ field, rule: rules.join('; ') }] : [];
}
