/** The builder: the node's header, body, footer and button fields -> Meta's `components` array. */
import { MEDIA_HEADER_FORMATS, type ParameterFormat } from './graph';
import { isBlank } from '../common/blank';
import { POSITIONAL_VARIABLE, extractVariables } from './variables';

export type HeaderType = 'none' | 'text' | 'image' | 'video' | 'document' | 'location' | 'product';

export interface ButtonInput {
	type: 'quickReply' | 'url' | 'phoneNumber' | 'copyCode' | 'flow' | 'spm';
	text?: string;
	url?: string;
	urlExample?: string;
	phoneNumber?: string;
	code?: string;
	flowId?: string;
	flowAction?: string;
	navigateScreen?: string;
}

export interface BuilderInput {
	parameterFormat: ParameterFormat;
	headerType: HeaderType;
	headerText?: string;
	headerExample?: string;
	/** The Resumable Upload handle of a media header's sample, once uploaded. */
	headerHandle?: string;
	bodyText: string;
	/** Example per variable: `1`, `2` for positional, `order_id` for named. */
	bodyExamples: Array<{ variable: string; value: string }>;
	footerText?: string;
	buttons: ButtonInput[];
}

/** Placeholder used to validate a media header before its sample is uploaded. */
export const PENDING_HANDLE = 'pending-upload';

function buildHeader(input: BuilderInput): Record<string, unknown> | undefined {
	if (input.headerType === 'none') return undefined;
	if (input.headerType === 'location' || input.headerType === 'product') return { type: 'HEADER', format: input.headerType.toUpperCase() };
	if (input.headerType !== 'text') {
		const header: Record<string, unknown> = { type: 'HEADER', format: input.headerType.toUpperCase() };
		if (input.headerHandle) header.example = { header_handle: [input.headerHandle] };
		return header;
	}
	const header: Record<string, unknown> = { type: 'HEADER', format: 'TEXT', text: input.headerText ?? '' };
	const variable = extractVariables(input.headerText ?? '')[0];
	if (variable !== undefined && !isBlank(input.headerExample)) {
		header.example =
			input.parameterFormat === 'NAMED'
				? { header_text_named_params: [{ param_name: variable, example: input.headerExample }] }
				: { header_text: [input.headerExample] };
	}
	return header;
}

/** The body with its examples: named ones by name, positional ones as one row ordered {{1}}..{{n}}. */
function buildBody(input: BuilderInput): Record<string, unknown> {
	const body: Record<string, unknown> = { type: 'BODY', text: input.bodyText };
	const examples = input.bodyExamples.map((e) => ({ variable: String(e.variable ?? '').replace(/[{}\s]/g, ''), value: e.value }));
	if (!examples.length) return body;
	if (input.parameterFormat === 'NAMED') {
		body.example = { body_text_named_params: examples.map((e) => ({ param_name: e.variable, example: e.value })) };
		return body;
	}
	const count = Math.max(
		new Set(extractVariables(input.bodyText)).size,
		...examples.map((e) => (POSITIONAL_VARIABLE.test(e.variable) ? Number(e.variable) : 0)),
	);
	const values = Array.from({ length: count }, (_, i) => examples.find((e) => e.variable === String(i + 1))?.value ?? '');
	body.example = { body_text: [values] };
	return body;
}

export function buildComponents(input: BuilderInput): Array<Record<string, unknown>> {
	const header = buildHeader(input);
	const components: Array<Record<string, unknown>> = header ? [header, buildBody(input)] : [buildBody(input)];
	if (!isBlank(input.footerText)) components.push({ type: 'FOOTER', text: input.footerText });
	if (input.buttons.length) components.push({ type: 'BUTTONS', buttons: input.buttons.map(buildButton) });
	return components;
}

function buildButton(button: ButtonInput): Record<string, unknown> {
	switch (button.type) {
		case 'url': {
			const result: Record<string, unknown> = { type: 'URL', text: button.text ?? '', url: button.url ?? '' };
			if (extractVariables(button.url ?? '').length || !isBlank(button.urlExample)) result.example = [button.urlExample ?? ''];
			return result;
		}
		case 'phoneNumber':
			return { type: 'PHONE_NUMBER', text: button.text ?? '', phone_number: button.phoneNumber ?? '' };
		case 'copyCode':
			return { type: 'COPY_CODE', example: button.code ?? '' };
		case 'spm':
			return { type: 'SPM', text: button.text || 'View' };
		case 'flow': {
			const action = (button.flowAction ?? 'navigate').toUpperCase();
			const result: Record<string, unknown> = { type: 'FLOW', text: button.text ?? '', flow_id: button.flowId ?? '', flow_action: action };
			if (action === 'NAVIGATE') result.navigate_screen = button.navigateScreen ?? '';
			return result;
		}
		default:
			return { type: 'QUICK_REPLY', text: button.text ?? '' };
	}
}

/** Puts the uploaded sample's handle into a media header built with PENDING_HANDLE. */
export function setHeaderHandle(components: Array<Record<string, unknown>>, handle: string): Array<Record<string, unknown>> {
	return components.map((component) =>
		String(component.type).toUpperCase() === 'HEADER' && MEDIA_HEADER_FORMATS.includes(String(component.format).toUpperCase())
			? { ...component, example: { header_handle: [handle] } }
			: component,
	);
}
