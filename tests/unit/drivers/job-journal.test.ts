import { appendFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JobJournal, type StoredJob } from '../../../drivers/queue/job-journal';
import { tempDir } from '../../hardware/support/queue-helpers';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function job(id: string, state: StoredJob['state'] = 'queued'): StoredJob {
  return { id, printerId: 'p', label: id, createdAt: '2026-11-25T00:00:00Z', bytesBase64: 'G0A=', reprintOf: null, state, attempts: 0, finishedAt: null, lastError: null };
}

describe('JobJournal', () => {
  it('replays jobs and their states after a restart, retrying one cut off mid-print', () => {
    const dir = tempDir('journal');
    dirs.push(dir);
    const first = new JobJournal(dir, 'front desk');
    first.add(job('a'));
    first.add(job('b'));
    first.update('a', { state: 'sent', finishedAt: '2026-11-25T00:00:01Z', attempts: 1 });
    first.update('b', { state: 'printing', attempts: 1 });
    first.close();
    const second = new JobJournal(dir, 'front desk');
    expect(second.all().map((j) => [j.id, j.state, j.attempts])).toEqual([
      ['a', 'sent', 1],
      ['b', 'waiting', 1],
    ]);
    second.close();
    expect(readdirSync(dir)).toEqual(['print-jobs-front_desk.jsonl']);
  });

  it('ignores a line torn by a crash and keeps only the newest finished jobs', () => {
    const dir = tempDir('journal-torn');
    dirs.push(dir);
    const first = new JobJournal(dir, 'p');
    for (const id of ['a', 'b', 'c']) {
      first.add(job(id));
      first.update(id, { state: 'sent', finishedAt: '2026-11-25T00:00:01Z' });
    }
    first.add(job('d'));
    first.close();
    appendFileSync(join(dir, 'print-jobs-p.jsonl'), '{"t":"state","id":"d","pat');
    const second = new JobJournal(dir, 'p', 2);
    expect(second.all().map((j) => [j.id, j.state])).toEqual([
      ['b', 'sent'],
      ['c', 'sent'],
      ['d', 'queued'],
    ]);
    second.close();
  });
});
