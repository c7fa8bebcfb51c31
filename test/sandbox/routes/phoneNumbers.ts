import type { RouteRegistry } from '../server';

export function register(_registry: RouteRegistry): void {
	// Routes for this area are added by its resource's work.
}
