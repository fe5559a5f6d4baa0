import fc from 'fast-check';
import type { CartLine } from '../../../../core/sale/cart-line';

export const cartLine = (i: number): fc.Arbitrary<CartLine> =>
  fc
    .record({ qty: fc.integer({ min: 1, max: 20 }), unitPriceFen: fc.integer({ min: 0, max: 50_000 }), discountPermille: fc.integer({ min: 0, max: 1000 }) })
    .map(({ qty, unitPriceFen, discountPermille }) => ({
      lineId: `l${i}`,
      itemId: `item-${i}`,
      name: `Item ${i}`,
      qty,
      unitPriceFen,
      discountFen: Math.floor((qty * unitPriceFen * discountPermille) / 1000 / 4),
      voucherRedemptionId: null,
      note: null,
    }));

export const cartLines = fc.integer({ min: 1, max: 8 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => cartLine(i))));
