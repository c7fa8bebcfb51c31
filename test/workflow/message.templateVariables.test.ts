import type { IDataObject } from 'n8n-workflow';

import { WhatsAppBusinessManagement } from '../../nodes/WhatsAppBusinessManagement/WhatsAppBusinessManagement.node';
import { getTemplateVariables } from '../../nodes/WhatsAppBusinessManagement/methods/templateVariables';
import { searchTemplates } from '../../nodes/WhatsAppBusinessManagement/methods/templates';
import { TEMPLATES, byId } from '../fixtures/messageTemplates';
import { loadOptionsContext } from '../helpers/loadOptions';
import { useSandbox } from '../helpers/sandbox';

describe('Send Template: the resource mapper and the template list against the sandbox', () => {
	const sandbox = useSandbox({ seed: { templates: Object.values(TEMPLATES) } });

	const variables = (templateId: IDataObject) => getTemplateVariables.call(loadOptionsContext(sandbox, { templateId }));

	it('is the node\'s resourceMapping method named by the Template Variables field', () => {
		const node = new WhatsAppBusinessManagement();
		const field = node.description.properties.find((p) => p.name === 'templateVariables');
		expect(field?.typeOptions?.resourceMapper?.resourceMapperMethod).toBe('getTemplateVariables');
		expect(field?.typeOptions?.loadOptionsDependsOn).toEqual(['templateId.value']);
		expect(node.methods.resourceMapping.getTemplateVariables).toBe(getTemplateVariables);
	});

	it('gives one field per variable, named as in the template, with the example in the label', async () => {
		const { fields } = await variables(byId(TEMPLATES.named.id));
		expect(fields.map((f) => [f.id, f.displayName, f.required, f.type])).toEqual([
			['header.order_id', 'Header {{order_id}} (e.g. A-17)', true, 'string'],
			['body.first_name', 'Body {{first_name}} (e.g. Maria)', true, 'string'],
			['body.item', 'Body {{item}} (e.g. bike)', true, 'string'],
			['button.0.url', 'Button 1 "Track" URL Suffix (e.g. A-17)', true, 'string'],
		]);
		expect(fields.every((f) => f.display && !f.defaultMatch)).toBe(true);
		expect(sandbox.requestsTo('GET', `/${TEMPLATES.named.id}`)[0].query).toEqual({ fields: 'id,name,language,status,category,parameter_format,components' });
	});

	it('marks optional values and types the offer expiry as a date', async () => {
		const buttons = await variables(byId(TEMPLATES.buttons.id));
		expect(buttons.fields.map((f) => f.displayName)).toEqual([
			'Body {{1}} (e.g. Ana)',
			'Button 1 "Stop promotions" Payload (optional)',
			'Button 2 Coupon Code (e.g. SPRING20)',
			'Button 3 "Book" Flow Token (optional)',
			'Button 3 "Book" Flow Action Data (JSON) (optional)',
		]);
		const offer = await variables(byId(TEMPLATES.offer.id));
		expect(offer.fields[0]).toMatchObject({ id: 'offer.expiration', type: 'dateTime', required: true });
	});

	it('offers the catalog thumbnail as optional, and the multi-product thumbnail and products with an example', async () => {
		expect((await variables(byId(TEMPLATES.catalog.id))).fields.map((f) => [f.displayName, f.required])).toEqual([
			['Body {{1}} (e.g. 10%)', true],
			['Catalog Thumbnail (Product Retailer ID) (optional)', false],
		]);
		expect((await variables(byId(TEMPLATES.multiProduct.id))).fields.map((f) => [f.id, f.displayName, f.required])).toEqual([
			['header.1', 'Header {{1}} (e.g. Pablo)', true],
			['button.0.thumbnail', 'Products Thumbnail (Product Retailer ID)', true],
			['button.0.sections', 'Products (e.g. Bikes: B1, B2 | Hats: H1)', true],
		]);
	});

	it('asks a single-product template and a product card carousel for each product and for the catalog once', async () => {
		expect((await variables(byId(TEMPLATES.singleProduct.id))).fields.map((f) => [f.id, f.displayName, f.required])).toEqual([
			['header.product', 'Header Product (Product Retailer ID)', true],
			['catalog.id', 'Catalog ID', true],
			['body.1', 'Body {{1}} (e.g. Ana)', true],
		]);
		expect((await variables(byId(TEMPLATES.productCarousel.id))).fields.map((f) => f.displayName)).toEqual([
			'Body {{1}} (e.g. Ana)',
			'Catalog ID',
			'Card 1 Header Product (Product Retailer ID)',
			'Card 2 Header Product (Product Retailer ID)',
		]);
	});

	it('says what to do when no template is picked, or the template has no variables', async () => {
		expect(await variables({ __rl: true, mode: 'list', value: '' })).toEqual({ fields: [], emptyFieldsNotice: 'Pick a template first: its variables appear here.' });
		sandbox.seed({ templates: [{ id: '610000000000099', name: 'hello_world', category: 'UTILITY', components: [{ type: 'BODY', text: 'Hello!' }] }] });
		expect(await variables(byId('610000000000099'))).toEqual({ fields: [], emptyFieldsNotice: 'Template "hello_world" (en_US) has no variables: it is sent as it is.' });
	});

	it('searches the template list by name and language', async () => {
		sandbox.seed({ templates: [{ id: '610000000000010', name: 'order_update', language: 'pt_BR' }] });
		const page = await searchTemplates.call(loadOptionsContext(sandbox), 'order pt_BR');
		expect(page.results).toEqual([{ name: 'order_update (pt_BR)', value: '610000000000010' }]);
		expect(sandbox.requestsTo('GET', '/message_templates')[0].query).toMatchObject({ name: 'order', language: '["pt_BR"]' });
	});
});
