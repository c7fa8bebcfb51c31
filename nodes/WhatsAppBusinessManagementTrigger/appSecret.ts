/** The credential's App Secret for the signature check, kept for a short while per credential. */
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { CREDENTIAL_TYPE, readCredentials } from '../shared/graph';
import { verifySignature } from './events';

/**
 * How long a resolved App Secret is used without asking n8n again. n8n resolves a credential in a
 * webhook call inside a new expression isolate (its `vm` expression engine), work that costs more
 * than the trigger's own; Meta can send many webhooks a second, so one resolution serves them.
 */
export const APP_SECRET_REUSE_MS = 60_000;

const secretsByCredential = new Map<string, { appSecret: string; resolvedAt: number }>();

/** Forgets every App Secret this process holds (activation, tests). */
export function forgetAppSecrets(): void {
	secretsByCredential.clear();
}

async function resolveAppSecret(context: IWebhookFunctions): Promise<string> {
	return readCredentials((await context.getCredentials(CREDENTIAL_TYPE)) as IDataObject).appSecret ?? '';
}

/**
 * Whether the body's X-Hub-Signature-256 matches the credential's App Secret; `undefined` when the
 * credential has none. A signature that does not match the kept secret is checked again against a
 * freshly resolved one, so a changed App Secret counts at once; a secret that was replaced stays
 * accepted for at most APP_SECRET_REUSE_MS.
 */
export async function signatureMatches(context: IWebhookFunctions, rawBody: Buffer | string | undefined): Promise<boolean | undefined> {
	const header = context.getHeaderData()['x-hub-signature-256'];
	const credentialId = context.getNode().credentials?.[CREDENTIAL_TYPE]?.id ?? '';
	const kept = secretsByCredential.get(credentialId);
	if (kept && Date.now() - kept.resolvedAt < APP_SECRET_REUSE_MS && rawBody !== undefined && verifySignature(rawBody, header, kept.appSecret)) {
		return true;
	}
	const appSecret = await resolveAppSecret(context);
	if (!appSecret) {
		secretsByCredential.delete(credentialId);
		return undefined;
	}
	if (credentialId) secretsByCredential.set(credentialId, { appSecret, resolvedAt: Date.now() });
	return rawBody !== undefined && verifySignature(rawBody, header, appSecret);
}
