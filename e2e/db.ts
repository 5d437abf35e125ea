// Access to the end-to-end test database, to check what a journey stored (and, in cohort-db.ts,
// to set up what the pages under test read). Synchronous, so that tests read like the SQL they run.
//
// SQLite: the file, through better-sqlite3. PostgreSQL (TEST_DATABASE=postgres): each statement
// runs through psql. The statements are written for SQLite (unquoted mixed-case names, `?`
// placeholders) and adapted here: mixed-case names are quoted, placeholders become psql variables
// (quoted by psql), and results come back as SQLite gives them (booleans as 1/0, counts as numbers).
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import Database from "better-sqlite3";
import { POSTGRES_BIN } from "../scripts/lib/postgres";
import { E2E_DATABASE_URL, E2E_POSTGRES, E2E_SQLITE_FILE } from "./support/database";

type Param = string | number | null;

/** A statement written for SQLite, in PostgreSQL's terms (see above). */
export function toPostgres(sql: string): string {
  let n = 0;
  return sql.replace(/"[^"]*"|'(?:[^']|'')*'|\?|\b[A-Za-z_][A-Za-z0-9_]*\b/g, (token) => {
    if (token === "?") return `:'p${++n}'`;
    if (/^[A-Za-z_]/.test(token) && /[a-z]/.test(token) && /[A-Z]/.test(token)) return `"${token}"`;
    return token;
  });
}

const sqlValue = (v: unknown): unknown => (typeof v === "boolean" ? (v ? 1 : 0) : v);

function psql<T>(sql: string, params: Param[], returnsRows: boolean): T[] {
  const statement = toPostgres(sql).trim().replace(/;$/, "");
  const script = returnsRows ? `SELECT coalesce(json_agg(t), '[]'::json) FROM (${statement}) t;` : `${statement};`;
  if (params.includes(null)) throw new Error("queryTestDb: NULL parameters are not supported on PostgreSQL");
  const vars = params.flatMap((p, i) => ["-v", `p${i + 1}=${String(p)}`]);
  const out = execFileSync(
    join(POSTGRES_BIN, "psql"),
    ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", ...vars, "-d", E2E_DATABASE_URL],
    { input: script, encoding: "utf8" },
  );
  if (!returnsRows) return [];
  const rows = JSON.parse(out.trim() || "[]") as Record<string, unknown>[];
  return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, sqlValue(v)]))) as T[];
}

export function queryTestDb<T>(sql: string, ...params: Param[]): T[] {
  if (E2E_POSTGRES) return psql<T>(sql, params, true);
  const db = new Database(E2E_SQLITE_FILE, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** Runs a statement that returns no rows (INSERT, UPDATE). */
export function executeTestDb(sql: string, ...params: Param[]): void {
  if (E2E_POSTGRES) {
    psql(sql, params, false);
    return;
  }
  const db = new Database(E2E_SQLITE_FILE, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    db.prepare(sql).run(...params);
  } finally {
    db.close();
  }
}
