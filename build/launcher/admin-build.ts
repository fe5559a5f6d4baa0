import { adminIsStale, buildAdmin } from './app-build';

export interface AdminBuildDeps {
  env: Readonly<Record<string, string | undefined>>;
  isStale: () => boolean;
  build: () => Promise<void>;
  log: (line: string) => void;
  warn: (line: string) => void;
}

const defaults: AdminBuildDeps = {
  env: process.env,
  isStale: () => adminIsStale(),
  build: () => buildAdmin(),
  log: (line) => console.log(line),
  warn: (line) => console.error(line),
};

/**
 * `npm start`'s back office: built into out/admin when its sources changed, unless
 * HEXIAO_ADMIN_DIR names a copy built elsewhere. False when it could not be built (the server's
 * /admin then says so); never throws, so the POS still starts.
 */
export async function ensureAdminBuilt(deps: AdminBuildDeps = defaults): Promise<boolean> {
  if (deps.env.HEXIAO_ADMIN_DIR?.trim() || !deps.isStale()) return true;
  deps.log('Building the back office…');
  try {
    await deps.build();
    return true;
  } catch (error) {
    deps.warn(`npm start: the back office did not build, so /admin says so: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}
