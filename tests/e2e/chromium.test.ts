import { describe, expect, it } from 'vitest';
import { findChromium } from './chromium';

const only = (...paths: string[]) => (path: string) => paths.includes(path);

describe('findChromium', () => {
  it('prefers CHROMIUM_PATH', () => {
    expect(findChromium({ CHROMIUM_PATH: '/opt/c/chrome' }, ['/usr/bin/chromium'], only('/opt/c/chrome', '/usr/bin/chromium'))).toBe('/opt/c/chrome');
  });

  it('fails, naming the variable, when CHROMIUM_PATH points nowhere', () => {
    expect(() => findChromium({ CHROMIUM_PATH: '/nope' }, ['/usr/bin/chromium'], only('/usr/bin/chromium'))).toThrow(/CHROMIUM_PATH is set to \/nope/);
  });

  it('takes the first usual install path that exists', () => {
    expect(findChromium({}, ['/a', '/b', '/c'], only('/b', '/c'))).toBe('/b');
  });

  it('fails with what to install and where it looked when there is none', () => {
    expect(() => findChromium({}, ['/a', '/b'], only())).toThrow(/apt-get install chromium.*CHROMIUM_PATH.*\/a, \/b/s);
  });

  it('finds the browser on this machine', () => {
    expect(findChromium()).toMatch(/chrom/i);
  });
});
