import type { Db } from '../../db/database';
import { GroupCommit } from './group-commit';
import { runScripts, type ScriptMaker } from './run-script';

/** Scripts submitted close together run in one transaction with one commit. */
export class ScriptBatcher {
  private readonly group: GroupCommit<ScriptMaker<unknown>, unknown>;

  constructor(db: Db, options: { maxBatch: number; maxInFlight: number }) {
    this.group = new GroupCommit((makers) => runScripts(db, makers), options);
  }

  run<T>(make: ScriptMaker<T>): Promise<T> {
    return this.group.submit(make) as Promise<T>;
  }
}
