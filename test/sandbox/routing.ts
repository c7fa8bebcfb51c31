/** The route table: what each route module registers, and which handler a request path reaches. */
import { GraphError, unknownObject } from './graph';
import { registerAllRoutes } from './routes';
import { kindOf, type NodeKind, type SandboxState } from './state';
import type { ControlHandler, Handler, RouteRegistry } from './types';

interface NodeRoute {
	method: string;
	kind: NodeKind;
	edge: string;
	handler: Handler;
	/** Only the app access token `{app-id}|{app-secret}` may call it (app-level edges). */
	appToken: boolean;
}

interface RawRoute {
	method: string;
	prefix: string;
	handler: Handler;
	authenticated: boolean;
}

export interface RouteTable {
	nodeRoutes: NodeRoute[];
	rawRoutes: RawRoute[];
	seeders: Map<string, (state: SandboxState, records: unknown[]) => void>;
	controls: Map<string, ControlHandler>;
	stateViews: Map<string, (state: SandboxState) => unknown>;
	webhookObservers: Array<(state: SandboxState, payload: unknown) => void>;
}

export function buildRouteTable(): RouteTable {
	const table: RouteTable = { nodeRoutes: [], rawRoutes: [], seeders: new Map(), controls: new Map(), stateViews: new Map(), webhookObservers: [] };
	const registry: RouteRegistry = {
		node: (method, kind, edge, handler, routeOptions) => table.nodeRoutes.push({ method, kind, edge, handler, appToken: routeOptions?.appToken ?? false }),
		raw: (method, prefix, handler, routeOptions) =>
			table.rawRoutes.push({ method, prefix, handler, authenticated: routeOptions?.authenticated ?? true }),
		seeder: (key, seed) => table.seeders.set(key, seed),
		control: (method, path, handler) => table.controls.set(`${method.toUpperCase()} ${path}`, handler),
		stateView: (key, view) => table.stateViews.set(key, view),
		webhookObserver: (observe) => table.webhookObservers.push(observe),
	};
	registerAllRoutes(registry);
	return table;
}

/** A request path matched to a raw route or to Graph's `/{version}/{id}/{edge}` scheme. */
export interface PathMatch {
	rawRoute?: RawRoute;
	versionMatch?: RegExpExecArray;
}

export function matchPath(table: RouteTable, method: string, pathname: string): PathMatch {
	const rawRoute = table.rawRoutes.find((r) => r.method === method && pathname.startsWith(r.prefix));
	// `/{version}/{id}`, `/{version}/{id}/{edge}`, or `/{version}/{id}/{edge}/{key}` for an entry of
	// an edge addressed by its own key (a QR code's `message_qrdls/{code}`).
	const versionMatch = /^\/(v\d+\.\d+)\/([^/]+)(?:\/([^/]+)(?:\/([^/]+))?)?\/?$/.exec(pathname) ?? undefined;
	if (!rawRoute && !versionMatch) {
		throw new GraphError(2500, `Unknown path components: ${pathname}`, { type: 'OAuthException' });
	}
	return { rawRoute, versionMatch };
}

/** Whether the matched Graph path is an app-level edge that takes only the app access token. */
export function needsAppToken(table: RouteTable, state: SandboxState, method: string, match: PathMatch): boolean {
	if (match.rawRoute || !match.versionMatch) return false;
	const kind = kindOf(state, decodeURIComponent(match.versionMatch[2]));
	const edge = edgeOf(match.versionMatch);
	return table.nodeRoutes.some((r) => r.method === method && r.kind === kind && r.edge === edge && r.appToken);
}

/** The edge a route is registered under: `message_qrdls/*` for a path with an entry's key. */
function edgeOf(versionMatch: RegExpExecArray): string {
	return versionMatch[4] !== undefined ? `${versionMatch[3]}/*` : (versionMatch[3] ?? '');
}

export interface ResolvedRoute {
	handler: Handler;
	params: Record<string, string>;
	version: string;
}

/** The handler for a matched path; Graph's errors for an unknown object or an edge it lacks. */
export function resolveHandler(table: RouteTable, state: SandboxState, method: string, pathname: string, match: PathMatch): ResolvedRoute {
	const params: Record<string, string> = {};
	if (match.rawRoute) {
		params.rest = pathname.slice(match.rawRoute.prefix.length);
		return { handler: match.rawRoute.handler, params, version: '' };
	}
	const versionMatch = match.versionMatch!;
	const version = versionMatch[1];
	const id = decodeURIComponent(versionMatch[2]);
	const edge = edgeOf(versionMatch);
	params.id = id;
	params.edge = edge;
	if (versionMatch[4] !== undefined) params.key = decodeURIComponent(versionMatch[4]);
	const kind = kindOf(state, id);
	if (!kind) throw unknownObject(id);
	const route = table.nodeRoutes.find((r) => r.method === method && r.kind === kind && r.edge === edge);
	if (!route) {
		if (edge) throw new GraphError(100, `Tried accessing nonexisting field (${edge}) on node type (${kind})`);
		throw new GraphError(100, `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not support this operation.`, {
			subcode: 33,
		});
	}
	return { handler: route.handler, params, version };
}
