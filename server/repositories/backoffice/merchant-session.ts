import type { MerchantRole } from '../../db/schema';

/** Who is calling the back office: a signed-in user of one merchant. */
export interface MerchantSession {
  user: { id: string; login: string; name: string; role: MerchantRole };
  /** `code`: the sign-in code typed with the login. */
  merchant: { id: string; code: string; name: string; timeZone: string };
  expiresAt: string;
}
