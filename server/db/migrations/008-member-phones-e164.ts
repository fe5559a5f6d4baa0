import { sql, type Kysely, type Migration } from 'kysely';
import type { DbKind } from '../db-kind';

/**
 * Counter enrolments used to keep the 11 typed digits while online orders keep E.164, so the same
 * person buying online after enrolling at the counter became a second member. Members are kept in
 * E.164 from now on; a digits row whose E.164 twin already exists is left as it is (the pull and
 * the enrolment look-up know both forms).
 */
export function memberPhonesE164(kind: DbKind): Migration {
  const elevenDigits = kind === 'postgres' ? `phone ~ '^1[3-9][0-9]{9}$'` : `length(phone) = 11 AND phone GLOB '1[3-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'`;
  return {
    async up(db: Kysely<unknown>) {
      await sql
        .raw(
          `UPDATE members SET phone = '+86' || phone
           WHERE ${elevenDigits}
             AND NOT EXISTS (SELECT 1 FROM members AS twin WHERE twin.merchant_id = members.merchant_id AND twin.phone = '+86' || members.phone)`,
        )
        .execute(db);
    },
    async down() {
      // Nothing to undo: E.164 is what online orders always stored.
    },
  };
}
