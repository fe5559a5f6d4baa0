import { onMounted, onUnmounted } from 'vue';
import { useScanStore } from '../hardware/scan-store';
import { useMembersStore } from './members-store';

/** While the Members screen is open a scanned member QR or phone opens that member's card. */
export function useMemberScans(): void {
  let stop: (() => void) | null = null;
  onMounted(() => {
    const members = useMembersStore();
    stop = useScanStore().on('member', (scan) => {
      if (scan.kind.kind === 'memberPhone') void members.find(scan.kind.phone);
      else if (scan.kind.kind === 'memberQr') void members.find(scan.kind.token);
    });
  });
  onUnmounted(() => stop?.());
}
