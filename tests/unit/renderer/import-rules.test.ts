import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The POS's import rules (eslint.config.js, docs/architecture.md) fail on scratch files written
// inside renderer/sync/: the rules must still be on, and still see .ts files resolved without extension.
const root = join(import.meta.dirname, '../../..');
const scratch = join(root, `renderer/sync/scratch-${process.pid}`);
let results: ESLint.LintResult[] = [];

function rulesBroken(file: string): string[] {
  return (results.find((r) => r.filePath === join(scratch, file))?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

beforeAll(async () => {
  await mkdir(scratch, { recursive: true });
  await writeFile(join(scratch, 'one.ts'), "import { two } from './two';\n\nexport const one = (): number => two() + 1;\n");
  await writeFile(join(scratch, 'two.ts'), "import { one } from './one';\n\nexport const two = (): number => one() - 1;\n");
  await writeFile(join(scratch, 'three.ts'), "import Four from './Four.vue';\n\nexport const three = Four;\n");
  await writeFile(join(scratch, 'Four.vue'), '<script setup lang="ts">\nimport { three } from \'./three\';\n\nconst shown = three as unknown;\nconsole.log(shown);\n</script>\n\n<template><p></p></template>\n');
  await writeFile(join(scratch, 'up.ts'), "import { managerPinGate } from '../../staff/pin-gate';\n\nexport const gate = managerPinGate;\n");
  await writeFile(join(scratch, 'fine.ts'), "import { readMeta } from '../../db/sync-meta';\n\nexport const read = readMeta;\n");
  results = await new ESLint({ cwd: root }).lintFiles([join(scratch, '*.ts')]);
}, 120_000);

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('the POS import rules in npm run lint', () => {
  it('refuses an import cycle', () => {
    expect(rulesBroken('one.ts')).toContain('import-x/no-cycle');
    expect(rulesBroken('two.ts')).toContain('import-x/no-cycle');
  });

  it('follows imports through Vue components', () => {
    expect(rulesBroken('three.ts')).toContain('import-x/no-cycle');
  });

  it('refuses an arrow back up: the sync engine importing a feature', () => {
    expect(rulesBroken('up.ts')).toEqual(['import-x/no-restricted-paths']);
  });

  it('lets the sync engine import the ground', () => {
    expect(rulesBroken('fine.ts')).toEqual([]);
  });
});
