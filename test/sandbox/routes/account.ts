import { selectFields } from '../graph';
import type { RouteRegistry } from '../server';
import { messagingAnalyticsField } from './messagingAnalytics';

/** `GET /{waba-id}`: the account itself (the credential test reads `id,name`). */
export function register(registry: RouteRegistry): void {
	registry.node('GET', 'waba', '', (ctx) => {
		const waba = {
			id: ctx.state.wabaId,
			name: ctx.state.wabaName,
			currency: 'USD',
			timezone_id: '1',
			message_template_namespace: 'c8ae5f90_307a_ca4c_b8f6_d1e2a2573ed4',
			account_review_status: 'APPROVED',
			business_verification_status: 'verified',
		};
		const fields = selectFields(waba, ctx.query.get('fields'), ['id', 'name', 'currency', 'timezone_id', 'message_template_namespace']);
		return { json: { ...messagingAnalyticsField(ctx), ...fields } };
	});
}
