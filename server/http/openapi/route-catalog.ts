import { MERCHANT_OPERATE_ROUTES } from './catalog-merchant-operate';
import { MERCHANT_SETUP_ROUTES } from './catalog-merchant-setup';
import { TERMINAL_ROUTES } from './catalog-terminal';
import type { RouteSpec } from './route-spec';

/** Every route under /api/v1 (tests/integration/api checks it against Express's router, both ways). */
export const ROUTE_CATALOG: readonly RouteSpec[] = [...TERMINAL_ROUTES, ...MERCHANT_SETUP_ROUTES, ...MERCHANT_OPERATE_ROUTES];

export function routeKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${path}`;
}

/** `/merchant/stores/:storeId` → `/merchant/stores/{storeId}` */
export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:([A-Za-z_]\w*)/g, '{$1}');
}
