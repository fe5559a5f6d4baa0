import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServerConfig } from '../config';
import { openDatabase } from '../db/database';
import { SQLITE_FILE_NAME } from '../db/open-sqlite';
import { KEK_BYTES, KEK_FILE_NAME, parseKeyEncryptionKey } from '../keys/key-encryption-key';
import type { AdminArgs } from './admin-args';
import { EXIT_INVALID, EXIT_REFUSED, type CommandResult } from './admin-commands';
import { afterRestore } from './after-restore';
import { rotateKeyEncryptionKey, RotationRefused } from './key-rotation';
import { backupSqlite, BackupRefused } from './sqlite-backup';
import { restoreSqlite } from './sqlite-restore';

export const OPS_COMMANDS = ['backup', 'restore', 'after-restore', 'keys generate', 'keys rotate'] as const;
export type OpsCommand = (typeof OPS_COMMANDS)[number];

export function isOpsCommand(command: string): command is OpsCommand {
  return (OPS_COMMANDS as readonly string[]).includes(command);
}

const PG_BACKUP = 'PostgreSQL is backed up with pg_dump and restored with pg_restore, then `npm run admin -- after-restore`: see docs/operations.md';

/** Backups, restores and key rotation (see docs/operations.md). `env` gives HEXIAO_KEY_ENCRYPTION_KEY. */
export async function runOpsCommand(args: AdminArgs & { command: OpsCommand }, config: ServerConfig, env: Record<string, string | undefined>): Promise<CommandResult> {
  try {
    switch (args.command) {
      case 'keys generate':
        return { ok: true, lines: [randomBytes(KEK_BYTES).toString('base64url')] };
      case 'backup':
        return config.databaseUrl ? refused(PG_BACKUP) : await backup(config, args.target ?? '');
      case 'restore':
        return config.databaseUrl ? refused(PG_BACKUP) : await restore(config, args.target ?? '');
      case 'after-restore':
        return await withDb(config, async (db) => {
          const report = await afterRestore(db);
          return [`sync rebased: ${report.merchants} merchants' tills start their pull over, ${report.terminals} tills continue their push numbering`];
        });
      case 'keys rotate':
        return await rotate(config, args.options, env);
    }
  } catch (error) {
    if (error instanceof BackupRefused || error instanceof RotationRefused || error instanceof KeyFileProblem) return refused(error.message);
    throw error;
  }
}

async function backup(config: ServerConfig, target: string): Promise<CommandResult> {
  const summary = await backupSqlite(join(config.dataDir, SQLITE_FILE_NAME), target);
  return {
    ok: true,
    lines: [
      `backed up to ${summary.file} (${summary.bytes} bytes, ${summary.migrations} migrations, last ${summary.lastMigration ?? 'none'}); integrity check ok`,
      `keep the key-encryption key too (HEXIAO_KEY_ENCRYPTION_KEY or ${join(config.dataDir, KEK_FILE_NAME)}), but not beside the backup`,
    ],
  };
}

async function restore(config: ServerConfig, file: string): Promise<CommandResult> {
  const report = await restoreSqlite(file, config.dataDir);
  return {
    ok: true,
    lines: [
      `restored ${report.backup.file} into ${join(config.dataDir, SQLITE_FILE_NAME)}${report.migrated.length ? `, then applied ${report.migrated.join(', ')}` : ''}`,
      report.keptAside ? `the database that was there is kept as ${report.keptAside}` : 'there was no database there before',
      `sync rebased: ${report.sync.merchants} merchants' tills start their pull over, ${report.sync.terminals} tills continue their push numbering`,
    ],
  };
}

class KeyFileProblem extends Error {}

function readKey(file: string, option: string): Uint8Array {
  if (!existsSync(file)) throw new KeyFileProblem(`--${option}: no file at ${file}`);
  const key = parseKeyEncryptionKey(readFileSync(file, 'utf8'));
  if (!key) throw new KeyFileProblem(`--${option}: ${file} does not hold 32 bytes as base64url (43 characters) or hex (64)`);
  return key;
}

async function rotate(config: ServerConfig, options: Record<string, string>, env: Record<string, string | undefined>): Promise<CommandResult> {
  const newFile = options['new-key-file'];
  if (!newFile) return { ok: false, message: '--new-key-file is required (make one with: npm run admin -- keys generate > new.key)', exitCode: EXIT_INVALID };
  const newKek = readKey(newFile, 'new-key-file');
  const dataDirKey = join(config.dataDir, KEK_FILE_NAME);
  const fromEnv = env['HEXIAO_KEY_ENCRYPTION_KEY']?.trim();
  let oldKek: Uint8Array;
  let replaceFile = false;
  if (options['old-key-file']) oldKek = readKey(options['old-key-file'], 'old-key-file');
  else if (fromEnv) {
    const parsed = parseKeyEncryptionKey(fromEnv);
    if (!parsed) return { ok: false, message: 'HEXIAO_KEY_ENCRYPTION_KEY: must be 32 bytes as base64url (43 characters) or hex (64)', exitCode: EXIT_INVALID };
    oldKek = parsed;
  } else {
    oldKek = readKey(dataDirKey, 'old-key-file');
    replaceFile = true;
  }
  const lines = await withDb(config, async (db) => {
    const report = await rotateKeyEncryptionKey(db, oldKek, newKek);
    return [`sealed again under the new key: ${report.resealed}; already under it: ${report.alreadyNew}; plain secrets sealed now: ${report.sealedNow}`];
  });
  if (!lines.ok) return lines;
  if (replaceFile) {
    // Written beside it first, so the key file is always one whole key.
    const incoming = `${dataDirKey}.new-${process.pid}`;
    writeFileSync(incoming, Buffer.from(newKek).toString('base64url') + '\n', { mode: 0o600 });
    renameSync(incoming, dataDirKey);
    lines.lines.push(`${dataDirKey} now holds the new key; restart the server`);
  } else {
    lines.lines.push('now give every node the new key (HEXIAO_KEY_ENCRYPTION_KEY) and restart them; run this again afterwards to seal anything a node wrote with the old key meanwhile');
  }
  return lines;
}

async function withDb(config: ServerConfig, work: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<string[]>): Promise<CommandResult> {
  const db = await openDatabase(config);
  try {
    return { ok: true, lines: await work(db) };
  } finally {
    await db.close();
  }
}

function refused(message: string): CommandResult {
  return { ok: false, message, exitCode: EXIT_REFUSED };
}
