import { defineStore } from 'pinia';
import { ref } from 'vue';
import { posDb } from '../db/instance';
import { readSetting, writeSetting } from '../db/settings';
import { playTone, type ScanOutcome } from './scan-tones';

/** The scan sound: on by default, turned off (and back on) in settings, remembered on this terminal. */
export const useScanSoundStore = defineStore('scanSound', () => {
  const enabled = ref(true);

  async function load(): Promise<void> {
    enabled.value = (await readSetting(posDb(), 'scanSound')) ?? true;
  }

  async function setEnabled(on: boolean): Promise<void> {
    enabled.value = on;
    await writeSetting(posDb(), 'scanSound', on);
  }

  function play(outcome: ScanOutcome): void {
    if (enabled.value) playTone(outcome);
  }

  return { enabled, load, setEnabled, play };
});
