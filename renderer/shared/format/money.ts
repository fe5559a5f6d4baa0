import { formatFen, parseYuan, type Fen } from '../../../core/money';

export { formatFen, parseYuan, type Fen };

/** Fen as the yuan a form field shows and takes back through parseYuan: 1250 → "12.50". */
export function fenToYuanText(amount: Fen): string {
  return formatFen(amount).replace('￥', '');
}
