/**
 * One working example of every operation, for the resilience suites (chaos, parameters, secrets)
 * and the benchmarks: how to seed the sandbox, which parameters and input items to run with, and
 * which Graph calls it makes. The suites fail for an operation that has no scenario here, so a new
 * operation is covered as soon as it is added.
 */
import type { IDataObject } from 'n8n-workflow';

import { ORDER_SHIPPED_CREATE } from '../helpers/templateCreate';
import { recordInbound } from '../sandbox/messaging/webhooks';
import type { Sandbox } from '../sandbox/server';
import { analyticsScenarios } from './analyticsScenarios';
import { messageScenarios } from './messageScenarios';
import { sendTemplateScenarios } from './sendTemplateScenarios';

export interface Scenario {
	/** Seeds the sandbox; returns the node parameters and the input items (default one empty item). */
	prepare(sandbox: Sandbox): { parameters: IDataObject; items?: IDataObject[] };
	/** The Graph call the operation makes, to count attempts in the sandbox log. */
	call: { method: string; path: string };
	/**
	 * Whether repeating the call could do the work twice (a create): after a server error it must
	 * not be sent again. Updates that set the same values again are idempotent and are retried.
	 */
	createsSomething?: boolean;
	/** Parameter sets whose every shown field the parameter suite corrupts (default: prepare's). */
	parameterBaselines?: IDataObject[];
	/** Output made comparable across runs (generated ids and times removed). */
	normalize?(json: IDataObject): unknown;
}

const sequences = (sandbox: Sandbox, count = 3) =>
	sandbox.seed({
		sequences: Array.from({ length: count }, (_, i) => ({ sequence_id: String(4100 + i), name: `Scenario ${i}`, welcome_message_sequence: { text: `Hi ${i}` } })),
	});

const byId = (value: string) => ({ __rl: true, mode: 'id', value });

const templates = (sandbox: Sandbox) =>
	sandbox.seed({
		templates: [
			// Fixed quality dates: the seeder would stamp "now", which differs between two runs.
			{ id: '5001001', name: 'order_shipped', status: 'REJECTED', category: 'UTILITY', quality_score: { score: 'UNKNOWN', date: 1751247548 }, created_time: 1751247548 },
			{ id: '5001002', name: 'promo', status: 'APPROVED', category: 'MARKETING', quality_score: { score: 'GREEN', date: 1751247548 }, created_time: 1751247548 },
			{ id: '5001003', name: 'promo', language: 'es', status: 'APPROVED', category: 'MARKETING', quality_score: { score: 'GREEN', date: 1751247548 }, created_time: 1751247548 },
		],
	});

const templateComponents = [{ type: 'BODY', text: 'Hi {{1}}, your order has shipped.', example: { body_text: [['Maria']] } }];

const withoutGeneratedIds = (json: IDataObject) => {
	const { id: _id, ...rest } = json;
	return rest;
};

const without =
	(...keys: string[]) =>
	(json: IDataObject) => {
		const copy = { ...json };
		for (const key of keys) delete copy[key];
		return copy;
	};

const PHONE = '106540352242922';
const MEDIA_ID = '4490709327384033';
const FLOW_ID = '7101';
const VALID_FLOW_JSON = JSON.stringify({
	version: '7.0',
	screens: [{ id: 'BOOKING', title: 'Book a test drive', terminal: true, layout: { type: 'SingleColumnLayout', children: [] } }],
});
const PICTURE = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.alloc(2000, 3)]);

const QR_CODE = '4O4YGZEG3RIVE1';
const qrCodes = (sandbox: Sandbox) => {
	phones(sandbox);
	sandbox.seed({ qrCodes: [{ phone_number_id: PHONE, code: QR_CODE, prefilled_message: 'Show me the deals' }] });
};

const phones = (sandbox: Sandbox) =>
	sandbox.seed({
		phoneNumbers: [
			{ id: PHONE, display_phone_number: '+1 555-010-0199', verified_name: 'Sandbox Motors', quality_rating: 'GREEN', profile: { about: 'Open 7 days', profile_picture: { data: PICTURE, mime_type: 'image/png' } } },
			{ id: '3001', display_phone_number: '+1 555-010-0301', code_verification_status: 'NOT_VERIFIED', registered: false, pending_code: '123456' },
			{ id: '3002', display_phone_number: '+1 555-010-0302' },
		],
	});

const flows = (sandbox: Sandbox, status = 'DRAFT') =>
	sandbox.seed({ flows: [{ id: FLOW_ID, name: 'Test drive', status, categories: ['OTHER'], flow_json: VALID_FLOW_JSON, created_time: 1751247548 }] });

const media = (sandbox: Sandbox) => {
	phones(sandbox);
	sandbox.seed({ media: [{ id: MEDIA_ID, phone_number_id: PHONE, mime_type: 'audio/ogg', data: Buffer.alloc(2048, 1), created_time: 1751247548 }] });
};

const withoutTimes = (json: IDataObject) => {
	const { last_update_time: _time, ...rest } = json;
	return rest;
};

export const scenarios: Record<string, Scenario> = {
	'sequence.getAll': {
		prepare: (sandbox) => {
			sequences(sandbox, 5);
			return { parameters: { resource: 'sequence', operation: 'getAll', returnAll: true } };
		},
		call: { method: 'GET', path: '/welcome_message_sequences' },
		parameterBaselines: [{ resource: 'sequence', operation: 'getAll', returnAll: false, limit: 2 }],
		normalize: withoutTimes,
	},
	'sequence.get': {
		prepare: (sandbox) => {
			sequences(sandbox);
			return { parameters: { resource: 'sequence', operation: 'get', sequenceId: byId('4101') } };
		},
		call: { method: 'GET', path: '/welcome_message_sequences' },
		normalize: withoutTimes,
	},
	'sequence.create': {
		prepare: () => ({
			parameters: { resource: 'sequence', operation: 'create', name: 'Driver sign-up', defineUsing: 'fields', text: 'Welcome!', iceBreakers: { iceBreaker: [{ title: 'Prices?' }] } },
		}),
		call: { method: 'POST', path: '/welcome_message_sequences' },
		createsSomething: true,
		normalize: without('sequence_id', 'id', 'adCreative', 'last_update_time'),
	},
	'sequence.update': {
		prepare: (sandbox) => {
			sequences(sandbox);
			return { parameters: { resource: 'sequence', operation: 'update', sequenceId: byId('4101'), newName: 'Triage v2', defineUsing: 'keep' } };
		},
		call: { method: 'POST', path: '/welcome_message_sequences' },
	},
	'sequence.delete': {
		prepare: (sandbox) => {
			sequences(sandbox);
			return { parameters: { resource: 'sequence', operation: 'delete', sequenceId: byId('4101') } };
		},
		call: { method: 'DELETE', path: '/welcome_message_sequences' },
	},
	'flow.getAll': {
		prepare: (sandbox) => {
			flows(sandbox);
			return { parameters: { resource: 'flow', operation: 'getAll', returnAll: true } };
		},
		call: { method: 'GET', path: '/flows' },
		parameterBaselines: [{ resource: 'flow', operation: 'getAll', returnAll: false, limit: 2 }],
	},
	'flow.get': {
		prepare: (sandbox) => {
			flows(sandbox);
			return { parameters: { resource: 'flow', operation: 'get', flowId: byId(FLOW_ID) } };
		},
		call: { method: 'GET', path: `/${FLOW_ID}` },
		normalize: without('preview'),
	},
	'flow.create': {
		prepare: () => ({ parameters: { resource: 'flow', operation: 'create', name: 'Booking', categories: ['APPOINTMENT_BOOKING'] } }),
		call: { method: 'POST', path: '/flows' },
		createsSomething: true,
		normalize: without('id'),
	},
	'flow.update': {
		prepare: (sandbox) => {
			flows(sandbox);
			return { parameters: { resource: 'flow', operation: 'update', flowId: byId(FLOW_ID), updateFields: { name: 'Test drive v2', categories: ['CONTACT_US'] } } };
		},
		call: { method: 'POST', path: `/${FLOW_ID}` },
	},
	'flow.uploadFlowJson': {
		prepare: (sandbox) => {
			flows(sandbox);
			return { parameters: { resource: 'flow', operation: 'uploadFlowJson', flowId: byId(FLOW_ID), source: 'json', flowJson: VALID_FLOW_JSON } };
		},
		call: { method: 'POST', path: `/${FLOW_ID}/assets` },
	},
	'flow.getFlowJson': {
		prepare: (sandbox) => {
			flows(sandbox);
			return { parameters: { resource: 'flow', operation: 'getFlowJson', flowId: byId(FLOW_ID), binaryPropertyName: 'data' } };
		},
		call: { method: 'GET', path: `/${FLOW_ID}/assets` },
	},
	'flow.getPreviewUrl': {
		prepare: (sandbox) => {
			flows(sandbox);
			return { parameters: { resource: 'flow', operation: 'getPreviewUrl', flowId: byId(FLOW_ID) } };
		},
		call: { method: 'GET', path: `/${FLOW_ID}` },
		normalize: without('preview', 'preview_url', 'expires_at', 'previewUrl', 'expiresAt'),
	},
	'flow.publish': {
		prepare: (sandbox) => {
			flows(sandbox);
			return { parameters: { resource: 'flow', operation: 'publish', flowId: byId(FLOW_ID) } };
		},
		call: { method: 'POST', path: `/${FLOW_ID}/publish` },
		createsSomething: true,
	},
	'flow.deprecate': {
		prepare: (sandbox) => {
			flows(sandbox, 'PUBLISHED');
			return { parameters: { resource: 'flow', operation: 'deprecate', flowId: byId(FLOW_ID) } };
		},
		call: { method: 'POST', path: `/${FLOW_ID}/deprecate` },
		createsSomething: true,
	},
	'flow.delete': {
		prepare: (sandbox) => {
			flows(sandbox);
			return { parameters: { resource: 'flow', operation: 'delete', flowId: byId(FLOW_ID) } };
		},
		call: { method: 'DELETE', path: `/${FLOW_ID}` },
	},
	'media.upload': {
		prepare: (sandbox) => {
			phones(sandbox);
			return {
				parameters: { resource: 'media', operation: 'upload', phoneNumberId: byId(PHONE), binaryPropertyName: 'data' },
				items: [{ json: {}, binary: { data: { data: Buffer.from('hello').toString('base64'), mimeType: 'text/plain', fileName: 'hello.txt' } } }],
			};
		},
		call: { method: 'POST', path: `/${PHONE}/media` },
		createsSomething: true,
		normalize: without('id'),
	},
	'media.get': {
		prepare: (sandbox) => {
			media(sandbox);
			return { parameters: { resource: 'media', operation: 'get', mediaId: MEDIA_ID } };
		},
		call: { method: 'GET', path: `/${MEDIA_ID}` },
		normalize: without('url'),
	},
	'media.download': {
		prepare: (sandbox) => {
			media(sandbox);
			return { parameters: { resource: 'media', operation: 'download', mediaId: MEDIA_ID, binaryPropertyName: 'file' } };
		},
		call: { method: 'GET', path: `/${MEDIA_ID}` },
		normalize: without('url'),
	},
	'media.delete': {
		prepare: (sandbox) => {
			media(sandbox);
			return { parameters: { resource: 'media', operation: 'delete', mediaId: MEDIA_ID } };
		},
		call: { method: 'DELETE', path: `/${MEDIA_ID}` },
	},
	'sender.getAll': {
		prepare: (sandbox) => {
			phones(sandbox);
			return { parameters: { resource: 'sender', operation: 'getAll', returnAll: true } };
		},
		call: { method: 'GET', path: '/phone_numbers' },
		parameterBaselines: [{ resource: 'sender', operation: 'getAll', returnAll: false, limit: 2 }],
	},
	'sender.get': {
		prepare: (sandbox) => {
			phones(sandbox);
			return { parameters: { resource: 'sender', operation: 'get', phoneNumberId: byId(PHONE) } };
		},
		call: { method: 'GET', path: `/${PHONE}` },
	},
	'sender.getBusinessProfile': {
		prepare: (sandbox) => {
			phones(sandbox);
			return { parameters: { resource: 'sender', operation: 'getBusinessProfile', phoneNumberId: byId(PHONE) } };
		},
		call: { method: 'GET', path: '/whatsapp_business_profile' },
		normalize: without('profile_picture_url'),
	},
	'sender.updateBusinessProfile': {
		prepare: (sandbox) => {
			phones(sandbox);
			return {
				parameters: { resource: 'sender', operation: 'updateBusinessProfile', phoneNumberId: byId(PHONE), updateFields: { about: 'Open 6 days', vertical: 'RETAIL' } },
			};
		},
		call: { method: 'POST', path: '/whatsapp_business_profile' },
	},
	'sender.downloadProfilePicture': {
		prepare: (sandbox) => {
			phones(sandbox);
			return { parameters: { resource: 'sender', operation: 'downloadProfilePicture', phoneNumberId: byId(PHONE), binaryPropertyName: 'logo' } };
		},
		call: { method: 'GET', path: '/whatsapp_business_profile' },
		normalize: without('profile_picture_url', 'url'),
	},
	'sender.addPhoneNumber': {
		prepare: () => ({
			parameters: { resource: 'sender', operation: 'addPhoneNumber', countryCode: '44', phoneNumber: '7700900123', displayName: 'Sandbox Motors UK', requestCode: false },
		}),
		call: { method: 'POST', path: '/phone_numbers' },
		createsSomething: true,
		normalize: without('id'),
	},
	'sender.requestCode': {
		prepare: (sandbox) => {
			phones(sandbox);
			return { parameters: { resource: 'sender', operation: 'requestCode', phoneNumberId: byId('3001'), codeMethod: 'SMS', language: 'en_US' } };
		},
		call: { method: 'POST', path: '/3001/request_code' },
		createsSomething: true,
	},
	'sender.verifyCode': {
		prepare: (sandbox) => {
			phones(sandbox);
			return { parameters: { resource: 'sender', operation: 'verifyCode', phoneNumberId: byId('3001'), code: '123456' } };
		},
		call: { method: 'POST', path: '/3001/verify_code' },
		createsSomething: true,
	},
	'sender.register': {
		prepare: (sandbox) => {
			phones(sandbox);
			return { parameters: { resource: 'sender', operation: 'register', phoneNumberId: byId('3002'), pin: '520164' } };
		},
		call: { method: 'POST', path: '/3002/register' },
		createsSomething: true,
	},
	'sender.deregister': {
		prepare: (sandbox) => {
			phones(sandbox);
			return { parameters: { resource: 'sender', operation: 'deregister', phoneNumberId: byId('3002') } };
		},
		call: { method: 'POST', path: '/3002/deregister' },
		createsSomething: true,
	},
	'sender.setTwoStepPin': {
		prepare: (sandbox) => {
			phones(sandbox);
			return { parameters: { resource: 'sender', operation: 'setTwoStepPin', phoneNumberId: byId('3002'), pin: '246810' } };
		},
		call: { method: 'POST', path: '/3002' },
	},
	'sender.blockUser': {
		prepare: (sandbox) => {
			phones(sandbox);
			recordInbound(sandbox.state, { from: '16505551234', phoneNumberId: PHONE });
			return { parameters: { resource: 'sender', operation: 'blockUser', phoneNumberId: byId(PHONE), blockUserPhone: '+1 650 555 1234' } };
		},
		call: { method: 'POST', path: `/${PHONE}/block_users` },
	},
	'sender.unblockUser': {
		prepare: (sandbox) => {
			phones(sandbox);
			return { parameters: { resource: 'sender', operation: 'unblockUser', phoneNumberId: byId(PHONE), blockUserType: 'userId', blockUserId: 'US.13491208655302741918' } };
		},
		call: { method: 'DELETE', path: `/${PHONE}/block_users` },
		parameterBaselines: [
			{ resource: 'sender', operation: 'unblockUser', phoneNumberId: byId(PHONE), blockUserType: 'phone', blockUserPhone: '16505551234' },
			{ resource: 'sender', operation: 'unblockUser', phoneNumberId: byId(PHONE), blockUserType: 'userId', blockUserId: 'US.13491208655302741918' },
		],
	},
	'sender.getBlockedUsers': {
		prepare: (sandbox) => {
			phones(sandbox);
			return { parameters: { resource: 'sender', operation: 'getBlockedUsers', phoneNumberId: byId(PHONE), returnAll: true } };
		},
		call: { method: 'GET', path: `/${PHONE}/block_users` },
		parameterBaselines: [{ resource: 'sender', operation: 'getBlockedUsers', phoneNumberId: byId(PHONE), returnAll: false, limit: 3 }],
	},
	'sender.getCommerceSettings': {
		prepare: (sandbox) => {
			phones(sandbox);
			return { parameters: { resource: 'sender', operation: 'getCommerceSettings', phoneNumberId: byId(PHONE) } };
		},
		call: { method: 'GET', path: `/${PHONE}/whatsapp_commerce_settings` },
	},
	'sender.updateCommerceSettings': {
		prepare: (sandbox) => {
			phones(sandbox);
			return { parameters: { resource: 'sender', operation: 'updateCommerceSettings', phoneNumberId: byId(PHONE), commerceSettings: { is_cart_enabled: true, is_catalog_visible: true } } };
		},
		call: { method: 'POST', path: `/${PHONE}/whatsapp_commerce_settings` },
	},
	'qrCode.create': {
		prepare: (sandbox) => {
			phones(sandbox);
			return { parameters: { resource: 'qrCode', operation: 'create', phoneNumberId: byId(PHONE), prefilledMessage: 'Show me the deals', imageFormat: 'PNG' } };
		},
		call: { method: 'POST', path: `/${PHONE}/message_qrdls` },
		createsSomething: true,
		normalize: without('code', 'deep_link_url', 'qr_image_url'),
	},
	'qrCode.get': {
		prepare: (sandbox) => {
			qrCodes(sandbox);
			return { parameters: { resource: 'qrCode', operation: 'get', phoneNumberId: byId(PHONE), code: QR_CODE, imageFormat: 'SVG' } };
		},
		call: { method: 'GET', path: `/${PHONE}/message_qrdls/${QR_CODE}` },
	},
	'qrCode.getAll': {
		prepare: (sandbox) => {
			qrCodes(sandbox);
			return { parameters: { resource: 'qrCode', operation: 'getAll', phoneNumberId: byId(PHONE), returnAll: true } };
		},
		call: { method: 'GET', path: `/${PHONE}/message_qrdls` },
	},
	'qrCode.update': {
		prepare: (sandbox) => {
			qrCodes(sandbox);
			return { parameters: { resource: 'qrCode', operation: 'update', phoneNumberId: byId(PHONE), code: QR_CODE, prefilledMessage: 'Show me the new deals', imageFormat: 'PNG' } };
		},
		call: { method: 'POST', path: `/${PHONE}/message_qrdls` },
	},
	'qrCode.delete': {
		prepare: (sandbox) => {
			qrCodes(sandbox);
			return { parameters: { resource: 'qrCode', operation: 'delete', phoneNumberId: byId(PHONE), code: QR_CODE } };
		},
		call: { method: 'DELETE', path: `/${PHONE}/message_qrdls/${QR_CODE}` },
	},
	'template.getAll': {
		prepare: (sandbox) => {
			templates(sandbox);
			return { parameters: { resource: 'template', operation: 'getAll', returnAll: true } };
		},
		call: { method: 'GET', path: '/message_templates' },
		parameterBaselines: [
			{ resource: 'template', operation: 'getAll', returnAll: false, limit: 2, filters: { category: ['MARKETING'] }, options: { fields: ['name'] } },
		],
	},
	'template.get': {
		prepare: (sandbox) => {
			templates(sandbox);
			return { parameters: { resource: 'template', operation: 'get', templateId: byId('5001001') } };
		},
		call: { method: 'GET', path: '/5001001' },
	},
	'template.create': {
		prepare: () => ({
			parameters: { ...ORDER_SHIPPED_CREATE, componentsSource: 'json', componentsJson: JSON.stringify(templateComponents) },
		}),
		call: { method: 'POST', path: '/message_templates' },
		createsSomething: true,
		normalize: withoutGeneratedIds,
	},
	'template.edit': {
		prepare: (sandbox) => {
			templates(sandbox);
			return {
				parameters: {
					resource: 'template',
					operation: 'edit',
					templateId: byId('5001001'),
					updateComponents: true,
					parameterFormat: 'POSITIONAL',
					componentsSource: 'json',
					componentsJson: JSON.stringify(templateComponents),
					updateFields: { category: 'MARKETING' },
				},
			};
		},
		call: { method: 'POST', path: '/5001001' },
		createsSomething: true,
	},
	'template.delete': {
		prepare: (sandbox) => {
			templates(sandbox);
			return { parameters: { resource: 'template', operation: 'delete', deleteBy: 'name', name: 'promo' } };
		},
		call: { method: 'DELETE', path: '/message_templates' },
	},
	'conversion.getDataset': {
		prepare: () => ({ parameters: { resource: 'conversion', operation: 'getDataset', createIfMissing: true, datasetName: 'Chats' } }),
		call: { method: 'POST', path: '/dataset' },
		createsSomething: true,
		normalize: without('datasetId'),
	},
	'conversion.sendEvent': {
		prepare: (sandbox) => {
			sandbox.seed({ datasets: [{ id: '7700000000001' }] });
			return {
				parameters: { resource: 'conversion', operation: 'sendEvent', datasetId: '7700000000001', eventName: 'Purchase', value: '49.90', currency: 'USD', eventId: 'order-1' },
				items: [{ ctwa_clid: 'ARAkLkA8rmlFeiCk-1' }, { ctwa_clid: 'ARAkLkA8rmlFeiCk-2' }],
			};
		},
		call: { method: 'POST', path: '/events' },
		createsSomething: true,
		normalize: without('event_time', 'fbtraceId'),
	},
	...analyticsScenarios,
	...messageScenarios,
	...sendTemplateScenarios,
};
