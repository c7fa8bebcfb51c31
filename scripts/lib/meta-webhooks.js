'use strict';
/**
 * The scripts' Meta webhook payloads and signer, from the one test-support kit
 * (test/support/metaWebhooks.ts and signature.ts): a Click-to-WhatsApp ad click and a
 * `message_template_status_update`, for the simulator, the e2e checks and the n8n bench.
 */
const { requireTypeScript } = require('./typescript');

const { adClickPayload, templateStatusPayload } = requireTypeScript('test/support/metaWebhooks.ts');
const { signWebhookBody } = requireTypeScript('test/support/signature.ts');

module.exports = { adClickPayload, templateStatusPayload, signWebhookBody };
