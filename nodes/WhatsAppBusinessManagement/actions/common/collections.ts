import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/** An operation's "Options" collection (read as `options`), the way n8n's own nodes declare it. */
export function optionsCollection(displayOptions: IDisplayOptions, options: INodeProperties[]): INodeProperties {
	return { displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add option', default: {}, displayOptions, options };
}

/** An operation's "Additional Fields" collection (read as `additionalFields`): optional parts of what it creates. */
export function additionalFieldsCollection(displayOptions: IDisplayOptions, options: INodeProperties[]): INodeProperties {
	return { displayName: 'Additional Fields', name: 'additionalFields', type: 'collection', placeholder: 'Add Field', default: {}, displayOptions, options };
}
