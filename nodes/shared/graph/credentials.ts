import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { GraphContext } from './context';
import { isSecureOrLoopback } from './hosts';

export const CREDENTIAL_TYPE = 'whatsAppBusinessManagementApi';

export interface GraphCredentials {
	accessToken: string;
	businessAccountId: string;
	apiVersion: string;
	baseUrl: string;
	appId?: string;
	appSecret?: string;
}

const CREDENTIAL_LABELS: Record<string, string> = {
	accessToken: 'Access Token',
	businessAccountId: 'WhatsApp Business Account ID',
	apiVersion: 'Graph API Version',
	appId: 'App ID',
	appSecret: 'App Secret',
};

/** A credential field as trimmed text ('' when missing). */
function textOf(raw: IDataObject, key: string): string {
	const value = raw[key];
	if (typeof value === 'string') return value.trim();
	return value === undefined || value === null ? '' : String(value);
}

/** The credential's fields with their defaults applied (no checks). */
export function readCredentials(raw: IDataObject): GraphCredentials {
	return {
		accessToken: textOf(raw, 'accessToken'),
		businessAccountId: textOf(raw, 'businessAccountId'),
		apiVersion: textOf(raw, 'apiVersion') || 'v25.0',
		baseUrl: (textOf(raw, 'baseUrl') || 'https://graph.facebook.com').replace(/\/+$/, ''),
		appId: textOf(raw, 'appId') || undefined,
		appSecret: textOf(raw, 'appSecret') || undefined,
	};
}

/** https, or http to this machine (the sandbox): the token is never sent in cleartext over a network. */
export function isAllowedBaseUrl(baseUrl: string): boolean {
	try {
		const url = new URL(baseUrl);
		return Boolean(url.hostname) && isSecureOrLoopback(url);
	} catch {
		return false;
	}
}

/** The label the credential's form shows for a field. */
export function credentialLabelOf(key: keyof GraphCredentials): string {
	return CREDENTIAL_LABELS[key] ?? key;
}

/** What is wrong with the credential for a call that needs `required` as well; undefined when nothing. */
export function credentialProblem(
	credentials: GraphCredentials,
	required: Array<keyof GraphCredentials> = [],
): { message: string; description?: string } | undefined {
	for (const key of ['accessToken', 'businessAccountId', ...required] as Array<keyof GraphCredentials>) {
		if (!credentials[key]) {
			const label = credentialLabelOf(key);
			return {
				message: `The credential field "${label}" is empty`,
				description: `Open the WhatsApp Business Management API credential and fill in "${label}". No request was sent to Meta.`,
			};
		}
	}
	if (!/^v\d+\.\d+$/.test(credentials.apiVersion)) {
		return { message: `The credential field "Graph API Version" must look like v25.0, not "${credentials.apiVersion}"` };
	}
	if (!/^\d+$/.test(credentials.businessAccountId)) {
		return {
			message: 'The credential field "WhatsApp Business Account ID" must contain only digits',
			description: 'Copy the WABA ID from WhatsApp Manager > Account tools > Phone numbers. No request was sent to Meta.',
		};
	}
	if (!isAllowedBaseUrl(credentials.baseUrl)) {
		return {
			message: 'The credential field "Base URL" must start with https:// (http:// only for this machine: localhost, 127.x.x.x or [::1])',
			description: 'The access token travels with every request, so it is never sent in cleartext over a network. No request was sent.',
		};
	}
	return undefined;
}

/**
 * Reads and checks the credential before anything is sent, so a missing field is named instead of
 * surfacing later as an opaque Graph error.
 */
export async function getGraphCredentials(
	this: GraphContext,
	required: Array<keyof GraphCredentials> = [],
): Promise<GraphCredentials> {
	const credentials = readCredentials((await this.getCredentials(CREDENTIAL_TYPE)) as IDataObject);
	const problem = credentialProblem(credentials, required);
	if (problem) throw new NodeOperationError(this.getNode(), problem.message, problem.description ? { description: problem.description } : {});
	return credentials;
}
