import { describe, expect, it } from 'vitest';
import { actionsForSecondInstance } from '../../../electron/main/single-instance';

describe('a second POS instance', () => {
  it('brings a minimised, hidden window back and focuses it', () => {
    expect(actionsForSecondInstance({ exists: true, minimized: true, visible: false })).toEqual(['restore', 'show', 'focus']);
  });

  it('only focuses a window that is already on screen', () => {
    expect(actionsForSecondInstance({ exists: true, minimized: false, visible: true })).toEqual(['focus']);
  });

  it('does nothing before the first window exists', () => {
    expect(actionsForSecondInstance({ exists: false, minimized: false, visible: false })).toEqual([]);
  });
});
