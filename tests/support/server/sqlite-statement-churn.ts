// Run as a child process by tests/integration/server/sqlite-driver.test.ts: prepares thousands of
// statements it drops at once, then allocates until the garbage collector has finalized them.
// Prints the better-sqlite3 build it loaded; a build that cannot be collected safely aborts here.
import { SQLITE_BUILD, SqliteDatabase } from '../../../server/db/sqlite-driver';

const db = new SqliteDatabase(':memory:');
db.exec('create table t (a integer)');
for (let i = 0; i < 5000; i++) db.prepare('insert into t values (?)').run(i);
let garbage: { i: number }[] = [];
for (let round = 0; round < 4; round++) {
  garbage = [];
  for (let i = 0; i < 500_000; i++) garbage.push({ i });
}
const { n } = db.prepare('select count(*) as n from t').get() as { n: number };
db.close();
console.log(JSON.stringify({ build: SQLITE_BUILD, rows: n, kept: garbage.length }));
