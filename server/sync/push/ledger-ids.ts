/**
 * Which redemption ids are in the ledger already, as far as this transaction knows: looked up for a
 * whole group at once, learned one by one for redemptions that come inside other entries (a sale's
 * vouchers), and kept up to date as entries apply.
 */
export class LedgerIds {
  private readonly present = new Set<string>();
  private readonly looked = new Set<string>();

  /** `looked`: the ids a group look-up covered; `present`: those it found. */
  constructor(looked: Iterable<string> = [], present: Iterable<string> = []) {
    for (const id of looked) this.looked.add(id);
    for (const id of present) this.present.add(id);
  }

  knows(id: string): boolean {
    return this.looked.has(id);
  }

  has(id: string): boolean {
    return this.present.has(id);
  }

  learn(id: string, inLedger: boolean): void {
    this.looked.add(id);
    if (inLedger) this.present.add(id);
    else this.present.delete(id);
  }
}
