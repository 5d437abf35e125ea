// Read-only access to the end-to-end test database, to check what a journey stored.
import Database from "better-sqlite3";

export function queryTestDb<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database("e2e/.data/test.db", { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}
