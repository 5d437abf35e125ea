// A throwaway PostgreSQL 15 server in a temporary folder, for tests: `const { url, stop } = await
// startPostgres()`. It trusts local connections (user "app", no password), keeps nothing durable
// (fsync off) and is removed with its folder by `stop()`.
//
// PostgreSQL refuses to run as root: as root, its programs run as the `postgres` user.
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const POSTGRES_BIN = process.env.POSTGRES_BIN ?? "/usr/lib/postgresql/15/bin";

export type Postgres = {
  /** `postgres://app@127.0.0.1:<port>/postgres` */
  url: string;
  port: number;
  /** The URL of another database on the same server. */
  databaseUrl(name: string): string;
  stop(): void;
};

/** Why PostgreSQL cannot be started here, or null when it can. */
export function postgresMissing(): string | null {
  return existsSync(join(POSTGRES_BIN, "pg_ctl"))
    ? null
    : `PostgreSQL's programs are not in ${POSTGRES_BIN} (Debian: apt-get install -y postgresql; or set POSTGRES_BIN)`;
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolvePort(address.port) : reject()));
    });
  });
}

const asRoot = typeof process.getuid === "function" && process.getuid() === 0;

/** Runs one of PostgreSQL's programs, as the `postgres` user when we are root. */
function run(program: string, args: string[]) {
  const command = join(POSTGRES_BIN, program);
  const result = asRoot
    ? spawnSync("runuser", ["-u", "postgres", "--", command, ...args], { encoding: "utf8" })
    : spawnSync(command, args, { encoding: "utf8" });
  if (result.status !== 0) {
    throw new Error(`${program} failed (${result.status}): ${result.stderr || result.stdout || result.error}`);
  }
  return result.stdout;
}

export async function startPostgres({ port }: { port?: number } = {}): Promise<Postgres> {
  const missing = postgresMissing();
  if (missing) throw new Error(missing);
  const dir = mkdtempSync(join(tmpdir(), "gda-postgres-"));
  const data = join(dir, "data");
  if (asRoot) chownSync(dir, uidOf("postgres"), 0);
  chmodSync(dir, 0o700);
  const listen = port ?? (await freePort());
  try {
    run("initdb", ["-D", data, "-A", "trust", "-U", "app", "-E", "UTF8", "--locale=C", "--no-sync"]);
    const options = [
      `-p ${listen}`,
      `-k ${dir}`,
      "-c listen_addresses=127.0.0.1",
      "-c fsync=off",
      "-c synchronous_commit=off",
      "-c full_page_writes=off",
      "-c max_connections=200",
    ].join(" ");
    run("pg_ctl", ["-D", data, "-o", options, "-l", join(dir, "log"), "-w", "-t", "60", "start"]);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  let stopped = false;
  const databaseUrl = (name: string) => `postgres://app@127.0.0.1:${listen}/${name}`;
  return {
    url: databaseUrl("postgres"),
    port: listen,
    databaseUrl,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

function uidOf(user: string): number {
  return Number(execFileSync("id", ["-u", user], { encoding: "utf8" }).trim());
}
