import type { RowValues } from '../../db/row-stream';
import type { LedgerNames } from '../../repositories/backoffice/settlement-ledger';
import { csvField } from '../csv';

/**
 * One ledger CSV line (the columns of `LEDGER_CSV_HEADER`) from a `ledgerQuery` row: type, at,
 * campaign_id, store_id, reference_id, units, amount_fen. The merchant's few campaign and store
 * cells are escaped once, not once per row; the line is what `csvLine` would write.
 */
export function ledgerLineWriter(dateOf: (utcHour: string) => string, names: LedgerNames): (row: RowValues) => string {
  const campaigns = new Map([...names.campaigns].map(([id, c]) => [id, { cells: `${csvField(id)},${csvField(c.title)}`, faceValueFen: c.faceValueFen }]));
  const stores = new Map([...names.stores].map(([id, name]) => [id, `${csvField(id)},${csvField(name)}`]));
  return (row) => {
    const [type, at, campaignId, storeId, referenceId, units, amountFen] = row;
    const when = String(at);
    const campaign = campaigns.get(String(campaignId));
    const storeCells = storeId === null ? ',' : (stores.get(String(storeId)) ?? `${csvField(storeId)},`);
    const face = type === 'redemption' ? String(Number(units) * (campaign?.faceValueFen ?? 0)) : '';
    return `${csvField(type)},${csvField(when)},${dateOf(when.slice(0, 13))},${campaign?.cells ?? `${csvField(campaignId)},`},${storeCells},${csvField(referenceId)},${Number(units)},${Number(amountFen)},${face}\r\n`;
  };
}
