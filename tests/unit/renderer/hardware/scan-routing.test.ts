import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dammCheckDigit } from '../../../../core/damm';
import { classifyScan } from '../../../../core/hardware/scan-kind';
import { generateQrSigningKey, signVoucherQr } from '../../../../core/voucher-qr';
import { scanDisplay } from '../../../../renderer/hardware/scan-display';
import { routeOf, ScanRoutes, type RoutedScan } from '../../../../renderer/hardware/scan-routes';
import { withoutScanTail } from '../../../../renderer/hardware/wedge-listener';
import { wedgeTakesScan } from '../../../../renderer/hardware/wedge-policy';
import { voucherOf } from '../../../../renderer/redeem/redeem-scans';

const VOUCHER = `12345678901${dammCheckDigit('12345678901')}`;
const EAN = '6901234567892';

function signedQr(code: string): string {
  const { signingKey } = generateQrSigningKey('k1', (n) => randomBytes(n));
  const token = signVoucherQr({ voucherId: 'v-1', merchantId: 'm-1', code, expiresAt: 2_000_000_000, uses: 2 }, signingKey);
  if (!token.ok) throw new Error(token.message);
  return token.value;
}

const scanOf = (value: string): RoutedScan => ({ value, kind: classifyScan(value), source: 'serial' });

describe('scan routing', () => {
  it('sends vouchers to redemption, products to the catalog, members to member look-up', () => {
    expect(routeOf(classifyScan(VOUCHER))).toBe('redemption');
    expect(routeOf(classifyScan(signedQr(VOUCHER)))).toBe('redemption');
    expect(routeOf(classifyScan(EAN))).toBe('catalog');
    expect(routeOf(classifyScan('13812341234'))).toBe('member');
    expect(routeOf(classifyScan('hello world'))).toBe('rejected');
  });

  it('lets the screen registered last take a route until it unsubscribes', () => {
    const routes = new ScanRoutes();
    const seen: string[] = [];
    routes.on('catalog', (s) => seen.push(`toast ${s.value}`));
    const off = routes.on('catalog', (s) => seen.push(`cart ${s.value}`));
    expect(routes.dispatch(scanOf(EAN))).toBe(true);
    off();
    routes.dispatch(scanOf(EAN));
    expect(seen).toEqual([`cart ${EAN}`, `toast ${EAN}`]);
    expect(routes.dispatch(scanOf('13812341234'))).toBe(false);
  });

  it('reads the voucher code out of a code or a signed QR, and nothing out of a broken QR', () => {
    expect(voucherOf(classifyScan(VOUCHER))?.code).toBe(VOUCHER);
    const qr = signedQr(VOUCHER);
    expect(voucherOf(classifyScan(qr))).toEqual({ code: VOUCHER, qrToken: qr });
    const broken = signedQr(VOUCHER).replace(/^HX1\.A/, 'HX1.B');
    expect(voucherOf(classifyScan(broken))).toBeNull();
    expect(voucherOf(classifyScan(EAN))).toBeNull();
  });

  it('never shows a full voucher code or phone number on screen', () => {
    expect(scanDisplay(classifyScan(VOUCHER), VOUCHER)).toBe(`**** **** ${VOUCHER.slice(-4)}`);
    expect(scanDisplay(classifyScan('13812341234'), '13812341234')).toBe('138****1234');
    expect(scanDisplay(classifyScan(EAN), EAN)).toBe(EAN);
    expect(scanDisplay(classifyScan(signedQr(VOUCHER)), signedQr(VOUCHER))).toBe('HX1.…');
    const typo = `${VOUCHER.slice(0, 11)}${(Number(VOUCHER[11]) + 1) % 10}`;
    expect(scanDisplay(classifyScan(typo), typo)).toBe(`********${typo.slice(-4)}`);
  });
});

describe('which wedge scans the POS takes from the focused element', () => {
  const codeField = { id: 'voucher-code' } as unknown as EventTarget;

  it('leaves the code field the codes it handles itself, including a typo it explains', () => {
    expect(wedgeTakesScan(classifyScan(VOUCHER), codeField)).toBe(false);
    expect(wedgeTakesScan(classifyScan('123456789010'), codeField)).toBe(false);
  });

  it('takes from the code field what it cannot read, and everything from the page itself', () => {
    expect(wedgeTakesScan(classifyScan(signedQr(VOUCHER)), codeField)).toBe(true);
    expect(wedgeTakesScan(classifyScan(EAN), codeField)).toBe(true);
    expect(wedgeTakesScan(classifyScan(VOUCHER), null)).toBe(true);
  });

  it('takes back out of a field the tail of a scan that landed in it', () => {
    expect(withoutScanTail('6901234567892', EAN)).toBe('');
    expect(withoutScanTail('12901234567892', EAN)).toBe('12');
    expect(withoutScanTail('abc', EAN)).toBe('abc');
  });
});
