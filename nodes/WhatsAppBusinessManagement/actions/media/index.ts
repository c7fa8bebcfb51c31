import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../types';
import * as del from './delete.operation';
import * as download from './download.operation';
import * as get from './get.operation';
import * as upload from './upload.operation';

export const operations: Record<string, OperationModule> = { upload, get, download, delete: del };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['media'] } },
		options: [
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete an uploaded or received media file',
				action: 'Delete a media file',
			},
			{
				name: 'Download',
				value: 'download',
				description: 'Download a media file into a binary field',
				action: 'Download a media file',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a media file\'s download URL, MIME type, sha256 and size',
				action: 'Get a media file',
			},
			{
				name: 'Upload',
				value: 'upload',
				description: 'Upload a file from a binary field to a phone number',
				action: 'Upload a media file',
			},
		],
		default: 'upload',
	},
	...upload.description,
	...get.description,
	...download.description,
	...del.description,
];
