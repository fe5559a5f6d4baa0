import { BrowserQRCodeReader } from '@zxing/browser';

export interface CameraReading {
  stop(): void;
}

/**
 * Reads QR codes from the camera into `video` until one is found, then stops the camera and hands
 * over its text. Rejects when there is no camera or it may not be used (the caller says why).
 */
export async function readQrFromCamera(video: HTMLVideoElement, onText: (text: string) => void): Promise<CameraReading> {
  const reader = new BrowserQRCodeReader(undefined, { delayBetweenScanAttempts: 100 });
  let done = false;
  const controls = await reader.decodeFromConstraints({ video: { facingMode: { ideal: 'environment' } }, audio: false }, video, (result, _error, ctl) => {
    if (!result || done) return;
    done = true;
    ctl.stop();
    onText(result.getText());
  });
  return {
    stop: () => {
      done = true;
      controls.stop();
    },
  };
}
