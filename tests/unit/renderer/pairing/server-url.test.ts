import { describe, expect, it } from 'vitest';
import { normalizeServerUrl } from '../../../../renderer/pairing/server-url';

describe('normalizeServerUrl', () => {
  it('adds http:// and drops trailing slashes', () => {
    expect(normalizeServerUrl(' 192.168.1.10:8787/ ')).toBe('http://192.168.1.10:8787');
    expect(normalizeServerUrl('https://pos.example.cn/hexiao/')).toBe('https://pos.example.cn/hexiao');
    expect(normalizeServerUrl('HTTP://Server.Local:80')).toBe('http://server.local');
  });

  it('refuses what cannot be a server root', () => {
    for (const input of ['', '   ', 'ftp://host', 'http://', 'http://host/?x=1', 'http://host/#a', 'http://user:pw@host', 'http://exa mple']) {
      expect(normalizeServerUrl(input), input).toBeNull();
    }
  });
});
