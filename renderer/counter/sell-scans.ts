import { onMounted, onUnmounted } from 'vue';
import { posDb } from '../db/instance';
import { useScanSoundStore } from '../hardware/scan-sound-store';
import { useScanStore } from '../hardware/scan-store';
import { findByBarcode } from './catalog-search';
import { useCartStore } from './cart-store';
import { useCounterStore } from './counter-store';

/**
 * While the sell screen is open it takes over the scanner: a product barcode goes on the bill, a
 * voucher code or QR becomes a voucher on the bill, a member QR or phone looks the member up.
 */
export function useSellScans(onUnknownBarcode: (code: string) => void): void {
  const stops: (() => void)[] = [];
  onMounted(() => {
    const scans = useScanStore();
    const counter = useCounterStore();
    const sound = useScanSoundStore();
    stops.push(
      scans.on('catalog', (scan) => {
        if (scan.kind.kind !== 'product') return;
        const gtin = scan.kind.gtin;
        void findByBarcode(posDb(), gtin).then((item) => {
          if (item?.available) useCartStore().addItem(item);
          else onUnknownBarcode(gtin);
          sound.play(item?.available ? 'accepted' : 'refused');
        });
      }),
      scans.on('redemption', (scan) => {
        const code = scan.kind.kind === 'voucherCode' ? scan.kind.code : scan.kind.kind === 'voucherQr' ? scan.kind.token : null;
        if (code !== null) void counter.addVoucher(code).then((added) => sound.play(added ? 'accepted' : 'refused'));
      }),
      scans.on('member', (scan) => {
        if (scan.kind.kind === 'memberPhone') void counter.findMember(scan.kind.phone);
        else if (scan.kind.kind === 'memberQr') void counter.findMember(scan.kind.token);
      }),
    );
  });
  onUnmounted(() => stops.splice(0).forEach((stop) => stop()));
}
