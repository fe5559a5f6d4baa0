import type { Component } from 'vue';
import type { MerchantRole } from './api/session-api';

export interface Section {
  /** i18n key under `nav.` and the route name. */
  key: string;
  path: string;
  /** Who sees it in the menu (the server checks again: server/http/merchant-roles.ts). */
  roles: readonly MerchantRole[];
  page: () => Promise<Component>;
}

const operate = ['owner', 'manager'] as const;
const read = ['owner', 'manager', 'finance'] as const;
const support = ['owner', 'manager', 'support'] as const;
const anyone = ['owner', 'manager', 'finance', 'support'] as const;
const setup = ['owner'] as const;

/** The menu, in order. A section is listed only once its screen is built. */
export const SECTIONS: readonly Section[] = [
  { key: 'dashboard', path: 'dashboard', roles: read, page: () => import('./pages/dashboard/DashboardPage.vue') },
  { key: 'stores', path: 'stores', roles: operate, page: () => import('./pages/stores/StoresPage.vue') },
  { key: 'campaigns', path: 'campaigns', roles: operate, page: () => import('./pages/campaigns/CampaignsPage.vue') },
  { key: 'support', path: 'support', roles: support, page: () => import('./pages/support/SupportPage.vue') },
  { key: 'conflicts', path: 'conflicts', roles: operate, page: () => import('./pages/conflicts/ConflictsPage.vue') },
  { key: 'members', path: 'members', roles: anyone, page: () => import('./pages/members/MembersPage.vue') },
  { key: 'settlement', path: 'settlement', roles: read, page: () => import('./pages/settlement/SettlementPage.vue') },
  { key: 'staff', path: 'staff', roles: operate, page: () => import('./pages/staff/StaffPage.vue') },
  { key: 'audit', path: 'audit', roles: setup, page: () => import('./pages/audit/AuditPage.vue') },
];

export function sectionsFor(role: MerchantRole | null): Section[] {
  return role === null ? [] : SECTIONS.filter((section) => section.roles.includes(role));
}
