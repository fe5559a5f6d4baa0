import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../support/server/cli';

export const NGINX = '/usr/sbin/nginx';

/** Fails with what to do when Debian's nginx is not installed (`.ci/run` installs it). */
export function requireNginx(): void {
  if (!existsSync(NGINX)) throw new Error(`nginx not found at ${NGINX}: install Debian's package (apt-get install nginx), as .ci/run does`);
}

/**
 * deploy/nginx/hexiao-upstream.conf with its `server` lines replaced by these ports, everything
 * else (keep-alive, fail_timeout) as an operator gets it.
 */
export function upstreamFor(ports: readonly number[]): string {
  const deployed = readFileSync(join(REPO_ROOT, 'deploy/nginx/hexiao-upstream.conf'), 'utf8');
  const first = /^\s*server 127\.0\.0\.1:\d+ (.*);$/m.exec(deployed);
  if (!first) throw new Error('deploy/nginx/hexiao-upstream.conf has no `server 127.0.0.1:PORT …;` line');
  const servers = ports.map((port) => `    server 127.0.0.1:${port} ${first[1]};`).join('\n');
  return deployed.replace(/^\s*server 127\.0\.0\.1:\d+ .*;\n/gm, '').replace('upstream hexiao_nodes {\n', `upstream hexiao_nodes {\n${servers}\n`);
}

/**
 * Real nginx in the foreground on a generated config in a temp prefix: the deploy's upstream and
 * its locations file as they are, on plain HTTP at `port` (TLS is the operator's certificate).
 */
export class NginxProcess {
  private readonly prefix = mkdtempSync(join(tmpdir(), 'hexiao-nginx-'));
  private child: ChildProcess | undefined;
  private exited: Promise<void> | undefined;
  private stderr = '';

  /** `site`, when given, is what goes in `http { }` instead of the deploy's upstream and a plain server (it gets the temp prefix). */
  constructor(
    readonly port: number,
    private readonly nodePorts: readonly number[],
    private readonly site?: (prefix: string) => string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    requireNginx();
    for (const dir of ['logs', 'temp']) mkdirSync(join(this.prefix, dir), { recursive: true });
    const conf = join(this.prefix, 'nginx.conf');
    writeFileSync(conf, this.config());
    const child = spawn(NGINX, ['-p', this.prefix, '-c', conf, '-e', join(this.prefix, 'logs/error.log')], { stdio: ['ignore', 'ignore', 'pipe'] });
    this.child = child;
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (this.stderr += chunk));
    this.exited = new Promise((done) => child.once('exit', () => done()));
    for (let i = 0; i < 200; i++) {
      if (child.exitCode !== null) break;
      if (await accepts(this.port)) return;
      await new Promise((done) => setTimeout(done, 25));
    }
    throw new Error(`nginx did not start:\n${this.stderr}\n${this.errorLog()}`);
  }

  errorLog(): string {
    const path = join(this.prefix, 'logs/error.log');
    return existsSync(path) ? readFileSync(path, 'utf8') : '';
  }

  async stop(): Promise<void> {
    if (this.child && this.child.exitCode === null) {
      this.child.kill('SIGQUIT');
      await this.exited;
    }
    rmSync(this.prefix, { recursive: true, force: true });
  }

  private config(): string {
    const temp = join(this.prefix, 'temp');
    // Under root the workers would run as nobody and could not use the temp prefix.
    const user = process.getuid?.() === 0 ? `user ${userInfo().username};` : '';
    return `${user}
daemon off;
worker_processes 1;
pid ${join(this.prefix, 'nginx.pid')};
error_log ${join(this.prefix, 'logs/error.log')} warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${temp}/body;
  proxy_temp_path ${temp}/proxy;
  fastcgi_temp_path ${temp}/fastcgi;
  uwsgi_temp_path ${temp}/uwsgi;
  scgi_temp_path ${temp}/scgi;
${this.site ? this.site(this.prefix) : this.plainSite()}
}
`;
  }

  private plainSite(): string {
    return `${upstreamFor(this.nodePorts)}
  server {
    listen 127.0.0.1:${this.port};
    include ${join(REPO_ROOT, 'deploy/nginx/hexiao-locations.conf')};
  }`;
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
