import type { Express } from 'express';

interface RouteLike {
  path: unknown;
  methods: Record<string, boolean>;
}
interface LayerLike {
  route?: RouteLike;
  handle?: { stack?: LayerLike[] };
  match(path: string): boolean;
}

/**
 * Every `METHOD path` registered on the app, read from Express's router stack: routes on the app
 * itself, and those of the sub-router mounted at `prefix` (the API's).
 */
export function registeredRoutes(app: Express, prefix: string): string[] {
  const found: string[] = [];
  const walk = (stack: LayerLike[], base: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods)) found.push(`${method.toUpperCase()} ${base}${String(layer.route.path)}`);
      } else if (layer.handle?.stack && layer.match(`${prefix}/health`) && !layer.match('/health')) {
        walk(layer.handle.stack, prefix);
      }
    }
  };
  walk((app as unknown as { router: { stack: LayerLike[] } }).router.stack, '');
  // A public route's rate limiter is registered as its own layer before the handler: one route.
  return [...new Set(found)];
}
