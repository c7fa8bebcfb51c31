import type { IDataObject, IHttpRequestOptions, ILoadOptionsFunctions, INode } from 'n8n-workflow';

import { searchTemplates } from '../../nodes/WhatsAppBusinessManagement/methods/templates';
import { MAX_PAGE_SIZE } from '../../nodes/WhatsAppBusinessManagement/actions/template/getAll.operation';
import { useSandbox } from '../helpers/sandbox';
import { jsonOf, runNode, sandboxCredential } from '../helpers/workflow';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const body = (text = 'Your parcel is on its way, {{1}}. Thanks!') => [{ type: 'BODY', text, example: { body_text: [['Ana']] } }];

describe('Template > Get Many, Get, Edit, Delete through WorkflowExecute', () => {
	const sandbox = useSandbox();

	const run = (parameters: IDataObject, continueOnFail = false) =>
		runNode({ parameters: { resource: 'template', ...parameters }, credential: sandboxCredential(sandbox), continueOnFail });

	describe('Get Many', () => {
		it(`pages a 1,000-template WABA in ceil(1000 / ${MAX_PAGE_SIZE}) calls with the largest page`, async () => {
			sandbox.seed({ templates: Array.from({ length: 1000 }, (_, i) => ({ id: String(700000 + i), name: `t_${i}` })) });
			const result = await run({ operation: 'getAll', returnAll: true });
			expect(result.items).toHaveLength(1000);
			expect(result.items[999].json).toMatchObject({ id: '700999', name: 't_999' });
			expect(new Set(result.items.map((i) => i.json.id)).size).toBe(1000);
			const calls = sandbox.requestsTo('GET', '/message_templates');
			expect(calls).toHaveLength(Math.ceil(1000 / MAX_PAGE_SIZE));
			expect(calls.every((c) => c.query.limit === String(MAX_PAGE_SIZE))).toBe(true);
			expect(calls[0].query.after).toBeUndefined();
			expect(calls.slice(1).every((c) => c.query.after)).toBe(true);
		});

		it('stops at the limit, asking only for what is left', async () => {
			sandbox.seed({ templates: Array.from({ length: 300 }, (_, i) => ({ name: `t_${i}` })) });
			const result = await run({ operation: 'getAll', returnAll: false, limit: 150 });
			expect(result.items).toHaveLength(150);
			expect(sandbox.requestsTo('GET', '/message_templates').map((c) => c.query.limit)).toEqual(['100', '50']);
		});

		it('sends the filters as Graph list parameters and the chosen fields', async () => {
			sandbox.seed({
				templates: [
					{ id: '1', name: 'welcome_offer', status: 'APPROVED', category: 'MARKETING', language: 'en_US', quality_score: { score: 'GREEN' } },
					{ id: '2', name: 'welcome_offer', status: 'APPROVED', category: 'MARKETING', language: 'pt_BR', quality_score: { score: 'RED' } },
					{ id: '3', name: 'welcome_back', status: 'REJECTED', category: 'MARKETING', language: 'en_US' },
					{ id: '4', name: 'welcome_utility', status: 'APPROVED', category: 'UTILITY', language: 'en_US' },
					{ id: '5', name: 'order_update', status: 'PAUSED', category: 'MARKETING', language: 'en_US' },
				],
			});
			const result = await run({
				operation: 'getAll',
				returnAll: true,
				filters: { name: 'welcome', status: ['APPROVED', 'PAUSED'], category: ['MARKETING'], language: 'en_US, pt_BR', qualityScore: ['GREEN', 'RED'] },
				options: { fields: ['name', 'language', 'quality_score'] },
			});
			expect(jsonOf(result)).toEqual([
				{ id: '1', name: 'welcome_offer', language: 'en_US', quality_score: { score: 'GREEN' } },
				{ id: '2', name: 'welcome_offer', language: 'pt_BR', quality_score: { score: 'RED' } },
			]);
			expect(sandbox.requestsTo('GET', '/message_templates')[0].query).toEqual({
				name: 'welcome',
				status: '["APPROVED","PAUSED"]',
				category: '["MARKETING"]',
				language: '["en_US","pt_BR"]',
				quality_score: '["GREEN","RED"]',
				fields: 'id,name,language,quality_score',
				limit: '100',
			});
		});
	});

	describe('Get', () => {
		it('gets one template by ID, with chosen fields', async () => {
			sandbox.seed({ templates: [{ id: '123456', name: 'order_update', message_send_ttl_seconds: 3600 }] });
			const full = await run({ operation: 'get', templateId: byId('123456') });
			expect(jsonOf(full)[0]).toMatchObject({ id: '123456', name: 'order_update', status: 'APPROVED', components: expect.any(Array) });
			const some = await run({ operation: 'get', templateId: byId('123456'), options: { fields: ['name', 'message_send_ttl_seconds'] } });
			expect(jsonOf(some)).toEqual([{ id: '123456', name: 'order_update', message_send_ttl_seconds: 3600 }]);
			expect(sandbox.requestsTo('GET', '/123456')[1].query).toEqual({ fields: 'id,name,message_send_ttl_seconds' });
		});

		it('refuses a non-numeric ID before sending', async () => {
			const result = await run({ operation: 'get', templateId: { __rl: true, mode: 'list', value: 'abc' } });
			expect(result.error?.message).toBe('Field "Template": the template ID must contain only digits, not "abc"');
			expect(sandbox.requests).toHaveLength(0);
		});

		it('reports an unknown template with Meta\'s error', async () => {
			const result = await run({ operation: 'get', templateId: byId('999') });
			expect(result.error?.message).toMatch(/^Meta error 100\/33: Unsupported get request/);
		});
	});

	describe('searchable list', () => {
		const context = (): ILoadOptionsFunctions =>
			({
				getNode: () => ({ name: 'WhatsApp Business Management' }) as INode,
				getCredentials: async () => sandboxCredential(sandbox),
				helpers: {
					httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => {
						const url = new URL(options.url);
						for (const [k, v] of Object.entries(options.qs ?? {})) url.searchParams.set(k, String(v));
						const response = await fetch(url, { headers: { Authorization: `Bearer ${sandbox.state.token}` } });
						return { statusCode: response.status, headers: {}, body: await response.json() };
					},
				},
			}) as unknown as ILoadOptionsFunctions;

		it('lists templates as "name (language)" filtered by name, page by page', async () => {
			sandbox.seed({
				templates: [
					{ id: '11', name: 'order_update', language: 'en_US' },
					{ id: '12', name: 'order_update', language: 'de', status: 'PENDING' },
					{ id: '13', name: 'welcome', language: 'en_US' },
				],
			});
			const page = await searchTemplates.call(context(), 'order');
			expect(page.results).toEqual([
				{ name: 'order_update (en_US)', value: '11' },
				{ name: 'order_update (de) - PENDING', value: '12' },
			]);
			expect(page.paginationToken).toBeUndefined();
			expect(sandbox.requestsTo('GET', '/message_templates')[0].query).toMatchObject({ name: 'order', limit: '100' });

			sandbox.seed({ templates: Array.from({ length: 120 }, (_, i) => ({ name: `bulk_${i}` })) });
			const first = await searchTemplates.call(context(), 'bulk');
			expect(first.results).toHaveLength(100);
			const second = await searchTemplates.call(context(), 'bulk', first.paginationToken as string);
			expect(second.results).toHaveLength(20);
		});
	});

	describe('Edit', () => {
		const edit = (id: string, extra: IDataObject = {}) => ({
			operation: 'edit',
			templateId: byId(id),
			updateComponents: true,
			parameterFormat: 'POSITIONAL',
			componentsSource: 'json',
			componentsJson: JSON.stringify(body()),
			...extra,
		});

		it('replaces the components of an approved template and puts it back in review', async () => {
			sandbox.seed({ templates: [{ id: '500', status: 'APPROVED' }] });
			const result = await run(edit('500'));
			expect(jsonOf(result)).toEqual([{ id: '500', success: true }]);
			expect(sandbox.requestsTo('POST', '/500')[0].body).toEqual({ components: body() });
			expect(sandbox.state.templates.get('500')).toMatchObject({ status: 'PENDING', components: body() });
			expect(sandbox.state.templates.get('500')!.edit_times).toHaveLength(1);
		});

		it('changes the category and TTL of a rejected template', async () => {
			sandbox.seed({ templates: [{ id: '501', status: 'REJECTED', category: 'UTILITY' }] });
			const result = await run(edit('501', { updateComponents: false, updateFields: { category: 'MARKETING', messageSendTtlSeconds: 86400 } }));
			expect(result.error).toBeUndefined();
			expect(sandbox.requestsTo('POST', '/501')[0].body).toEqual({ category: 'MARKETING', message_send_ttl_seconds: 86400 });
			expect(sandbox.state.templates.get('501')).toMatchObject({ category: 'MARKETING', previous_category: 'UTILITY', message_send_ttl_seconds: 86400 });
		});

		it('sets -1 (a 30-day TTL, documented for utility and authentication templates)', async () => {
			sandbox.seed({ templates: [{ id: '502', status: 'APPROVED', category: 'UTILITY' }] });
			const result = await run(edit('502', { updateComponents: false, updateFields: { messageSendTtlSeconds: -1 } }));
			expect(result.error).toBeUndefined();
			expect(sandbox.requestsTo('POST', '/502')[0].body).toEqual({ message_send_ttl_seconds: -1 });
			expect(sandbox.state.templates.get('502')).toMatchObject({ message_send_ttl_seconds: -1 });
		});

		it.each([
			['a pending template', { status: 'PENDING' }, {}, 'Only APPROVED, REJECTED or PAUSED templates can be edited; this template is PENDING.'],
			['an approved template\'s category', { status: 'APPROVED', category: 'UTILITY' }, { updateComponents: false, updateFields: { category: 'MARKETING' } }, 'The category of an APPROVED template can\'t be changed.'],
			['a second edit within 24 hours', { status: 'APPROVED', edit_times: [Date.now() - 2 * HOUR] }, {}, 'An APPROVED template can be edited once in 24 hours. Try again later.'],
			['an 11th edit within 30 days', { status: 'APPROVED', edit_times: Array.from({ length: 10 }, (_, i) => Date.now() - (2 + i * 2) * DAY) }, {}, 'An APPROVED template can be edited 10 times in 30 days. Try again later.'],
		])('Meta refuses %s, and the node explains the rules', async (_case, seed, extra, metaMessage) => {
			sandbox.seed({ templates: [{ id: '600', ...seed }] });
			const result = await run(edit('600', extra));
			expect(result.error?.message).toBe(`Meta error 100: ${metaMessage}`);
			expect(result.error?.description).toMatch(/^Meta edits only APPROVED, REJECTED or PAUSED templates\. An APPROVED template keeps its category/);
			expect(sandbox.requestsTo('POST', '/600')).toHaveLength(1);
		});

		it('edits an authentication template\'s components without repeating its category', async () => {
			const authentication = [
				{ type: 'BODY', add_security_recommendation: true },
				{ type: 'FOOTER', code_expiration_minutes: 10 },
				{ type: 'BUTTONS', buttons: [{ type: 'OTP', otp_type: 'COPY_CODE', text: 'Copy code' }] },
			];
			sandbox.seed({ templates: [{ id: '603', status: 'REJECTED', category: 'AUTHENTICATION', components: authentication.slice(0, 1) }] });
			const result = await run(edit('603', { componentsJson: JSON.stringify(authentication) }));
			expect(result.error).toBeUndefined();
			expect(sandbox.requestsTo('POST', '/603')[0].body).toEqual({ components: authentication });
			expect(sandbox.state.templates.get('603')).toMatchObject({ category: 'AUTHENTICATION', components: authentication });
		});

		it('lets a paused template be edited however often it was edited before', async () => {
			sandbox.seed({ templates: [{ id: '602', status: 'PAUSED', edit_times: Array.from({ length: 12 }, () => Date.now() - HOUR) }] });
			const result = await run(edit('602'));
			expect(result.error).toBeUndefined();
		});

		it.each([
			['components', { componentsJson: JSON.stringify(body('Hello {{1}}')) }, 'BODY component: field "text" may not end with a variable ({{1}}); add text after it'],
			['TTL', { updateComponents: false, updateFields: { category: 'AUTHENTICATION', messageSendTtlSeconds: 3600 } }, 'Template: field "message_send_ttl_seconds" must be 30 seconds to 15 minutes (900), or -1 for 30 days for AUTHENTICATION templates (it is 3600)'],
			['nothing to change', { updateComponents: false }, 'Template: field "Update Fields" is empty: choose components, a category or a message TTL to change'],
		])('validates %s before sending', async (_case, extra, message) => {
			const result = await run(edit('600', extra));
			expect(result.error?.message).toBe(message);
			expect(sandbox.requests).toHaveLength(0);
		});
	});

	describe('Delete', () => {
		const seedLanguages = () =>
			sandbox.seed({
				templates: [
					{ id: '801', name: 'promo', language: 'en_US' },
					{ id: '802', name: 'promo', language: 'es' },
					{ id: '803', name: 'other' },
				],
			});

		it('deletes every language by name', async () => {
			seedLanguages();
			const result = await run({ operation: 'delete', deleteBy: 'name', name: 'promo' });
			expect(jsonOf(result)).toEqual([{ success: true, name: 'promo' }]);
			expect(sandbox.requestsTo('DELETE', '/message_templates')[0].query).toEqual({ name: 'promo' });
			expect([...sandbox.state.templates.keys()]).toEqual(['803']);
		});

		it('deletes one language by ID plus name', async () => {
			seedLanguages();
			const result = await run({ operation: 'delete', deleteBy: 'id', templateId: byId('802'), name: 'promo' });
			expect(jsonOf(result)).toEqual([{ success: true, name: 'promo', id: '802' }]);
			expect(sandbox.requestsTo('DELETE', '/message_templates')[0].query).toEqual({ hsm_id: '802', name: 'promo' });
			expect([...sandbox.state.templates.keys()]).toEqual(['801', '803']);
		});

		it('deletes one language by ID alone, looking the name up first', async () => {
			seedLanguages();
			const result = await run({ operation: 'delete', deleteBy: 'id', templateId: byId('802'), name: '' });
			expect(result.error?.message).toBeUndefined();
			expect(jsonOf(result)).toEqual([{ success: true, name: 'promo', id: '802' }]);
			expect(sandbox.requestsTo('GET', '/802')[0].query).toEqual({ fields: 'name,language' });
			expect(sandbox.requestsTo('DELETE', '/message_templates')[0].query).toEqual({ hsm_id: '802', name: 'promo' });
			expect([...sandbox.state.templates.keys()]).toEqual(['801', '803']);
		});

		it('refuses a malformed name before sending', async () => {
			const result = await run({ operation: 'delete', deleteBy: 'name', name: 'Promo Codes' });
			expect(result.error?.message).toBe('Template: field "name" may contain only lowercase letters, digits and underscores (_)');
			expect(sandbox.requests).toHaveLength(0);
		});

		it('blocks a deleted approved name for 30 days (100/2388023)', async () => {
			seedLanguages();
			await run({ operation: 'delete', deleteBy: 'name', name: 'promo' });
			const result = await runNode({
				parameters: {
					resource: 'template',
					operation: 'create',
					name: 'promo',
					language: 'es',
					category: 'MARKETING',
					componentsSource: 'json',
					componentsJson: JSON.stringify(body()),
				},
				credential: sandboxCredential(sandbox),
			});
			expect(result.error?.message).toMatch(/^Meta error 100\/2388023/);
			expect(result.error?.description).toMatch(/deleted in the last 30 days/);
		});
	});
});
