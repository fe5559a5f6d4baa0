import type { Db } from '../../db/database';
import type { MerchantRole } from '../../db/schema';
import { newId } from '../../security/ids';
import { hashPassword } from '../../security/password';
import { insertMerchantUser } from './merchant-user-repository';

export interface MerchantUserSeed {
  login: string;
  name: string;
  role: MerchantRole;
  password: string;
}

/**
 * Adds a user outside the API: the demo seed and tests. `login` must already be normalised
 * (lower-case e-mail or 11 mobile digits).
 */
export async function addMerchantUser(db: Db, merchantId: string, seed: MerchantUserSeed, now = new Date()) {
  const id = newId();
  await insertMerchantUser(db, {
    merchantId,
    id,
    login: seed.login,
    name: seed.name,
    role: seed.role,
    passwordHash: await hashPassword(seed.password),
    at: now.toISOString(),
  }).execute();
  return { id, ...seed };
}
