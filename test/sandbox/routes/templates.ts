/**
 * Message templates, from Meta's template docs (overview, components, template-management and the
 * 2388xxx error codes; graph-api.md section 1). Written from the docs, not from the node: it
 * refuses what Meta refuses, with Meta's code 100 and the documented subcodes.
 */
import { invalidParameter, newId, paginate, selectFields, unknownObject } from '../graph';
import { publicDownload } from '../respond';
import type { HandlerResult, RequestContext, RouteRegistry } from '../server';
import type { SandboxState, TemplateRecord } from '../state';
import { CATEGORIES, errors, isObject, present, readList, templateError, validateComponents, validateTtl } from './templateRules';

const EDITABLE_STATUSES = ['APPROVED', 'REJECTED', 'PAUSED'];
const EDITABLE_FIELDS = ['category', 'components', 'message_send_ttl_seconds'];
const DEFAULT_LIST_FIELDS = ['name', 'parameter_format', 'components', 'language', 'status', 'category', 'sub_category', 'previous_category'];
const DEFAULT_NODE_FIELDS = [...DEFAULT_LIST_FIELDS, 'quality_score', 'rejected_reason', 'message_send_ttl_seconds'];
const DAY_MS = 24 * 60 * 60 * 1000;

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

function listTemplates(ctx: RequestContext): HandlerResult {
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
}

function createTemplate(ctx: RequestContext): HandlerResult {
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
}

/** Edits category, components or TTL within Meta's limits; an edited template goes back to review. */
function editTemplate(ctx: RequestContext): HandlerResult {
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
}

function deleteTemplates(ctx: RequestContext): HandlerResult {
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
}

export function register(registry: RouteRegistry): void {
	registry.seeder('templates', (state: SandboxState, records) => {
		for (const record of records) {
			const template = makeTemplate(record as Partial<TemplateRecord>);
			state.templates.set(template.id, template);
		}
	});

	publicDownload(registry, '/samples/', (ctx) => ctx.state.publicFiles.get(ctx.params.rest), 'Not found');

	registry.node('GET', 'waba', 'message_templates', listTemplates);
	registry.node('GET', 'template', '', (ctx) => ({ json: presentFields(findTemplate(ctx), ctx.query.get('fields'), DEFAULT_NODE_FIELDS) }));
	registry.node('POST', 'waba', 'message_templates', createTemplate);
	registry.node('POST', 'template', '', editTemplate);
	registry.node('DELETE', 'waba', 'message_templates', deleteTemplates);
}
