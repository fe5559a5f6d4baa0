import type { Db } from '../../db/database';
import { GroupCommit } from './group-commit';
import { runScripts, type BatchOutcome, type ScriptMaker } from './run-script';
import type { SqlScript } from './sql-script';

type Item =
  | { make: ScriptMaker<unknown> }
  | { key: string; job: unknown; makeBatch: (jobs: unknown[]) => SqlScript<unknown[]> };

/**
 * Scripts submitted close together run in one transaction with one commit. Grouped jobs with the
 * same key (reservations of one campaign) become one script over all of them.
 */
export class ScriptBatcher {
  private readonly group: GroupCommit<Item, unknown>;

  constructor(
    private readonly db: Db,
    options: { maxBatch: number; maxInFlight: number },
  ) {
    this.group = new GroupCommit((items) => this.runItems(items), options);
  }

  run<T>(make: ScriptMaker<T>): Promise<T> {
    return this.group.submit({ make }) as Promise<T>;
  }

  /** `makeBatch` gets every job of `key` in this batch and answers one result per job, in order. */
  runGrouped<J, R>(key: string, job: J, makeBatch: (jobs: J[]) => SqlScript<R[]>): Promise<R> {
    return this.group.submit({ key, job, makeBatch: makeBatch as (jobs: unknown[]) => SqlScript<unknown[]> }) as Promise<R>;
  }

  private async runItems(items: Item[]): Promise<BatchOutcome<unknown>[]> {
    const makers: ScriptMaker<unknown>[] = [];
    const place: { maker: number; position: number | null }[] = [];
    const groups = new Map<string, { maker: number; jobs: unknown[] }>();
    for (const item of items) {
      if ('make' in item) {
        place.push({ maker: makers.push(item.make) - 1, position: null });
        continue;
      }
      let group = groups.get(item.key);
      if (!group) {
        const jobs: unknown[] = [];
        group = { maker: makers.push(() => item.makeBatch(jobs)) - 1, jobs };
        groups.set(item.key, group);
      }
      place.push({ maker: group.maker, position: group.jobs.push(item.job) - 1 });
    }
    const outcomes = await runScripts(this.db, makers);
    return place.map(({ maker, position }) => {
      const outcome = outcomes[maker]!;
      if (!outcome.ok || position === null) return outcome;
      return { ok: true, value: (outcome.value as unknown[])[position] };
    });
  }
}
