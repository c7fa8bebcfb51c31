/**
 * Flow messages as plain data: the `interactive` object of type flow and its limits
 * (https://developers.facebook.com/docs/whatsapp/flows/guides/sendingaflow).
 */
import type { IDataObject } from 'n8n-workflow';

import type { ParameterProblem } from '../common/parameterProblem';
import { LIMITS } from './interactive';
import { lengthProblem } from '../common/textLength';

/** flow_cta: "Text on the CTA button ... Maximum 30 characters". */
export const FLOW_CTA_MAX = 30;
/** The Flow message version Meta's sending guide uses. */
export const FLOW_MESSAGE_VERSION = '3';

export interface FlowMessageInput {
	flowId: string;
	cta: string;
	body: string;
	headerText?: string;
	footer?: string;
	/** Sent as Meta's default "unused" when empty. */
	flowToken?: string;
	mode: 'published' | 'draft';
	action: 'navigate' | 'data_exchange';
	firstScreen?: string;
	/** The first screen's input data (navigate only). */
	data?: IDataObject;
}

const problemIf = (problem: ParameterProblem | undefined) => (problem ? [problem] : []);

export function flowMessageProblems(input: FlowMessageInput): ParameterProblem[] {
	const problems = [
		...problemIf(lengthProblem('Button Text', input.cta, FLOW_CTA_MAX, true)),
		...problemIf(lengthProblem('Body Text', input.body, LIMITS.body, true)),
		...problemIf(lengthProblem('Header Text', input.headerText ?? '', LIMITS.headerText)),
		...problemIf(lengthProblem('Footer Text', input.footer ?? '', LIMITS.footer)),
	];
	if (input.action === 'navigate' && !input.firstScreen?.trim()) {
		problems.push({ field: 'First Screen', rule: 'is empty; a navigate Flow opens on the screen named here', hint: 'Give the ID of the Flow\'s first screen as in its Flow JSON (e.g. WELCOME_SCREEN), or choose Data Exchange when the Flow\'s endpoint picks the screen.' });
	}
	return problems;
}

export function buildFlowInteractive(input: FlowMessageInput): IDataObject {
	const parameters: IDataObject = {
		flow_message_version: FLOW_MESSAGE_VERSION,
		flow_id: input.flowId,
		flow_cta: input.cta,
		flow_token: input.flowToken?.trim() || 'unused',
		mode: input.mode,
		flow_action: input.action,
	};
	if (input.action === 'navigate') {
		const payload: IDataObject = { screen: input.firstScreen?.trim() };
		if (input.data && Object.keys(input.data).length) payload.data = input.data;
		parameters.flow_action_payload = payload;
	}
	const interactive: IDataObject = { type: 'flow' };
	if (input.headerText?.trim()) interactive.header = { type: 'text', text: input.headerText };
	interactive.body = { text: input.body };
	if (input.footer?.trim()) interactive.footer = { text: input.footer };
	interactive.action = { name: 'flow', parameters };
	return interactive;
}
