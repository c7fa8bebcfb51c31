import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialsHelper,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeProperties,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
	Workflow,
} from 'n8n-workflow';
import { ICredentialsHelper as CredentialsHelperBase } from 'n8n-workflow';

import { WhatsAppBusinessManagementApi } from '../../credentials/WhatsAppBusinessManagementApi.credentials';

const credentialTypes = { whatsAppBusinessManagementApi: new WhatsAppBusinessManagementApi() };

/**
 * Resolves a credential template the way n8n's CredentialsHelper.resolveValue does: values starting
 * with "=" go through n8n-workflow's expression engine with `$credentials` set.
 */
function resolve(value: string, credentials: ICredentialDataDecryptedObject, workflow: Workflow, node: INode): string {
	if (!value.startsWith('=')) return value;
	const resolved = workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }, undefined, '');
	return resolved === undefined || resolved === null ? '' : String(resolved);
}

/**
 * The credentials helper n8n's engine calls: it hands out the test's credential data and applies
 * the credential type's own `authenticate` block (so the header comes from our credential file).
 */
export class TestCredentialsHelper extends CredentialsHelperBase implements ICredentialsHelper {
	constructor(private readonly data: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const type = credentialTypes[typeName as keyof typeof credentialTypes];
		const options = requestOptions as IHttpRequestOptions;
		const authenticate = type?.authenticate;
		if (authenticate && typeof authenticate === 'object' && authenticate.type === 'generic') {
			const headers = authenticate.properties.headers ?? {};
			options.headers = { ...(options.headers ?? {}) };
			for (const [key, value] of Object.entries(headers)) {
				options.headers[key] = resolve(String(value), credentials, workflow, node);
			}
		}
		return options;
	}

	async preAuthentication(_helpers: IHttpRequestHelper, _credentials: ICredentialDataDecryptedObject): Promise<undefined> {
		return undefined;
	}

	async getCredentials(_nodeCredentials: INodeCredentialsDetails, _type: string): Promise<ICredentials> {
		throw new Error('getCredentials is not used in these tests');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.data[type];
		if (!data) throw new Error(`No test credential of type ${type}`);
		// n8n fills defaults for fields a user never touched.
		const defaults: ICredentialDataDecryptedObject = {};
		for (const property of this.getCredentialsProperties(type)) defaults[property.name] = property.default as string;
		return { ...defaults, ...data };
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return credentialTypes[type as keyof typeof credentialTypes]?.properties ?? [];
	}
}
