import type { IDataObject, IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** An operation's "Options" collection (read as `options`), the way n8n's own nodes declare it. */
export function optionsCollection(displayOptions: IDisplayOptions, options: INodeProperties[]): INodeProperties {
	return { displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add option', default: {}, displayOptions, options };
}

/** An operation's "Additional Fields" collection (read as `additionalFields`): optional parts of what it creates. */
export function additionalFieldsCollection(displayOptions: IDisplayOptions, options: INodeProperties[]): INodeProperties {
	return { displayName: 'Additional Fields', name: 'additionalFields', type: 'collection', placeholder: 'Add Field', default: {}, displayOptions, options };
}

/** The entries of a multiple-value fixedCollection (`name.key[]`), each field as text. */
export function fixedCollectionEntries(context: IExecuteFunctions, name: string, key: string, itemIndex: number): Array<Record<string, string>> {
	const value = context.getNodeParameter(name, itemIndex, {}) as IDataObject;
	const list = (value[key] as IDataObject[] | undefined) ?? [];
	return list.map((entry) => Object.fromEntries(Object.entries(entry).map(([field, text]) => [field, String(text ?? '')])));
}
