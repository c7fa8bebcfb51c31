import type { IDataObject } from 'n8n-workflow';

/** Template > Create of the tests' `order_shipped` template: a positional utility template in US English. */
export const ORDER_SHIPPED_CREATE: IDataObject = {
	resource: 'template',
	operation: 'create',
	name: 'order_shipped',
	language: 'en_US',
	category: 'UTILITY',
	parameterFormat: 'POSITIONAL',
};

/** The same template from the builder: no header, a body with two examples, no footer or buttons. */
export const builderTemplateCreate = (overrides: IDataObject = {}): IDataObject => ({
	...ORDER_SHIPPED_CREATE,
	componentsSource: 'builder',
	headerType: 'none',
	bodyText: 'Hi {{1}}, your order {{2}} has shipped.',
	bodyExamples: { example: [{ variable: '1', value: 'Maria' }, { variable: '2', value: 'A-1029' }] },
	footerText: '',
	buttons: {},
	...overrides,
});
