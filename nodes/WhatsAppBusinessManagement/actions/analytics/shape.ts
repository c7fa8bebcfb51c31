/** Pure row shaping: Meta's analytics answers in, one flat row per template and day (or data point) out. */
import type { IDataObject } from 'n8n-workflow';


/** Unix seconds as an ISO string; undefined for anything else. */
export function isoFromSeconds(seconds: unknown): string | undefined {
	if (seconds === undefined || seconds === null || seconds === '') return undefined;
	const value = Number(seconds);
	return Number.isFinite(value) ? new Date(value * 1000).toISOString() : undefined;
}

export interface TemplateLabel {
	name?: string;
	language?: string;
}

const numberOrUndefined = (value: unknown) => {
	if (value === undefined || value === null || value === '') return undefined;
	const number = Number(value);
	return Number.isFinite(number) ? number : undefined;
};

/** Every data point of every answer entry (`data[].data_points[]`), in order. */
export function dataPointsOf(entries: IDataObject[]): IDataObject[] {
	return entries.flatMap((entry) => (Array.isArray(entry.data_points) ? (entry.data_points as IDataObject[]) : []));
}

/** Button clicks as Meta lists them (type, button_content, count), with numbers as numbers. */
function clicksOf(point: IDataObject) {
	if (!Array.isArray(point.clicked)) return undefined;
	return (point.clicked as IDataObject[]).map((click) => ({
		type: String(click.type ?? ''),
		button_content: String(click.button_content ?? ''),
		count: numberOrUndefined(click.count) ?? 0,
	}));
}

/** One row per template and day; `labels` puts the template's name beside its ID. */
export function templateAnalyticsRows(entries: IDataObject[], labels: Map<string, TemplateLabel>, order: string[] = []): IDataObject[] {
	const rank = new Map(order.map((id, index) => [id, index]));
	const rows = dataPointsOf(entries).map((point) => {
		const templateId = String(point.template_id ?? '');
		const label = labels.get(templateId) ?? {};
		const row: IDataObject = {
			template_id: templateId,
			template_name: label.name ?? null,
			template_language: label.language ?? null,
			date: isoFromSeconds(point.start)?.slice(0, 10) ?? null,
			start: isoFromSeconds(point.start) ?? null,
			end: isoFromSeconds(point.end) ?? null,
		};
		for (const metric of ['sent', 'delivered', 'read']) {
			const value = numberOrUndefined(point[metric]);
			if (value !== undefined) row[metric] = value;
		}
		const clicks = clicksOf(point);
		if (clicks) {
			row.clicked = clicks.reduce((total, click) => total + click.count, 0);
			row.clicks = clicks;
		}
		// COST comes as [{type: amount_spent | cost_per_delivered | cost_per_url_button_click, value}].
		if (Array.isArray(point.cost)) {
			for (const cost of point.cost as IDataObject[]) {
				const value = numberOrUndefined(cost.value);
				if (cost.type && value !== undefined) row[String(cost.type)] = value;
			}
		}
		return row;
	});
	return rows.sort(
		(a, b) =>
			(rank.get(a.template_id as string) ?? Infinity) - (rank.get(b.template_id as string) ?? Infinity) ||
			String(a.template_id).localeCompare(String(b.template_id)) ||
			String(a.start).localeCompare(String(b.start)),
	);
}

const PRICING_DIMENSION_KEYS = ['phone_number', 'country', 'pricing_type', 'pricing_category', 'tier'];

/** One row per pricing data point: its window, the breakdown it belongs to, volume and cost. */
export function pricingAnalyticsRows(entries: IDataObject[]): IDataObject[] {
	return dataPointsOf(entries).map((point) => {
		const row: IDataObject = { start: isoFromSeconds(point.start) ?? null, end: isoFromSeconds(point.end) ?? null };
		for (const key of PRICING_DIMENSION_KEYS) if (point[key] !== undefined) row[key] = point[key] as string;
		for (const metric of ['volume', 'cost']) {
			const value = numberOrUndefined(point[metric]);
			if (value !== undefined) row[metric] = value;
		}
		return row;
	});
}

interface ComparisonMetric {
	metric?: string;
	order_by_relative_metric?: string[];
	number_values?: Array<{ key: string; value: unknown }>;
	string_values?: Array<{ key: string; value: unknown }>;
}

/** One row per compared template: sends, top block reason, and its place by block rate (1 = lowest). */
export function comparisonRows(body: IDataObject, templateIds: string[], window: { start: number; end: number }): IDataObject[] {
	const metrics = (Array.isArray(body.data) ? body.data : []) as ComparisonMetric[];
	const byName = new Map(metrics.map((m) => [m.metric, m]));
	const order = (byName.get('BLOCK_RATE')?.order_by_relative_metric ?? []).map(String);
	const valueFor = (list: Array<{ key: string; value: unknown }> | undefined, id: string) => list?.find((v) => String(v.key) === id)?.value;
	return templateIds.map((id) => {
		const rank = order.indexOf(id);
		return {
			template_id: id,
			message_sends: numberOrUndefined(valueFor(byName.get('MESSAGE_SENDS')?.number_values, id)) ?? null,
			top_block_reason: (valueFor(byName.get('TOP_BLOCK_REASON')?.string_values, id) as string | undefined) ?? null,
			block_rate_rank: rank >= 0 ? rank + 1 : null,
			has_lower_block_rate: order.length ? order[0] === id : null,
			start: isoFromSeconds(window.start) ?? null,
			end: isoFromSeconds(window.end) ?? null,
		};
	});
}

/** One row per messaging-analytics data point: its window, messages sent and delivered. */
export function messagingAnalyticsRows(body: IDataObject): IDataObject[] {
	const analytics = (body.analytics ?? {}) as IDataObject;
	const points = (Array.isArray(analytics.data_points) ? analytics.data_points : []) as IDataObject[];
	return points.map((point) => ({
		start: isoFromSeconds(point.start) ?? null,
		end: isoFromSeconds(point.end) ?? null,
		sent: numberOrUndefined(point.sent) ?? 0,
		delivered: numberOrUndefined(point.delivered) ?? 0,
		granularity: (analytics.granularity as string | undefined) ?? null,
	}));
}
