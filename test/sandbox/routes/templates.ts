/**
 * Message templates, from Meta's template docs (overview, components, template-management and the
 * 2388xxx error codes; graph-api.md section 1). Written from the docs, not from the node: it
 * refuses what Meta refuses, with Meta's code 100 and the documented subcodes.
 */
import { GraphError, invalidParameter, newId, paginate, selectFields, unknownObject } from '../graph';
import type { RequestContext, RouteRegistry } from '../server';
import type { SandboxState, TemplateRecord } from '../state';

export const CATEGORIES = ['AUTHENTICATION', 'MARKETING', 'UTILITY'];
export const HEADER_FORMATS = ['TEXT', 'IMAGE', 'VIDEO', 'GIF', 'DOCUMENT', 'LOCATION'];
const MEDIA_FORMATS: Record<string, RegExp> = {
	IMAGE: /^image\/(jpeg|jpg|png)$/,
	VIDEO: /^video\/mp4$/,
	GIF: /^video\/mp4$/,
	DOCUMENT: /^application\/pdf$/,
};
/**
 * Types Meta documents (templates/components; VOICE_CALL in calling/call-button-messages-deep-links;
 * ORDER_DETAILS in payments/payments-in/orderdetailstemplate; CALL_PERMISSION_REQUEST in
 * templates/utility-templates/utility-call-permission-request-templates). Meta matches them in any case.
 */
export const BUTTON_TYPES = ['QUICK_REPLY', 'URL', 'PHONE_NUMBER', 'VOICE_CALL', 'COPY_CODE', 'FLOW', 'OTP', 'MPM', 'SPM', 'CATALOG', 'ORDER_DETAILS'];
export const COMPONENT_TYPES = ['HEADER', 'BODY', 'FOOTER', 'BUTTONS', 'CAROUSEL', 'LIMITED_TIME_OFFER', 'CALL_PERMISSION_REQUEST'];
const EDITABLE_STATUSES = ['APPROVED', 'REJECTED', 'PAUSED'];
const EDITABLE_FIELDS = ['category', 'components', 'message_send_ttl_seconds'];
const DEFAULT_LIST_FIELDS = ['name', 'parameter_format', 'components', 'language', 'status', 'category', 'sub_category', 'previous_category'];
const DEFAULT_NODE_FIELDS = [...DEFAULT_LIST_FIELDS, 'quality_score', 'rejected_reason', 'message_send_ttl_seconds'];
const DAY_MS = 24 * 60 * 60 * 1000;

/** Template refusals: code 100 with Meta's documented subcode and user-facing title. */
const templateError = (subcode: number | undefined, title: string, message: string) =>
	new GraphError(100, 'Invalid parameter', { subcode, userTitle: title, userMsg: message, details: message });

const errors = {
	characterLimit: (message: string) => templateError(2388040, 'Message template character limit exceeded', message),
	headerFormat: (message: string) => templateError(2388047, 'Message template header format is incorrect', message),
	bodyFormat: (message: string) => templateError(2388072, 'Message template body format is incorrect', message),
	footerFormat: (message: string) => templateError(2388073, 'Message template footer format is incorrect', message),
	leadingTrailing: (message: string) => templateError(2388299, 'Variables can\'t be at the start or end of the template', message),
	countLimit: (limit: number) =>
		templateError(2388019, 'Message template count limit reached', `This WhatsApp Business Account already has ${limit} message templates.`),
	// Subcodes 2388024 and 2388023 and their titles are NOT in Meta's error-code reference
	// (developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes lists
	// 2388040/047/072/073/293/299 and 2388019 only); they are kept as remembered, unverified, and
	// public integrations disagree on which of the two means which. The rules themselves are
	// documented: (name, language) is a template's identity, and "If you delete an approved template,
	// you cannot create a new template with the same name for 30 days" (templates/template-management,
	// "Delete templates > Limitations").
	duplicate: (name: string, language: string) =>
		templateError(2388024, 'Content in this language already exists', `A template named ${name} already exists in ${language}.`),
	nameBlocked: (name: string) =>
		templateError(
			2388023,
			'Message template is being deleted',
			`An APPROVED template named ${name} was deleted in the last 30 days; the name can't be used again yet.`,
		),
	buttons: (message: string) => templateError(undefined, 'Invalid buttons', message),
	notEditable: (status: string) =>
		templateError(undefined, 'Template can\'t be edited', `Only APPROVED, REJECTED or PAUSED templates can be edited; this template is ${status}.`),
	categoryFixed: () => templateError(undefined, 'Category can\'t be changed', 'The category of an APPROVED template can\'t be changed.'),
	editLimit: (message: string) => templateError(undefined, 'Edit limit reached', message),
};

const present = (value: unknown) => value !== undefined && value !== null && value !== '';
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const variablesOf = (text: string) => [...text.matchAll(/\{\{\s*([^{}]*?)\s*\}\}/g)].map((m) => m[1]);
const EMOJI = /\p{Extended_Pictographic}/u;

/** Graph list parameters arrive as JSON arrays (SDKs) or comma lists. */
function readList(value: string | null): string[] | undefined {
	if (!value) return undefined;
	let list: unknown = value;
	if (value.trim().startsWith('[')) {
		try {
			list = JSON.parse(value);
		} catch {
			throw invalidParameter(`Invalid list parameter: ${value}`);
		}
	}
	const items = Array.isArray(list) ? list : String(list).split(',');
	return items.map((v) => String(v).trim()).filter(Boolean);
}

function readJson(value: unknown, name: string): unknown {
	if (typeof value !== 'string') return value;
	try {
		return JSON.parse(value);
	} catch {
		throw invalidParameter(`${name} must be valid JSON`);
	}
}

/** Positional {{1}}..{{n}} in order, or named lowercase_snake; never mixed. */
function checkVariables(variables: string[], format: string, fail: (message: string) => GraphError) {
	for (const v of variables) {
		if (format === 'NAMED' ? !/^[a-z][a-z0-9_]*$/.test(v) : !/^[1-9]\d*$/.test(v)) {
			throw fail(`Parameter {{${v}}} does not match the ${format.toLowerCase()} parameter format.`);
		}
	}
	if (format !== 'NAMED') {
		const numbers = [...new Set(variables)].map(Number).sort((a, b) => a - b);
		if (numbers.some((n, i) => n !== i + 1)) throw fail('Positional parameters must be sequential, starting at {{1}}.');
	}
}

function validateHeader(state: SandboxState, header: Record<string, unknown>, category: string, format: string) {
	const headerFormat = String(header.format ?? '').toUpperCase();
	if (!HEADER_FORMATS.includes(headerFormat)) throw errors.headerFormat(`Header format must be one of ${HEADER_FORMATS.join(', ')}.`);
	const example = isObject(header.example) ? header.example : {};
	if (headerFormat === 'TEXT') {
		const text = String(header.text ?? '');
		if (!text) throw errors.headerFormat('A TEXT header needs text.');
		if (text.length > 60) throw errors.characterLimit('Header text can have at most 60 characters.');
		if (/[\r\n]/.test(text) || EMOJI.test(text)) throw errors.headerFormat('Header text can\'t have new lines or emojis.');
		const variables = variablesOf(text);
		if (variables.length > 1) throw errors.headerFormat('Header text can have at most one parameter.');
		checkVariables(variables, format, errors.headerFormat);
		if (variables.length === 1) {
			const ok =
				format === 'NAMED'
					? Array.isArray(example.header_text_named_params) &&
						example.header_text_named_params.some((e) => isObject(e) && e.param_name === variables[0] && present(e.example))
					: Array.isArray(example.header_text) && example.header_text.length === 1 && present(example.header_text[0]);
			if (!ok) throw errors.headerFormat('The header parameter needs an example.');
		}
		return;
	}
	if (headerFormat === 'LOCATION') {
		if (category !== 'UTILITY' && category !== 'MARKETING') throw errors.headerFormat('LOCATION headers are only for UTILITY or MARKETING templates.');
		return;
	}
	const handles = example.header_handle;
	if (!Array.isArray(handles) || handles.length !== 1 || !present(handles[0])) {
		throw errors.headerFormat(`A ${headerFormat} header needs example.header_handle with one Resumable Upload handle.`);
	}
	const upload = state.uploadHandles.get(String(handles[0]));
	if (!upload) throw invalidParameter(`header_handle ${String(handles[0])} is not a valid Resumable Upload handle.`);
	if (!MEDIA_FORMATS[headerFormat].test(upload.file_type)) {
		throw errors.headerFormat(`The sample file (${upload.file_type}) does not match the ${headerFormat} header.`);
	}
}

function validateBody(body: Record<string, unknown>, category: string, format: string) {
	if (category === 'AUTHENTICATION') return;
	const text = String(body.text ?? '');
	if (!text) throw errors.bodyFormat('The BODY component needs text.');
	if (text.length > 1024) throw errors.characterLimit('Body text can have at most 1024 characters.');
	const variables = variablesOf(text);
	if (!variables.length) return;
	// 2388293 "Parameters words ratio exceeds limit" is documented without a threshold, so the
	// sandbox does not invent one and never answers it on its own (tests script it with faults.queue).
	const trimmed = text.trim();
	if (/^\{\{[^{}]*\}\}/.test(trimmed) || /\{\{[^{}]*\}\}$/.test(trimmed)) {
		throw errors.leadingTrailing('Variables can\'t be at the start or end of the template body.');
	}
	checkVariables(variables, format, errors.bodyFormat);
	const distinct = [...new Set(variables)];
	const example = isObject(body.example) ? body.example : {};
	if (format === 'NAMED') {
		const named = Array.isArray(example.body_text_named_params) ? example.body_text_named_params : [];
		for (const v of distinct) {
			if (!named.some((e) => isObject(e) && e.param_name === v && present(e.example))) throw errors.bodyFormat(`Parameter {{${v}}} needs an example.`);
		}
		return;
	}
	const rows = example.body_text;
	const values = Array.isArray(rows) && Array.isArray(rows[0]) ? (rows[0] as unknown[]) : [];
	if (values.length !== distinct.length || values.some((v) => !present(v))) {
		throw errors.bodyFormat(`The body has ${distinct.length} parameter(s); example.body_text must give one example for each.`);
	}
}

function validateFooter(footer: Record<string, unknown>, category: string) {
	if (category === 'AUTHENTICATION') return;
	const text = String(footer.text ?? '');
	if (!text) throw errors.footerFormat('The FOOTER component needs text.');
	if (text.length > 60) throw errors.characterLimit('Footer text can have at most 60 characters.');
	if (variablesOf(text).length || /[\r\n]/.test(text) || EMOJI.test(text)) {
		throw errors.footerFormat('Footer text can\'t have parameters, new lines or emojis.');
	}
}

function validateButtons(component: Record<string, unknown>, category: string) {
	const buttons = component.buttons;
	if (!Array.isArray(buttons) || !buttons.length) throw errors.buttons('BUTTONS needs a non-empty buttons array.');
	if (buttons.length > 10) throw errors.buttons('A template can have at most 10 buttons.');
	const types = buttons.map((b) => (isObject(b) ? String(b.type ?? '').toUpperCase() : ''));
	const count = (t: string) => types.filter((x) => x === t).length;
	if (count('URL') > 2) throw errors.buttons('A template can have at most 2 URL buttons.');
	if (count('PHONE_NUMBER') > 1) throw errors.buttons('A template can have at most 1 phone number button.');
	if (count('COPY_CODE') > 1) throw errors.buttons('A template can have at most 1 copy code button.');
	const quick = types.flatMap((t, i) => (t === 'QUICK_REPLY' ? [i] : []));
	if (quick.length && quick[quick.length - 1] - quick[0] + 1 !== quick.length) throw errors.buttons('Quick reply buttons must be grouped together.');
	buttons.forEach((raw, i) => {
		const b = raw as Record<string, unknown>;
		const type = types[i];
		if (type === 'OTP') {
			if (category !== 'AUTHENTICATION') throw errors.buttons('OTP buttons are only for AUTHENTICATION templates.');
			return;
		}
		if (!BUTTON_TYPES.includes(type)) {
			throw errors.buttons(`Unknown button type ${type || '(none)'}.`);
		}
		if (['QUICK_REPLY', 'URL', 'PHONE_NUMBER', 'FLOW'].includes(type)) {
			if (!present(b.text)) throw errors.buttons(`Button ${i} needs text.`);
			if (String(b.text).length > 25) throw errors.characterLimit('Button text can have at most 25 characters.');
		}
		if (type === 'URL') {
			const url = String(b.url ?? '');
			if (!/^https?:\/\//i.test(url) || url.length > 2000) throw errors.buttons(`Button ${i} needs an http(s) url of at most 2000 characters.`);
			const variables = variablesOf(url);
			if (variables.length > 1 || (variables.length === 1 && (variables[0] !== '1' || !/\{\{\s*1\s*\}\}$/.test(url)))) {
				throw errors.buttons('A URL button can have one parameter, {{1}}, at the end of the url.');
			}
			const sample = Array.isArray(b.example) ? b.example[0] : b.example;
			if (variables.length === 1 && !present(sample)) throw errors.buttons('A URL button with a parameter needs an example.');
		}
		if (type === 'PHONE_NUMBER' && (!present(b.phone_number) || String(b.phone_number).length > 20)) {
			throw errors.buttons('A phone number button needs a phone_number of at most 20 characters.');
		}
		if (type === 'COPY_CODE') {
			const sample = Array.isArray(b.example) ? b.example[0] : b.example;
			if (!present(sample) || String(sample).length > 15) throw errors.buttons('A copy code button needs an example of at most 15 characters.');
		}
		if (type === 'FLOW') {
			if (!['flow_id', 'flow_name', 'flow_json'].some((k) => present(b[k]))) throw errors.buttons('A flow button needs flow_id, flow_name or flow_json.');
			const action = String(b.flow_action ?? 'NAVIGATE').toUpperCase();
			if (!['NAVIGATE', 'DATA_EXCHANGE'].includes(action)) throw errors.buttons('flow_action must be NAVIGATE or DATA_EXCHANGE.');
			if (action === 'NAVIGATE' && !present(b.navigate_screen)) throw errors.buttons('navigate_screen is required when flow_action is NAVIGATE.');
		}
	});
	if (category === 'AUTHENTICATION' && (buttons.length !== 1 || types[0] !== 'OTP')) {
		throw errors.buttons('AUTHENTICATION templates need exactly one OTP button.');
	}
}

function validateComponents(state: SandboxState, raw: unknown, category: string, format: string): Array<Record<string, unknown>> {
	const components = readJson(raw, 'components');
	if (!Array.isArray(components) || components.some((c) => !isObject(c))) throw invalidParameter('components must be an array of objects');
	const list = components as Array<Record<string, unknown>>;
	const types = list.map((c) => String(c.type ?? '').toUpperCase());
	for (const type of new Set(types)) {
		if (!COMPONENT_TYPES.includes(type)) throw invalidParameter(`Unknown component type ${type}`);
		if (types.filter((t) => t === type).length > 1) throw invalidParameter(`Component ${type} can appear only once`);
	}
	if (!types.includes('BODY')) throw errors.bodyFormat('Every template needs a BODY component.');
	if (category === 'AUTHENTICATION' && types.includes('HEADER')) throw errors.headerFormat('AUTHENTICATION templates can\'t have a header.');
	if (types.includes('CALL_PERMISSION_REQUEST') && category !== 'MARKETING' && category !== 'UTILITY') {
		throw invalidParameter('Only MARKETING or UTILITY templates can include a call permission request component.');
	}
	list.forEach((component, i) => {
		if (types[i] === 'HEADER') validateHeader(state, component, category, format);
		if (types[i] === 'BODY') validateBody(component, category, format);
		if (types[i] === 'FOOTER') validateFooter(component, category);
		if (types[i] === 'BUTTONS') validateButtons(component, category);
	});
	return list;
}

/**
 * Meta's time-to-live ranges per category, and -1 (a custom TTL of 30 days) for authentication and
 * utility templates. Source: https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/time-to-live
 * ("Valid message_send_ttl_seconds property values"). Meta's refusal code for an out-of-range value
 * is not documented; the sandbox answers the generic 100.
 */
function validateTtl(value: unknown, category: string): number {
	const seconds = Number(value);
	if (seconds === -1 && (category === 'AUTHENTICATION' || category === 'UTILITY')) return seconds;
	const ranges: Record<string, [number, number]> = { AUTHENTICATION: [30, 900], UTILITY: [30, 43_200], MARKETING: [43_200, 2_592_000] };
	const [min, max] = ranges[category] ?? [30, 2_592_000];
	if (!Number.isInteger(seconds) || seconds < min || seconds > max) {
		const thirtyDays = category === 'AUTHENTICATION' || category === 'UTILITY' ? ' (or -1 for 30 days)' : '';
		throw invalidParameter(`message_send_ttl_seconds must be ${min} to ${max}${thirtyDays} for ${category} templates`);
	}
	return seconds;
}

export function makeTemplate(partial: Partial<TemplateRecord>): TemplateRecord {
	return {
		id: partial.id ?? newId('17'),
		name: partial.name ?? 'sample_template',
		language: partial.language ?? 'en_US',
		category: partial.category ?? 'UTILITY',
		status: partial.status ?? 'APPROVED',
		components: partial.components ?? [
			{ type: 'BODY', text: 'Hello {{1}}, your order is confirmed.', example: { body_text: [['Maria']] } },
		],
		parameter_format: partial.parameter_format ?? 'POSITIONAL',
		sub_category: partial.sub_category,
		quality_score: partial.quality_score ?? { score: 'UNKNOWN', date: Math.floor(Date.now() / 1000) },
		message_send_ttl_seconds: partial.message_send_ttl_seconds,
		rejected_reason: partial.rejected_reason ?? 'NONE',
		previous_category: partial.previous_category,
		edit_times: partial.edit_times ?? [],
		created_time: partial.created_time ?? Date.now(),
	};
}

function presentFields(template: TemplateRecord, fields: string | null, defaults: string[]) {
	return selectFields(template as unknown as Record<string, unknown>, fields, defaults);
}

function findTemplate(ctx: RequestContext): TemplateRecord {
	const template = ctx.state.templates.get(ctx.params.id);
	if (!template) throw unknownObject(ctx.params.id);
	return template;
}

export function register(registry: RouteRegistry): void {
	registry.seeder('templates', (state: SandboxState, records) => {
		for (const record of records) {
			const template = makeTemplate(record as Partial<TemplateRecord>);
			state.templates.set(template.id, template);
		}
	});

	registry.raw(
		'GET',
		'/samples/',
		(ctx) => {
			const file = ctx.state.publicFiles.get(ctx.params.rest);
			if (!file) return { status: 404, raw: 'Not found', contentType: 'text/plain' };
			return { raw: file.data, contentType: file.contentType };
		},
		{ authenticated: false },
	);

	registry.node('GET', 'waba', 'message_templates', (ctx) => {
		const { query } = ctx;
		let list = [...ctx.state.templates.values()];
		const name = query.get('name');
		if (name) list = list.filter((t) => t.name.toLowerCase().includes(name.toLowerCase()));
		const content = query.get('content');
		const bodyText = (t: TemplateRecord) => String(t.components.find((c) => String(c.type).toUpperCase() === 'BODY')?.text ?? '');
		if (content) list = list.filter((t) => bodyText(t).toLowerCase().includes(content.toLowerCase()));
		const filters: Array<[string, (t: TemplateRecord) => string]> = [
			['status', (t) => t.status],
			['category', (t) => t.category],
			['language', (t) => t.language],
			['quality_score', (t) => t.quality_score?.score ?? 'UNKNOWN'],
		];
		for (const [key, read] of filters) {
			const wanted = readList(query.get(key));
			if (wanted) list = list.filter((t) => wanted.some((w) => w.toUpperCase() === read(t).toUpperCase()));
		}
		const page = paginate(list, query, { defaultLimit: 25, maxLimit: 100, selfUrl: ctx.url });
		const json: Record<string, unknown> = {
			data: page.data.map((t) => presentFields(t, query.get('fields'), DEFAULT_LIST_FIELDS)),
			paging: page.paging,
		};
		const summary = readList(query.get('summary'));
		if (summary) {
			json.summary = {
				total_count: list.length,
				message_template_count: ctx.state.templates.size,
				message_template_limit: ctx.state.templateLimit,
			};
		}
		return { json };
	});

	registry.node('GET', 'template', '', (ctx) => ({ json: presentFields(findTemplate(ctx), ctx.query.get('fields'), DEFAULT_NODE_FIELDS) }));

	registry.node('POST', 'waba', 'message_templates', (ctx) => {
		const { input, state } = ctx;
		for (const key of ['name', 'language', 'category', 'components']) {
			if (!present(input[key])) throw invalidParameter(`The parameter ${key} is required`);
		}
		const name = String(input.name);
		if (name.length > 512 || !/^[a-z0-9_]+$/.test(name)) {
			throw invalidParameter('name can only contain lowercase alphanumeric characters and underscores, up to 512 characters');
		}
		const language = String(input.language);
		if (!/^[a-z]{2,3}(_[A-Z]{2,4})?$/.test(language)) throw invalidParameter(`Invalid language code ${language}`);
		const category = String(input.category).toUpperCase();
		if (!CATEGORIES.includes(category)) throw invalidParameter(`category must be one of ${CATEGORIES.join(', ')}`);
		const format = present(input.parameter_format) ? String(input.parameter_format).toUpperCase() : 'POSITIONAL';
		if (!['NAMED', 'POSITIONAL'].includes(format)) throw invalidParameter('parameter_format must be NAMED or POSITIONAL');

		const components = validateComponents(state, input.components, category, format);
		if (state.templates.size >= state.templateLimit) throw errors.countLimit(state.templateLimit);
		if ([...state.templates.values()].some((t) => t.name === name && t.language === language)) throw errors.duplicate(name, language);
		// Meta's rule names the template name only, so the block covers every language.
		const deletedAt = state.deletedTemplateNames.get(name);
		if (deletedAt !== undefined && Date.now() - deletedAt < 30 * DAY_MS) throw errors.nameBlocked(name);

		const template = makeTemplate({
			name,
			language,
			category,
			status: 'PENDING',
			components,
			parameter_format: format,
			message_send_ttl_seconds: present(input.message_send_ttl_seconds) ? validateTtl(input.message_send_ttl_seconds, category) : undefined,
			quality_score: { score: 'UNKNOWN' },
		});
		state.templates.set(template.id, template);
		return { json: { id: template.id, status: template.status, category: template.category } };
	});

	registry.node('POST', 'template', '', (ctx) => {
		const template = findTemplate(ctx);
		const body = (isObject(ctx.body) ? ctx.body : ctx.input) as Record<string, unknown>;
		const keys = Object.keys(body).filter((k) => k !== 'access_token');
		const unknown = keys.find((k) => !EDITABLE_FIELDS.includes(k));
		if (unknown) throw invalidParameter(`${unknown} can't be edited; only category, components and message_send_ttl_seconds can`);
		if (!keys.length) throw invalidParameter('Nothing to edit: pass category, components or message_send_ttl_seconds');
		if (!EDITABLE_STATUSES.includes(template.status)) throw errors.notEditable(template.status);

		const category = present(body.category) ? String(body.category).toUpperCase() : template.category;
		if (!CATEGORIES.includes(category)) throw invalidParameter(`category must be one of ${CATEGORIES.join(', ')}`);
		if (template.status === 'APPROVED') {
			if (category !== template.category) throw errors.categoryFixed();
			const now = Date.now();
			if (template.edit_times.some((t) => now - t < DAY_MS)) {
				throw errors.editLimit('An APPROVED template can be edited once in 24 hours. Try again later.');
			}
			if (template.edit_times.filter((t) => now - t < 30 * DAY_MS).length >= 10) {
				throw errors.editLimit('An APPROVED template can be edited 10 times in 30 days. Try again later.');
			}
		}
		const components = present(body.components)
			? validateComponents(ctx.state, body.components, category, template.parameter_format ?? 'POSITIONAL')
			: undefined;
		const ttl = present(body.message_send_ttl_seconds) ? validateTtl(body.message_send_ttl_seconds, category) : undefined;

		if (template.status === 'APPROVED') template.edit_times.push(Date.now());
		if (components) template.components = components;
		if (ttl !== undefined) template.message_send_ttl_seconds = ttl;
		if (category !== template.category) {
			template.previous_category = template.category;
			template.category = category;
		}
		// An edited template goes back to review.
		template.status = 'PENDING';
		return { json: { success: true } };
	});

	registry.node('DELETE', 'waba', 'message_templates', (ctx) => {
		const { input, state } = ctx;
		if (!present(input.name)) throw invalidParameter('The parameter name is required');
		const name = String(input.name);
		let targets: TemplateRecord[];
		if (present(input.hsm_id)) {
			const template = state.templates.get(String(input.hsm_id));
			if (!template || template.name !== name) {
				throw invalidParameter(`No message template with hsm_id ${String(input.hsm_id)} and name ${name}`);
			}
			targets = [template];
		} else {
			targets = [...state.templates.values()].filter((t) => t.name === name);
			if (!targets.length) throw invalidParameter(`Message template ${name} not found`);
		}
		if (targets.some((t) => t.status === 'DISABLED')) {
			throw templateError(undefined, 'Template can\'t be deleted', 'DISABLED templates can\'t be deleted.');
		}
		for (const template of targets) {
			if (template.status === 'APPROVED') state.deletedTemplateNames.set(template.name, Date.now());
			state.templates.delete(template.id);
		}
		return { json: { success: true } };
	});
}
