'use strict';
/**
 * One n8n "instance" as the dev command and the e2e suite set it up: a user folder with this
 * package installed as a community package, the sandbox credentials and the given workflows
 * imported through n8n's CLI.
 */
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const { installPackage, n8nCli } = require('./n8n-run');
const { CREDENTIALS, NODE_TYPE, TRIGGER_TYPE, stableId, stableUuid } = require('./cases');
const { sandboxCredentialData } = require('./sandbox');

const ROOT = path.resolve(__dirname, '..', '..');
const DIST_NODES = path.join(ROOT, 'dist', 'nodes');

function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/** The credential that works against the sandbox, "WhatsApp sandbox". */
function workingCredential(sandbox) {
	return { ...CREDENTIALS.sandbox, type: 'whatsAppBusinessManagementApi', data: sandboxCredentialData(sandbox) };
}

/** The working credential and one with a wrong token (the e2e suite's failure paths). */
function credentialsFor(sandbox) {
	const working = workingCredential(sandbox);
	return [
		working,
		{ ...CREDENTIALS.wrongToken, type: 'whatsAppBusinessManagementApi', data: { ...working.data, accessToken: 'fakewrongTOKEN000000000000000000000000' } },
	];
}

/**
 * Installs the tarball into `userFolder` and imports credentials (by default only the working one:
 * n8n pre-selects the first credential of a type for new nodes) and workflows. `env` is the n8n
 * environment (its DB settings decide where the import goes).
 */
async function prepareInstance({ installation, userFolder, tarball, sandbox, workflows, env, credentials = [workingCredential(sandbox)] }) {
	fs.mkdirSync(userFolder, { recursive: true });
	await installPackage(installation, userFolder, tarball);
	const importDir = path.join(userFolder, 'import');
	fs.rmSync(importDir, { recursive: true, force: true });
	fs.mkdirSync(path.join(importDir, 'workflows'), { recursive: true });
	const credentialFile = path.join(importDir, 'credentials.json');
	fs.writeFileSync(credentialFile, JSON.stringify(credentials, null, 2));
	await n8nCli(installation, ['import:credentials', `--input=${credentialFile}`], env);
	for (const workflow of workflows) {
		const { webhookPath: _path, ...importable } = workflow;
		fs.writeFileSync(path.join(importDir, 'workflows', `${workflow.id}.json`), JSON.stringify(importable, null, 2));
	}
	if (workflows.length) {
		await n8nCli(installation, ['import:workflow', '--separate', `--input=${path.join(importDir, 'workflows')}`], env);
	}
}

/** The built action node's description, to know which resource/operation pairs it offers. */
function builtOperations() {
	const file = path.join(DIST_NODES, 'WhatsAppBusinessManagement', 'WhatsAppBusinessManagement.node.js');
	const { WhatsAppBusinessManagement } = require(file);
	const { properties } = new WhatsAppBusinessManagement().description;
	const pairs = new Set();
	for (const property of properties) {
		if (property.name !== 'operation') continue;
		const resources = (property.displayOptions && property.displayOptions.show && property.displayOptions.show.resource) || [];
		for (const resource of resources) for (const option of property.options || []) pairs.add(`${resource}:${option.value}`);
	}
	return pairs;
}

/** The built trigger node, when this build has one (another branch adds it). */
function builtTrigger() {
	const manifest = require(path.join(ROOT, 'package.json'));
	const listed = (manifest.n8n.nodes || []).find((file) => /WhatsAppBusinessManagementTrigger\.node\.js$/.test(file));
	if (!listed) return undefined;
	const file = path.join(ROOT, listed);
	if (!fs.existsSync(file)) return undefined;
	const exported = require(file);
	const Trigger = exported.WhatsAppBusinessManagementTrigger || Object.values(exported)[0];
	return new Trigger().description;
}

/**
 * The trigger's parameters for a workflow: the webhook path and verify token by whatever names the
 * trigger gives them (found in its description, so a rename does not silently break the e2e).
 */
function triggerParameters(description, { path: webhookPath, verifyToken }) {
	const parameters = {};
	for (const property of description.properties) {
		if (/path/i.test(property.name) && property.type === 'string') parameters[property.name] = webhookPath;
		if (/verify/i.test(property.name) && property.type === 'string') parameters[property.name] = verifyToken;
	}
	return parameters;
}

/** Where n8n serves the trigger's production webhook, computed as n8n computes it. */
/**
 * A workflow of one trigger node on the sandbox credential, its IDs derived from `seed` (such as
 * `e2e:trigger`) so every run imports the same workflow; with the path n8n serves its webhook at.
 */
function triggerWorkflowOf(description, { seed, nodeName, workflowName, parameters }) {
	const node = {
		id: stableUuid(`${seed}:node`),
		name: nodeName,
		type: TRIGGER_TYPE,
		typeVersion: Array.isArray(description.version) ? Math.max(...description.version) : description.version || 1,
		position: [0, 0],
		webhookId: stableUuid(`${seed}:webhookId`),
		parameters,
		credentials: { whatsAppBusinessManagementApi: { id: CREDENTIALS.sandbox.id, name: CREDENTIALS.sandbox.name } },
	};
	const workflow = { id: stableId(seed), name: workflowName, active: false, nodes: [node], connections: {}, settings: { executionOrder: 'v1' }, pinData: {} };
	return { workflow, node, webhookPath: triggerWebhookPath(description, node) };
}

function triggerWebhookPath(description, node) {
	const webhook = (description.webhooks || []).find((w) => String(w.httpMethod).toUpperCase() === 'POST') || (description.webhooks || [])[0];
	if (!webhook) throw new Error('the trigger describes no webhook');
	let webhookPath = String(webhook.path);
	const parameter = /\$parameter\[["'](\w+)["']\]|\$parameter\.(\w+)/.exec(webhookPath);
	if (webhookPath.startsWith('=') && parameter) webhookPath = String(node.parameters[parameter[1] || parameter[2]]);
	webhookPath = webhookPath.replace(/^\/+/, '');
	const fullPath = webhook.isFullPath === true || (typeof webhook.isFullPath === 'string' && webhook.isFullPath.includes('true'));
	return fullPath ? webhookPath : `${node.webhookId}/${webhookPath}`;
}

module.exports = {
	NODE_TYPE,
	TRIGGER_TYPE,
	freePort,
	workingCredential,
	credentialsFor,
	prepareInstance,
	builtOperations,
	builtTrigger,
	triggerParameters,
	triggerWebhookPath,
	triggerWorkflowOf,
};
