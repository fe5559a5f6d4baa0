import { checkSaleWindow } from '../../../core/sale-window';
import { failure, type AppFailure } from '../outcome';

/** A campaign's sale state, read under its row lock. */
export interface SaleState {
  status: 'draft' | 'published' | 'ended';
  totalStock: number | null;
  soldCount: number;
  perBuyerLimit: number | null;
  saleStartsAt: string | null;
  saleEndsAt: string | null;
  /** Set while the merchant has paused the sale. */
  pausedAt: string | null;
  timeZone: string;
}

export interface UnitRequest {
  /** E.164 phone. */
  phone: string;
  /** `platform:handle`, or null. */
  handleKey: string | null;
  quantity: number;
}

export type BuyerKey = `${'phone' | 'handle'}|${string}`;

export function buyerKeys(request: Pick<UnitRequest, 'phone' | 'handleKey'>): BuyerKey[] {
  return request.handleKey ? [`phone|${request.phone}`, `handle|${request.handleKey}`] : [`phone|${request.phone}`];
}

export interface Allocation {
  /** Per request, in order: null when granted, else why not. */
  refusals: (AppFailure | null)[];
  unitsGranted: number;
  /** Units added per buyer key. */
  counterDeltas: Map<BuyerKey, number>;
}

/** Whether a campaign takes orders at `now` (flash-sale API only; channel sales skip the window). */
export function whyNotOnSale(state: SaleState, now: Date): AppFailure | null {
  if (state.status !== 'published') return failure('CAMPAIGN_NOT_ON_SALE', `this campaign is ${state.status}, not on sale`);
  if (state.pausedAt) return failure('CAMPAIGN_NOT_ON_SALE', 'the merchant has paused this sale');
  if (state.saleStartsAt && state.saleEndsAt) {
    const window = checkSaleWindow({ saleStartsAt: state.saleStartsAt, saleEndsAt: state.saleEndsAt }, now, state.timeZone);
    if (!window.ok) return failure(window.code, window.message);
  } else if (state.saleStartsAt && now.getTime() < new Date(state.saleStartsAt).getTime()) {
    return failure('SALE_NOT_STARTED', `the sale starts at ${state.saleStartsAt}`);
  } else if (state.saleEndsAt && now.getTime() >= new Date(state.saleEndsAt).getTime()) {
    return failure('SALE_ENDED', `the sale ended at ${state.saleEndsAt}`);
  }
  return null;
}

/**
 * Grants requests in arrival order against the stock left and each buyer's limit, counted both by
 * phone and by handle. All-or-nothing per request: never a partial quantity.
 */
export function allocateUnits(state: SaleState, counters: ReadonlyMap<BuyerKey, number>, requests: readonly UnitRequest[]): Allocation {
  const held = new Map(counters);
  const counterDeltas = new Map<BuyerKey, number>();
  let sold = state.soldCount;
  const refusals = requests.map((request) => {
    if (state.totalStock !== null && sold + request.quantity > state.totalStock) {
      const left = Math.max(0, state.totalStock - sold);
      return failure('OUT_OF_STOCK', left === 0 ? 'sold out' : `only ${left} left`, { left });
    }
    const keys = buyerKeys(request);
    if (state.perBuyerLimit !== null) {
      for (const key of keys) {
        const already = held.get(key) ?? 0;
        if (already + request.quantity > state.perBuyerLimit) {
          return failure('BUYER_LIMIT_REACHED', `at most ${state.perBuyerLimit} per buyer; ${already} already held`, {
            limit: state.perBuyerLimit,
            held: already,
            by: key.startsWith('phone|') ? 'phone' : 'handle',
          });
        }
      }
    }
    sold += request.quantity;
    for (const key of keys) {
      held.set(key, (held.get(key) ?? 0) + request.quantity);
      counterDeltas.set(key, (counterDeltas.get(key) ?? 0) + request.quantity);
    }
    return null;
  });
  return { refusals, unitsGranted: sold - state.soldCount, counterDeltas };
}
