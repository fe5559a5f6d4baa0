import type { PosRuntimeInfo } from '../../core/pos-api';

const REPORTED_VERSIONS = ['electron', 'chrome', 'node', 'v8'] as const;

export function electronRuntimeInfo(
  appVersion: string,
  platform: string,
  versions: Readonly<Record<string, string | undefined>>,
): PosRuntimeInfo {
  const picked: Record<string, string> = {};
  for (const name of REPORTED_VERSIONS) {
    const version = versions[name];
    if (version) picked[name] = version;
  }
  return { shell: 'electron', appVersion, platform, versions: picked };
}
