import type { Db } from '../../db/database';

export interface Named {
  id: string;
  name: string | null;
}

function unique(ids: readonly (string | null | undefined)[]): string[] {
  return [...new Set(ids.filter((id): id is string => typeof id === 'string' && id.length > 0))];
}

/** Names of stores, terminals and counter users (cashiers, managers) by id, in three queries at most. */
export interface NameBook {
  store(id: string): Named;
  terminal(id: string): Named;
  /** A counter user (cashier or manager); null for a null id. */
  person(id: string | null): Named | null;
}

export async function loadNames(
  db: Db,
  merchantId: string,
  ids: { stores?: readonly (string | null)[]; terminals?: readonly (string | null)[]; people?: readonly (string | null)[] },
): Promise<NameBook> {
  const k = db.kysely;
  const storeIds = unique(ids.stores ?? []);
  const terminalIds = unique(ids.terminals ?? []);
  const peopleIds = unique(ids.people ?? []);
  const [stores, terminals, users, managers] = await Promise.all([
    storeIds.length ? k.selectFrom('stores').select(['id', 'name']).where('merchant_id', '=', merchantId).where('id', 'in', storeIds).execute() : [],
    terminalIds.length ? k.selectFrom('terminals').select(['id', 'name']).where('merchant_id', '=', merchantId).where('id', 'in', terminalIds).execute() : [],
    peopleIds.length ? k.selectFrom('terminal_users').select(['id', 'name']).where('merchant_id', '=', merchantId).where('id', 'in', peopleIds).execute() : [],
    // Managers whose PIN was set up before counter users existed have only a store-manager row.
    peopleIds.length
      ? k.selectFrom('store_managers').select(['manager_id as id', 'name']).where('merchant_id', '=', merchantId).where('manager_id', 'in', peopleIds).execute()
      : [],
  ]);
  const storeNames = new Map(stores.map((r) => [r.id, r.name]));
  const terminalNames = new Map(terminals.map((r) => [r.id, r.name]));
  const people = new Map([...managers, ...users].map((r) => [r.id, r.name]));
  return {
    store: (id) => ({ id, name: storeNames.get(id) ?? null }),
    terminal: (id) => ({ id, name: terminalNames.get(id) ?? null }),
    person: (id) => (id === null ? null : { id, name: people.get(id) ?? null }),
  };
}
