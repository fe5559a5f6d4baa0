import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { HardwareFailure } from '../../../core/hardware/hardware-result';
import type { HardwareConfig } from '../../../core/pos-hardware-config';
import { useHardwareStore } from '../hardware-store';
import { configFromDraft, draftFromConfig, type SettingsDraft } from './settings-draft';
import { DEFAULT_HARDWARE_CONFIG } from '../../../core/pos-hardware-config';

export type SaveOutcome = { kind: 'saved' } | { kind: 'invalid'; fields: (keyof SettingsDraft)[] } | { kind: 'failed'; failure: HardwareFailure };

/** The settings screen's form: a draft of the hardware config, saved as a whole. */
export const useSettingsFormStore = defineStore('settingsForm', () => {
  const hardware = useHardwareStore();
  const draft = ref<SettingsDraft>(draftFromConfig(hardware.config ?? DEFAULT_HARDWARE_CONFIG));
  const saving = ref(false);
  const outcome = ref<SaveOutcome | null>(null);

  /** Starts over from the stored config (when the screen opens or the host's config changes). */
  function reset(config: HardwareConfig | null = hardware.config): void {
    draft.value = draftFromConfig(config ?? DEFAULT_HARDWARE_CONFIG);
    outcome.value = null;
  }

  async function save(): Promise<void> {
    const checked = configFromDraft(draft.value);
    if (!checked.ok) {
      outcome.value = { kind: 'invalid', fields: checked.fields };
      return;
    }
    saving.value = true;
    outcome.value = null;
    const result = await hardware.saveConfig(checked.config);
    saving.value = false;
    if (result.ok) {
      draft.value = draftFromConfig(result.config);
      outcome.value = { kind: 'saved' };
    } else {
      outcome.value = { kind: 'failed', failure: result };
    }
  }

  return { draft, saving, outcome, reset, save };
});
