import { performance } from 'node:perf_hooks';
import ntp from 'node-thermal-printer';
import { PROFILE_80MM } from '../../../core/hardware/printer-profile';
import { formatFen } from '../../../core/money';
import { saleReceipt, type SaleReceiptData } from '../../../core/receipt/templates/sale-receipt';
import { encodeReceipt } from '../../../drivers/escpos/escpos-encoder';
import { decodeEscPos } from '../../support/escpos/escpos-decoder';
import { sampleSaleReceipt } from '../../support/escpos/sample-receipts';
import { percentile, round, type BenchGroup, type Figure } from '../figures';

const BATCH = 200;
const BATCHES = 25;

/** Median time per receipt over batches, after warm-up batches. */
function perReceiptMs(build: () => unknown): number {
  for (let i = 0; i < BATCH * 5; i++) build();
  const samples: number[] = [];
  for (let b = 0; b < BATCHES; b++) {
    const start = performance.now();
    for (let i = 0; i < BATCH; i++) build();
    samples.push((performance.now() - start) / BATCH);
  }
  return percentile(samples, 50);
}

/** The same sale receipt through node-thermal-printer's builder (CHINA code page, native QR). */
function ntpReceipt(builder: InstanceType<typeof ntp.printer>, data: SaleReceiptData): Buffer {
  builder.clear();
  builder.alignCenter();
  builder.setTextDoubleHeight();
  builder.setTextDoubleWidth();
  builder.bold(true);
  builder.println(data.storeName);
  builder.setTextNormal();
  builder.bold(false);
  builder.println('销售小票');
  builder.alignLeft();
  builder.drawLine('=');
  builder.leftRight('单号', data.receiptNo);
  builder.leftRight('时间', '2026-11-25 12:30:00');
  builder.leftRight('收银机', data.terminalId);
  builder.leftRight('收银员', data.cashierName);
  builder.drawLine();
  builder.tableCustom([
    { text: '商品', align: 'LEFT', width: 0.6 },
    { text: '数量', align: 'RIGHT', width: 0.15 },
    { text: '金额', align: 'RIGHT', width: 0.25 },
  ]);
  for (const line of data.lines) {
    builder.tableCustom([
      { text: line.name, align: 'LEFT', width: 0.6 },
      { text: `x${line.quantity}`, align: 'RIGHT', width: 0.15 },
      { text: formatFen(line.totalFen), align: 'RIGHT', width: 0.25 },
    ]);
  }
  builder.drawLine();
  builder.leftRight('小计', formatFen(data.subtotalFen));
  for (const d of data.discounts) builder.leftRight(`优惠 ${d.label}`, formatFen(-d.amountFen));
  for (const v of data.voucherTenders) builder.leftRight(`券抵扣 ${v.campaignTitle} ${v.codeMasked}`, formatFen(-v.amountFen));
  builder.alignRight();
  builder.bold(true);
  builder.println(`合计  ${formatFen(data.totalFen)}`);
  builder.bold(false);
  builder.alignLeft();
  builder.leftRight('微信支付', formatFen(10000));
  builder.leftRight('现金', formatFen(500));
  builder.leftRight('找零', formatFen(data.changeFen));
  builder.drawLine();
  builder.leftRight('会员', '138****1234');
  builder.leftRight('本次积分', '103');
  builder.leftRight('积分余额', '2450');
  builder.drawLine();
  builder.alignCenter();
  builder.println('谢谢惠顾，欢迎再次光临');
  builder.printQR(data.footerQr ?? '', { cellSize: 6, correction: 'M', model: 2 });
  builder.cut();
  // Its openCashDrawer() sends `ESC p m` without the two pulse bytes; send the full command.
  builder.append(Buffer.from([0x1b, 0x70, 0, 25, 250]));
  return builder.getBuffer();
}

export const receiptGroup: BenchGroup = {
  name: 'receipt',
  async run({ log }) {
    const data = sampleSaleReceipt('zh-CN');
    const bytes = encodeReceipt(saleReceipt(data), PROFILE_80MM);
    const decoded = decodeEscPos(bytes);
    log(`sale receipt, zh-CN, 80 mm: ${decoded.lines.length} printed lines, ${decoded.qrs.length} native QR, ${bytes.length} bytes`);
    const ours = perReceiptMs(() => encodeReceipt(saleReceipt(data), PROFILE_80MM));

    const builder = new ntp.printer({ type: ntp.types.EPSON, interface: 'tcp://127.0.0.1:9', characterSet: ntp.characterSet.CHINA, width: 48 });
    const theirBytes = ntpReceipt(builder, data);
    const theirs = perReceiptMs(() => ntpReceipt(builder, data));
    const theirDecoded = decodeEscPos(theirBytes);
    const overflow = theirDecoded.lines.filter((l) => l.width > 48).length;
    log(`node-thermal-printer: ${theirBytes.length} bytes, ${overflow} lines over 48 columns, QR declared ${theirDecoded.qrs[0]?.declaredLength} of ${theirDecoded.qrs[0]?.bytesUntilPrint} bytes, FS & sent ${theirDecoded.kanjiOnCount} times`);
    log(`targets: encode <= 0.5 ms, <= 1.5 KB; ours/ntp time ratio ${round(ours / theirs)}`);

    const figures: Figure[] = [
      { name: 'receipt_encode_ms', value: round(ours, 4), unit: 'ms/receipt (template + layout + encode)' },
      { name: 'receipt_bytes', value: bytes.length, unit: 'bytes' },
      { name: 'receipt_encode_ntp_ms', value: round(theirs, 4), unit: 'ms/receipt (node-thermal-printer builder)' },
      { name: 'receipt_bytes_ntp', value: theirBytes.length, unit: 'bytes' },
    ];
    return figures;
  },
};
