import type { Kysely, Migration } from 'kysely';

/**
 * A shift report counts the redemptions its terminal made between the shift's open and close
 * (device time): this index finds them without reading the merchant's whole ledger, at every
 * report and every shift close.
 */
export function redemptionsByTerminal(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.createIndex('redemptions_terminal_device_idx').on('redemptions').columns(['merchant_id', 'terminal_id', 'device_time']).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('redemptions_terminal_device_idx').execute();
    },
  };
}
