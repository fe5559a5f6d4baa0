import { defineStore } from 'pinia';
import { ref } from 'vue';

/** Whether the hardware settings screen is in front of the redeem screen. */
export const useSettingsScreenStore = defineStore('settingsScreen', () => {
  const open = ref(false);
  return {
    open,
    show: () => void (open.value = true),
    close: () => void (open.value = false),
  };
});
