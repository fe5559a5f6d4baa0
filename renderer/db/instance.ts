import { POS_DB_NAME, PosDb } from './pos-db';

let current: PosDb | undefined;

/** The database the stores use; opened on first use under the default name. */
export function posDb(): PosDb {
  current ??= new PosDb(POS_DB_NAME);
  return current;
}

/** Switches to another database name (a second terminal profile, or a test's own database). */
export function openPosDb(name: string): PosDb {
  current?.close();
  current = new PosDb(name);
  return current;
}
