import { prepareZXingModule } from 'zxing-wasm/reader';
// A data: URL in builds (the Vite config inlines .wasm assets): the Electron POS loads from file://,
// where fetch() cannot read a file beside it. The chunk holding it loads only when a camera opens.
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';

let ready: Promise<unknown> | null = null;

/** Decoded here rather than fetched: the page's CSP allows no connection to data: URLs. */
async function wasmBytes(url: string): Promise<ArrayBuffer> {
  if (!url.startsWith('data:')) return (await fetch(url)).arrayBuffer();
  const binary = atob(url.slice(url.indexOf(',') + 1));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes.buffer;
}

/** Instantiates ZXing-C++'s QR reader once, from the bundled wasm (no network). */
export function loadQrDecoder(): Promise<unknown> {
  ready ??= wasmBytes(wasmUrl).then((wasmBinary) => prepareZXingModule({ overrides: { wasmBinary }, fireImmediately: true }));
  return ready;
}
