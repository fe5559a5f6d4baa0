import { describe, expect, it } from 'vitest';
import { dammCheckDigit } from '../../../core/damm';
import type { Scan } from '../../../core/hardware/devices';
import { gs1CheckDigit, isValidGs1 } from '../../../core/hardware/product-barcode';
import { classifyScan } from '../../../core/hardware/scan-kind';
import { LineSplitter } from '../../../drivers/scanner/line-splitter';
import { detectScanners, findPort } from '../../../drivers/scanner/port-match';
import { RepeatFilter } from '../../../drivers/scanner/repeat-filter';
import { ScanRouter } from '../../../drivers/scanner/scan-router';

const VOUCHER = `12345678901${dammCheckDigit('12345678901')}`;
const SIG = 'A'.repeat(86);

describe('LineSplitter', () => {
  it('splits on CR, LF and CRLF, also when CRLF straddles two reads', () => {
    const s = new LineSplitter();
    expect(s.push(Buffer.from('AAA\rBBB\nCC')).lines).toEqual(['AAA', 'BBB']);
    expect(s.push(Buffer.from('C\r')).lines).toEqual(['CCC']);
    expect(s.push(Buffer.from('\nDDD\r\n')).lines).toEqual(['DDD']);
    expect(s.push(Buffer.from('\r\n\n  EEE  \n')).lines).toEqual(['EEE']);
  });

  it('drops over-long lines, even split across reads, and lines with non-printable bytes', () => {
    const s = new LineSplitter(10);
    expect(s.push(Buffer.from('123456'))).toEqual({ lines: [], ignored: [] });
    const long = s.push(Buffer.from('7890123\rOK\r'));
    expect(long.lines).toEqual(['OK']);
    expect(long.ignored).toEqual([{ reason: 'over-long line', preview: '1234567890123' }]);
    expect(s.push(Buffer.from([0x41, 0x00, 0xfe, 0x0a])).ignored).toEqual([{ reason: 'non-printable bytes', preview: 'A\\u0000þ' }]);
  });
});

describe('RepeatFilter', () => {
  it('drops the same value inside the window only', () => {
    let now = 0;
    const f = new RepeatFilter(400, () => now);
    expect(f.accept('A')).toBe(true);
    now = 399;
    expect(f.accept('A')).toBe(false);
    expect(f.accept('B')).toBe(true);
    now = 2000;
    expect(f.accept('B')).toBe(true);
  });
});

describe('classifyScan', () => {
  it('tells vouchers, products and members apart and explains rejections', () => {
    expect(classifyScan(`  ${VOUCHER.slice(0, 4)} ${VOUCHER.slice(4, 8)} ${VOUCHER.slice(8)} `)).toEqual({ kind: 'voucherCode', code: VOUCHER });
    expect(classifyScan(`HX1.eyJ2IjoiMDE5MiJ9.${SIG}`)).toEqual({ kind: 'voucherQr', token: `HX1.eyJ2IjoiMDE5MiJ9.${SIG}` });
    expect(classifyScan('HXM1.bWVtYmVyLTQy').kind).toBe('memberQr');
    expect(classifyScan('6901234567892')).toEqual({ kind: 'product', symbology: 'EAN13', gtin: '6901234567892' });
    expect(classifyScan('96385074')).toEqual({ kind: 'product', symbology: 'EAN8', gtin: '96385074' });
    expect(classifyScan('13812341234')).toEqual({ kind: 'memberPhone', phone: '13812341234' });
    expect(classifyScan('6901234567893')).toMatchObject({ kind: 'rejected', reason: 'EAN-13 check digit does not match' });
    expect(classifyScan(VOUCHER.slice(0, 11) + ((Number(VOUCHER[11]) + 1) % 10))).toMatchObject({ kind: 'rejected' });
    expect(classifyScan('hello world')).toMatchObject({ kind: 'rejected' });
  });

  it('treats 12 digits as UPC-A only when asked and the voucher check fails', () => {
    const upc = `03600029145${gs1CheckDigit('03600029145')}`;
    expect(isValidGs1(upc, 12)).toBe(true);
    const asVoucher = classifyScan(upc);
    const asProduct = classifyScan(upc, { acceptUpcA: true });
    if (asVoucher.kind === 'voucherCode') expect(asProduct.kind).toBe('voucherCode');
    else expect(asProduct).toEqual({ kind: 'product', symbology: 'UPCA', gtin: upc });
  });
});

describe('ScanRouter', () => {
  it('sends each kind to its screen and unsubscribes', () => {
    const router = new ScanRouter();
    const got: string[] = [];
    const scan = (value: string): Scan => ({ scannerId: 's', value, kind: classifyScan(value), at: '' });
    router.on('redemption', (s) => got.push(`redeem ${s.value}`));
    const off = router.on('catalog', (s) => got.push(`catalog ${s.value}`));
    router.on('member', (s) => got.push(`member ${s.value}`));
    expect(router.route(scan(VOUCHER))).toBe(true);
    expect(router.route(scan('6901234567892'))).toBe(true);
    expect(router.route(scan('13812341234'))).toBe(true);
    expect(router.route(scan('nonsense'))).toBe(false);
    off();
    expect(router.route(scan('6901234567892'))).toBe(false);
    expect(got).toEqual([`redeem ${VOUCHER}`, 'catalog 6901234567892', 'member 13812341234']);
  });
});

describe('port matching', () => {
  it('finds a scanner by USB identity, case-insensitively, and detects known makers', () => {
    const ports = [{ path: '/dev/ttyS0' }, { path: '/dev/ttyACM0', vendorId: '0C2E', productId: '0B61', serialNumber: 'X1' }];
    expect(findPort(ports, { vendorId: '0c2e', productId: '0b61' })?.path).toBe('/dev/ttyACM0');
    expect(findPort(ports, { vendorId: '0c2e', serialNumber: 'X2' })).toBeUndefined();
    expect(detectScanners(ports).map((p) => p.path)).toEqual(['/dev/ttyACM0']);
  });
});
