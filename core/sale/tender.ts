import type { Fen } from '../money';

export type TenderKind = 'cash' | 'wechat' | 'alipay' | 'card' | 'voucher' | 'points';

export const TENDER_KINDS: readonly TenderKind[] = ['cash', 'wechat', 'alipay', 'card', 'voucher', 'points'];

export interface CashVoucherTerms {
  campaignId: string;
  faceValueFen: Fen;
  minSpendFen: Fen;
}

/** A payment as the sale records it; the applied amounts of a sale always sum to its total. */
export interface AppliedTender {
  tenderId: string;
  kind: TenderKind;
  amountFen: Fen;
  /** Cash only: handed over (≥ amount). */
  receivedFen: Fen | null;
  reference: string | null;
  redemptionId: string | null;
  campaignId: string | null;
  points: number | null;
}

export interface Settlement {
  totalFen: Fen;
  tenders: AppliedTender[];
  changeFen: Fen;
}
