import { describe, expect, it } from 'vitest';
import { SECTIONS, sectionsFor } from '../../../../renderer/admin/sections';
import { MERCHANT_ROLES } from '../../../../server/http/merchant-roles';

const keys = (role: Parameters<typeof sectionsFor>[0]) => sectionsFor(role).map((s) => s.key);

describe('the back office menu', () => {
  it('lists every section in the order of issue #11', () => {
    expect(SECTIONS.map((s) => s.key)).toEqual(['dashboard', 'stores', 'campaigns', 'support', 'conflicts', 'members', 'settlement', 'staff', 'audit']);
  });

  it('shows each role only the sections its routes let it call', () => {
    expect(keys('owner')).toEqual(SECTIONS.map((s) => s.key));
    expect(keys('manager')).toEqual(['dashboard', 'stores', 'campaigns', 'support', 'conflicts', 'members', 'settlement', 'staff']);
    expect(keys('finance')).toEqual(['dashboard', 'members', 'settlement']);
    expect(keys('support')).toEqual(['support', 'members']);
    expect(keys(null)).toEqual([]);
  });

  it('never offers a section to a role the server’s role table refuses for its main route', () => {
    const guarded = { dashboard: MERCHANT_ROLES.read, settlement: MERCHANT_ROLES.read, support: MERCHANT_ROLES.support, audit: MERCHANT_ROLES.setup } as const;
    for (const [key, allowed] of Object.entries(guarded)) {
      const section = SECTIONS.find((s) => s.key === key);
      expect(section?.roles.every((role) => (allowed as readonly string[]).includes(role)), key).toBe(true);
    }
  });
});
