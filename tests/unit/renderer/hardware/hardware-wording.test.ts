import { describe, expect, it } from 'vitest';
import { PrintJobState, ScannerState } from '../../../../core/hardware/devices';
import { HardwareFailureReason } from '../../../../core/hardware/hardware-result';
import { PrinterState } from '../../../../core/hardware/printer-status';
import { createPosI18n } from '../../../../renderer/i18n';
import { LOCALES } from '../../../../renderer/shared/i18n/locales';

describe('hardware wording', () => {
  it('has words for every failure reason, printer, scanner and job state, in both languages', () => {
    const i18n = createPosI18n('zh-CN');
    const keys = [
      ...HardwareFailureReason.options.map((r) => `hardware.reason.${r}`),
      ...[...PrinterState.options, 'none', 'disconnected'].map((s) => `hardware.printerState.${s}`),
      ...ScannerState.options.map((s) => `hardware.scannerState.${s}`),
      ...PrintJobState.options.map((s) => `hardware.job.${s}`),
      ...[...PrintJobState.options, 'sending', 'unqueued'].map((s) => `hardware.slip.${s}`),
    ];
    for (const locale of LOCALES) {
      i18n.global.locale.value = locale;
      for (const key of keys) {
        expect(i18n.global.te(key), `${locale} ${key}`).toBe(true);
        expect(i18n.global.t(key, { reason: 'R' }), `${locale} ${key}`).toMatch(/\S/);
      }
    }
  });
});
