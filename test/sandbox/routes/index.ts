import type { RouteRegistry } from '../server';
import * as account from './account';
import * as appSubscriptions from './appSubscriptions';
import * as blockUsers from './blockUsers';
import * as commerceSettings from './commerceSettings';
import * as analytics from './analytics';
import * as conversions from './conversions';
import * as flows from './flows';
import * as media from './media';
import * as messages from './messages';
import * as phoneNumbers from './phoneNumbers';
import * as qrCodes from './qrCodes';
import * as sequences from './sequences';
import * as subscriptions from './subscriptions';
import * as templates from './templates';
import * as uploads from './uploads';

/** Every Graph area the sandbox serves; each module registers its own routes and seeders. */
export function registerAllRoutes(registry: RouteRegistry): void {
	for (const module of [account, sequences, templates, flows, media, phoneNumbers, subscriptions, appSubscriptions, uploads, conversions, analytics, messages, blockUsers, commerceSettings, qrCodes]) {
		module.register(registry);
	}
}
