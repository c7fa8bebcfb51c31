/**
 * Interactive messages as Meta documents them: reply buttons, list, call-to-action URL
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/interactive-reply-buttons-messages,
 * .../interactive-list-messages, .../interactive-cta-url-messages), Flow messages
 * (https://developers.facebook.com/docs/whatsapp/flows/guides/sendingaflow) and the catalog, single-
 * and multi-product messages of the share-products guide
 * (https://developers.facebook.com/docs/whatsapp/guides/commerce-guides/share-products-with-customers:
 * no header but a multi-product message's required text one; the body optional on a single product)
 * and location request messages (.../messages/location-request-messages: a body and the send_location
 * action, nothing else). Limits are those pages':
 * body 1024, footer 60, header text 60, 3 reply buttons (title 20, id 256), 10 sections and 10 rows
 * in all (row title 24, description 72, id 200), list button 20.
 */
import type { SandboxState } from '../state';
import { checkMediaObject } from './content';
import { messagingErrors } from './errors';
import { checkCatalogId, checkProductSections } from './products';
import { type Json, oneOf, optionalString, present, requireArray, requireObject, requireString, requireUrl, unique } from './fields';

export const INTERACTIVE_TYPES = ['button', 'list', 'cta_url', 'flow', 'catalog_message', 'product', 'product_list', 'location_request_message'] as const;

function checkHeader(state: SandboxState, value: unknown, type: string, phoneNumberId: string): void {
	if (type === 'catalog_message' || type === 'product' || type === 'location_request_message') {
		if (value !== undefined) throw messagingErrors.valueInvalid(`interactive.header: a ${type} message has no header`);
		return;
	}
	if (value === undefined) {
		if (type === 'product_list') throw messagingErrors.requiredMissing("Parameter 'interactive.header' is required for a product_list message.");
		return;
	}
	const header = requireObject(value, 'interactive.header');
	const allowed = type === 'list' || type === 'product_list' ? (['text'] as const) : (['text', 'image', 'video', 'document'] as const);
	const kind = oneOf(header.type, 'interactive.header.type', allowed);
	if (kind === 'text') requireString(header.text, 'interactive.header.text', 60);
	else checkMediaObject(state, kind, header[kind], `interactive.header.${kind}`, phoneNumberId);
}

function checkButtons(action: Json): void {
	const buttons = requireArray(action.buttons, 'interactive.action.buttons', 1, 3);
	const ids: string[] = [];
	const titles: string[] = [];
	buttons.forEach((button, index) => {
		const path = `interactive.action.buttons[${index}]`;
		const entry = requireObject(button, path);
		oneOf(entry.type, `${path}.type`, ['reply']);
		const reply = requireObject(entry.reply, `${path}.reply`);
		ids.push(requireString(reply.id, `${path}.reply.id`, 256));
		titles.push(requireString(reply.title, `${path}.reply.title`, 20));
	});
	unique(ids, 'interactive.action.buttons[].reply.id');
	unique(titles, 'interactive.action.buttons[].reply.title');
}

function checkList(action: Json): void {
	requireString(action.button, 'interactive.action.button', 20);
	const sections = requireArray(action.sections, 'interactive.action.sections', 1, 10);
	const rowIds: string[] = [];
	sections.forEach((section, index) => {
		const path = `interactive.action.sections[${index}]`;
		const entry = requireObject(section, path);
		if (sections.length > 1) requireString(entry.title, `${path}.title`, 24);
		else optionalString(entry.title, `${path}.title`, 24);
		const rows = requireArray(entry.rows, `${path}.rows`, 1, 10);
		rows.forEach((row, rowIndex) => {
			const rowPath = `${path}.rows[${rowIndex}]`;
			const item = requireObject(row, rowPath);
			rowIds.push(requireString(item.id, `${rowPath}.id`, 200));
			requireString(item.title, `${rowPath}.title`, 24);
			optionalString(item.description, `${rowPath}.description`, 72);
		});
	});
	if (rowIds.length > 10) throw messagingErrors.valueInvalid(`A list message can have at most 10 rows in all; it has ${rowIds.length}.`);
	unique(rowIds, 'interactive.action.sections[].rows[].id');
}

function checkCtaUrl(action: Json): void {
	oneOf(action.name, 'interactive.action.name', ['cta_url']);
	const parameters = requireObject(action.parameters, 'interactive.action.parameters');
	requireString(parameters.display_text, 'interactive.action.parameters.display_text', 20);
	requireUrl(parameters.url, 'interactive.action.parameters.url');
}

function checkCatalogMessage(action: Json): void {
	oneOf(action.name, 'interactive.action.name', ['catalog_message']);
	if (action.parameters === undefined) return;
	optionalString(requireObject(action.parameters, 'interactive.action.parameters').thumbnail_product_retailer_id, 'interactive.action.parameters.thumbnail_product_retailer_id');
}

function checkProductAction(action: Json, type: 'product' | 'product_list'): void {
	checkCatalogId(action.catalog_id, 'interactive.action.catalog_id');
	if (type === 'product') requireString(action.product_retailer_id, 'interactive.action.product_retailer_id');
	else checkProductSections(action, 'interactive.action');
}

/** A Flow message: the Flow must exist; outside draft mode it must be PUBLISHED. */
function checkFlow(state: SandboxState, action: Json): void {
	oneOf(action.name, 'interactive.action.name', ['flow']);
	const p = requireObject(action.parameters, 'interactive.action.parameters');
	oneOf(p.flow_message_version, 'interactive.action.parameters.flow_message_version', ['3']);
	requireString(p.flow_cta, 'interactive.action.parameters.flow_cta', 30);
	optionalString(p.flow_token, 'interactive.action.parameters.flow_token');
	if (present(p.flow_id) === present(p.flow_name)) throw messagingErrors.valueInvalid("Parameter 'interactive.action.parameters' needs exactly one of flow_id or flow_name.");
	const flows = [...state.flows.values()];
	const flow = present(p.flow_id) ? state.flows.get(String(p.flow_id)) : flows.find((f) => f.name === p.flow_name);
	if (!flow) throw messagingErrors.valueInvalid(`Flow ${String(p.flow_id ?? p.flow_name)} does not exist in this WhatsApp Business Account.`);
	const mode = p.mode === undefined ? 'published' : oneOf(p.mode, 'interactive.action.parameters.mode', ['draft', 'published']);
	if (mode === 'published' && flow.status !== 'PUBLISHED') {
		throw messagingErrors.valueInvalid(`Flow ${flow.id} is ${flow.status}; send it with mode "draft" or publish it first.`);
	}
	if (flow.status === 'DEPRECATED') throw messagingErrors.valueInvalid(`Flow ${flow.id} is deprecated and can't be sent.`);
	const flowAction = p.flow_action === undefined ? 'navigate' : oneOf(p.flow_action, 'interactive.action.parameters.flow_action', ['navigate', 'data_exchange']);
	if (flowAction === 'navigate' && p.flow_action_payload !== undefined) {
		const payload = requireObject(p.flow_action_payload, 'interactive.action.parameters.flow_action_payload');
		const screen = requireString(payload.screen, 'interactive.action.parameters.flow_action_payload.screen');
		const screens = flowScreens(flow.flow_json);
		if (screens && !screens.includes(screen)) throw messagingErrors.valueInvalid(`Flow ${flow.id} has no screen ${screen}.`);
		if (payload.data !== undefined && (typeof payload.data !== 'object' || payload.data === null || Array.isArray(payload.data))) {
			throw messagingErrors.valueInvalid("Parameter 'interactive.action.parameters.flow_action_payload.data' must be an object.");
		}
	}
}

function flowScreens(flowJson: string | undefined): string[] | undefined {
	if (!flowJson) return undefined;
	try {
		const parsed = JSON.parse(flowJson) as { screens?: Array<{ id?: string }> };
		return parsed.screens?.map((s) => String(s.id));
	} catch {
		return undefined;
	}
}

export function checkInteractive(state: SandboxState, body: Json, phoneNumberId: string): void {
	const interactive = requireObject(body.interactive, 'interactive');
	const type = oneOf(interactive.type, 'interactive.type', INTERACTIVE_TYPES);
	checkHeader(state, interactive.header, type, phoneNumberId);
	if (type !== 'product' || interactive.body !== undefined) requireString(requireObject(interactive.body, 'interactive.body').text, 'interactive.body.text', 1024);
	if (interactive.footer !== undefined) requireString(requireObject(interactive.footer, 'interactive.footer').text, 'interactive.footer.text', 60);
	const action = requireObject(interactive.action, 'interactive.action');
	if (type === 'button') checkButtons(action);
	else if (type === 'list') checkList(action);
	else if (type === 'cta_url') checkCtaUrl(action);
	else if (type === 'catalog_message') checkCatalogMessage(action);
	else if (type === 'product' || type === 'product_list') checkProductAction(action, type);
	else if (type === 'location_request_message') {
		if (interactive.footer !== undefined) throw messagingErrors.valueInvalid('interactive.footer: a location_request_message has no footer');
		oneOf(action.name, 'interactive.action.name', ['send_location']);
	} else checkFlow(state, action);
}
