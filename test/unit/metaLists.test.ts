/**
 * Lists of Meta's that both the node and the sandbox hold. The sandbox is written from Meta's docs
 * and must not import the node, so each keeps its own copy; this test makes a drift between the
 * two copies fail. Order matters where Meta's docs give one (flow categories); elsewhere the sets
 * are compared.
 */
import { COMPARE_TIMEFRAME_DAYS, PRICING_DIMENSIONS, TEMPLATE_METRICS } from '../../nodes/WhatsAppBusinessManagement/actions/analytics/rules';
import { FLOW_CATEGORIES } from '../../nodes/WhatsAppBusinessManagement/actions/flow/graph';
import { BUSINESS_PROFILE_FIELDS, DATA_LOCALIZATION_REGIONS, VERTICALS } from '../../nodes/WhatsAppBusinessManagement/actions/sender/graph';
import { BUTTON_TYPES, COMPONENT_TYPES, HEADER_FORMATS, HEADER_SAMPLE_TYPES, TEMPLATE_CATEGORIES } from '../../nodes/WhatsAppBusinessManagement/actions/template/graph';
import * as sandboxAnalytics from '../sandbox/routes/analytics';
import * as sandboxFlows from '../sandbox/routes/flows';
import * as sandboxBusinessProfile from '../sandbox/routes/businessProfile';
import * as sandboxPhoneNumbers from '../sandbox/routes/phoneNumbers';
import * as sandboxTemplates from '../sandbox/routes/templateRules';
import * as sandboxUploads from '../sandbox/routes/uploads';

const asSet = (list: readonly unknown[]) => [...new Set(list.map(String))].sort();

test("flow categories: the same list in Meta's order", () => {
	expect([...FLOW_CATEGORIES]).toEqual(sandboxFlows.FLOW_CATEGORIES);
	// OTHER before SHOPPING, as Meta's Flows API page and its SDK's enum list them.
	expect(FLOW_CATEGORIES.indexOf('OTHER')).toBeLessThan(FLOW_CATEGORIES.indexOf('SHOPPING'));
});

test.each([
	['template categories', TEMPLATE_CATEGORIES, sandboxTemplates.CATEGORIES],
	['template header formats', HEADER_FORMATS, sandboxTemplates.HEADER_FORMATS],
	['template button types', BUTTON_TYPES, sandboxTemplates.BUTTON_TYPES],
	['template component types', COMPONENT_TYPES, sandboxTemplates.COMPONENT_TYPES],
	['header sample MIME types (resumable upload)', Object.values(HEADER_SAMPLE_TYPES).flatMap((type) => type.mimeTypes), sandboxUploads.RESUMABLE_UPLOAD_TYPES],
	['template comparison windows (days)', COMPARE_TIMEFRAME_DAYS, sandboxAnalytics.COMPARE_WINDOWS_DAYS],
	['template analytics metrics', TEMPLATE_METRICS, sandboxAnalytics.TEMPLATE_METRICS],
	['pricing analytics dimensions', PRICING_DIMENSIONS, sandboxAnalytics.PRICING_DIMENSIONS],
	['business profile fields', BUSINESS_PROFILE_FIELDS, sandboxBusinessProfile.PROFILE_DEFAULT_FIELDS],
	['business profile verticals', VERTICALS, sandboxBusinessProfile.VERTICALS],
	['data localization regions', DATA_LOCALIZATION_REGIONS, sandboxPhoneNumbers.DATA_LOCALIZATION_REGIONS],
])('%s: the node and the sandbox hold the same values', (_name, ours: readonly unknown[], sandbox: readonly unknown[]) => {
	expect(ours.length).toBeGreaterThan(0);
	expect(asSet(ours)).toEqual(asSet(sandbox));
});
