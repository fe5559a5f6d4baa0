import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { BenchGroup, Figure } from './figures';
import { groups } from './groups';

const { values } = parseArgs({
  options: { json: { type: 'string' }, only: { type: 'string' } },
  allowPositionals: false,
});

const selected: BenchGroup[] = values.only
  ? groups.filter((g) => g.name === values.only)
  : groups;
if (values.only && selected.length === 0) {
  console.error(`unknown bench group "${values.only}"; groups: ${groups.map((g) => g.name).join(', ')}`);
  process.exit(2);
}

const pgUrl = process.env.TEST_PG_URL ?? process.env.DATABASE_URL;
const all: Figure[] = [];
for (const group of selected) {
  console.log(`\n== ${group.name}`);
  const figures = await group.run({ pgUrl, log: (line) => console.log(`   ${line}`) });
  for (const f of figures) console.log(`${f.name.padEnd(34)} ${String(f.value).padStart(12)} ${f.unit}`);
  all.push(...figures);
}
if (values.json) {
  writeFileSync(values.json, JSON.stringify(all, null, 2) + '\n');
  console.log(`\nwrote ${all.length} figures to ${values.json}`);
}
