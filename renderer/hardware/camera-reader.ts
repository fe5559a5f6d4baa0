import { readBarcodes } from 'zxing-wasm/reader';

export interface CameraReading {
  stop(): void;
}

const FRAME_INTERVAL_MS = 100;

/**
 * Reads QR codes from the camera into `video` until one is found, then stops the camera and hands
 * over its text. Rejects when there is no camera or it may not be used (the caller says why).
 * A frame that cannot be read (blurred, half in view) is skipped; the loop only ends on a code or stop().
 */
export async function readQrFromCamera(video: HTMLVideoElement, onText: (text: string) => void): Promise<CameraReading> {
  // The decoder's wasm (~1 MB) is fetched only when a camera opens.
  await (await import('./qr-decoder-module')).loadQrDecoder();
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: 'environment' } }, audio: false });
  let done = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = (): void => {
    done = true;
    clearTimeout(timer);
    for (const track of stream.getTracks()) track.stop();
    video.srcObject = null;
  };
  video.srcObject = stream;
  await video.play();
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) {
    stop();
    throw new Error('no 2D canvas to read camera frames');
  }
  const readFrameText = async (): Promise<string | undefined> => {
    const { videoWidth: width, videoHeight: height } = video;
    if (width === 0 || height === 0) return undefined;
    if (canvas.width !== width || canvas.height !== height) Object.assign(canvas, { width, height });
    context.drawImage(video, 0, 0, width, height);
    const found = await readBarcodes(context.getImageData(0, 0, width, height), { formats: ['QRCode'], maxNumberOfSymbols: 1, tryHarder: true });
    return found.find((symbol) => symbol.isValid)?.text;
  };
  const tick = async (): Promise<void> => {
    const text = await readFrameText().catch(() => undefined);
    if (done) return;
    if (text) {
      stop();
      onText(text);
    } else {
      timer = setTimeout(() => void tick(), FRAME_INTERVAL_MS);
    }
  };
  void tick();
  return { stop };
}
