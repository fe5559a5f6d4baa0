import type { Db } from '../db/database';
import { databaseIsEmpty } from '../demo/seed-demo';

/** With the demo off and no merchant yet, how to create one (printed by the server at start). */
export async function noMerchantHint(db: Db, serverUrl: string): Promise<string | null> {
  if (!(await databaseIsEmpty(db))) return null;
  return [
    '',
    'Hexiao: no merchant yet. Create one and its owner, then sign in to the back office:',
    '  npm run admin -- merchant create --name "<merchant name>" --code <sign-in code> --owner-login <e-mail or mobile> --owner-password -',
    '  (the password is read from standard input; leave options out on a terminal to be asked)',
    `  back office: ${serverUrl}/admin (sign in with the merchant code) — add a store, a till, and a pairing code for the POS`,
    '',
  ].join('\n');
}
