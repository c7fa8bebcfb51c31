'use strict';
/**
 * End-to-end cases: one JSON file per case in test/e2e/cases/. A case names the node's parameters
 * (or a whole workflow), an optional sandbox seed and input body, and what must come out: items
 * (partial deep match, in order), the item count, the requests the sandbox received, and text that
 * must never appear in the output. Each case becomes an n8n workflow
 * `Webhook (POST /webhook/e2e-<case>) -> WhatsApp Business Management` that answers with every item
 * of its last node, so running a case is one HTTP call to n8n's production webhook.
 */
const fs = require('node:fs');
const path = require('node:path');
const { createHash } = require('node:crypto');

const ROOT = path.resolve(__dirname, '..', '..');
const CASES_DIR = path.join(ROOT, 'test', 'e2e', 'cases');
const NODE_TYPE = 'n8n-nodes-whatsapp-business-management.whatsAppBusinessManagement';
const TRIGGER_TYPE = 'n8n-nodes-whatsapp-business-management.whatsAppBusinessManagementTrigger';

/** Credentials imported into every n8n of the e2e run, by the names cases use. */
const CREDENTIALS = {
	sandbox: { id: 'wabmSandboxCred1', name: 'WhatsApp sandbox' },
	wrongToken: { id: 'wabmWrongToken01', name: 'WhatsApp sandbox (wrong token)' },
};

/** A stable n8n-style id (16 alphanumerics) derived from a name. */
function stableId(name) {
	return createHash('sha256').update(name).digest('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, 16);
}

function stableUuid(name) {
	const hex = createHash('sha256').update(name).digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function loadCases() {
	return fs
		.readdirSync(CASES_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => {
			const name = file.replace(/\.json$/, '');
			const definition = JSON.parse(fs.readFileSync(path.join(CASES_DIR, file), 'utf8'));
			return { name, file, ...definition };
		});
}

function credentialRef(key) {
	const credential = CREDENTIALS[key || 'sandbox'];
	if (!credential) throw new Error(`unknown credential "${key}" (known: ${Object.keys(CREDENTIALS).join(', ')})`);
	return { whatsAppBusinessManagementApi: { id: credential.id, name: credential.name } };
}

/** The workflow n8n imports for a case. */
function workflowFor(testCase) {
	const slug = testCase.name.replace(/[^A-Za-z0-9-]+/g, '-').toLowerCase();
	const webhookPath = `e2e-${slug}`;
	const webhook = {
		id: stableUuid(`${testCase.name}:webhook`),
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: stableUuid(`${testCase.name}:webhookId`),
		parameters: { httpMethod: 'POST', path: webhookPath, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
	};
	let nodes;
	let connections;
	if (testCase.workflow) {
		// A full workflow: its first node must be named "Webhook" (replaced by the one above), and
		// every WhatsApp Business Management node gets the case's credential.
		nodes = testCase.workflow.nodes.map((node) =>
			node.name === 'Webhook'
				? webhook
				: node.type === NODE_TYPE
					? { ...node, id: node.id || stableUuid(`${testCase.name}:${node.name}`), credentials: credentialRef(testCase.credential) }
					: { ...node, id: node.id || stableUuid(`${testCase.name}:${node.name}`) },
		);
		connections = testCase.workflow.connections;
	} else {
		const node = {
			id: stableUuid(`${testCase.name}:node`),
			name: 'WhatsApp Business Management',
			type: NODE_TYPE,
			typeVersion: 1,
			position: [220, 0],
			parameters: testCase.node.parameters,
			credentials: credentialRef(testCase.credential),
			...(testCase.node.continueOnFail ? { continueOnFail: true, onError: 'continueRegularOutput' } : {}),
		};
		nodes = [webhook, node];
		connections = { Webhook: { main: [[{ node: node.name, type: 'main', index: 0 }]] } };
	}
	return {
		id: stableId(`e2e:${testCase.name}`),
		name: `E2E ${testCase.name}`,
		active: false,
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
		pinData: {},
		webhookPath,
	};
}

/** Which resource/operation pairs a case uses, for skipping cases the built node lacks. */
function operationsUsed(testCase) {
	const nodes = testCase.workflow ? testCase.workflow.nodes.filter((n) => n.type === NODE_TYPE) : [testCase.node];
	return nodes.map((node) => `${node.parameters.resource}:${node.parameters.operation}`);
}

/** Partial deep match: every key of `expected` is in `actual` with a matching value. */
function matches(actual, expected, where = '$') {
	if (expected === null || typeof expected !== 'object') {
		return Object.is(actual, expected) ? [] : [`${where}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
	}
	if (Array.isArray(expected)) {
		if (!Array.isArray(actual)) return [`${where}: expected an array, got ${JSON.stringify(actual)}`];
		if (actual.length !== expected.length) return [`${where}: expected ${expected.length} entries, got ${actual.length}: ${JSON.stringify(actual).slice(0, 300)}`];
		return expected.flatMap((value, index) => matches(actual[index], value, `${where}[${index}]`));
	}
	if (!actual || typeof actual !== 'object') return [`${where}: expected an object, got ${JSON.stringify(actual)}`];
	return Object.entries(expected).flatMap(([key, value]) => matches(actual[key], value, `${where}.${key}`));
}

/** Checks a case's response items and the sandbox's request log; returns the problems found. */
function checkCase(testCase, items, requests) {
	const expect = testCase.expect || {};
	const problems = [];
	if (!Array.isArray(items)) return [`n8n answered ${JSON.stringify(items).slice(0, 400)} instead of a list of items`];
	if (expect.itemCount !== undefined && items.length !== expect.itemCount) {
		problems.push(`expected ${expect.itemCount} items, got ${items.length}: ${JSON.stringify(items).slice(0, 400)}`);
	}
	(expect.items || []).forEach((expected, index) => problems.push(...matches(items[index], expected, `item[${index}]`)));
	// Continue On Fail turns failures into items; they count as failures unless the case expects them.
	const expectsErrors = (expect.items || []).some((item) => item && (item.metaCode !== undefined || item.error !== undefined));
	if (!expectsErrors) {
		items.forEach((item, index) => {
			if (item && item.error !== undefined) problems.push(`item[${index}] is an error: ${JSON.stringify(item).slice(0, 300)}`);
		});
	}
	for (const rule of expect.requests || []) {
		const hits = requests.filter(
			(request) => request.method === rule.method.toUpperCase() && request.path.includes(rule.pathIncludes),
		);
		if (rule.count !== undefined && hits.length !== rule.count) {
			problems.push(`expected ${rule.count} ${rule.method} requests to ${rule.pathIncludes}, the sandbox saw ${hits.length}`);
		}
		for (const hit of hits) {
			if (rule.authorization && hit.headers.authorization !== rule.authorization) {
				problems.push(`${rule.method} ${hit.path}: authorization header ${hit.headers.authorization}`);
			}
			if (rule.query) problems.push(...matches(hit.query, rule.query, `${rule.method} ${rule.pathIncludes} query`));
			if (rule.body) problems.push(...matches(hit.body, rule.body, `${rule.method} ${rule.pathIncludes} body`));
		}
	}
	const text = JSON.stringify(items);
	for (const secret of expect.notContains || []) {
		if (text.includes(secret)) problems.push(`the output contains "${secret}"`);
	}
	return problems;
}

module.exports = {
	CASES_DIR,
	NODE_TYPE,
	TRIGGER_TYPE,
	CREDENTIALS,
	stableId,
	stableUuid,
	loadCases,
	workflowFor,
	operationsUsed,
	matches,
	checkCase,
};
