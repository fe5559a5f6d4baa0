import { buildElectronApp } from './launcher/app-build';

// `npm run build`: electron-vite's programmatic build, so no executable bit on its CLI is needed.
await buildElectronApp();
console.log('built out/main, out/preload and out/renderer');
