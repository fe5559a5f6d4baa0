import type { Db } from '../db/database';
import type { TerminalSession } from './terminal-session';

/**
 * Notes that the terminal just got an answer from the server: offline redemptions are judged
 * against the time it last did (a terminal counts its time offline from its last answered sync).
 */
export async function recordContact(db: Db, session: TerminalSession, at: Date): Promise<void> {
  await db.kysely
    .updateTable('terminals')
    .set({ last_contact_at: at.toISOString() })
    .where('merchant_id', '=', session.merchant.id)
    .where('id', '=', session.terminal.id)
    .execute();
}
