// Writes prisma/schema.postgres.prisma from prisma/schema.prisma, then generates both Prisma
// clients (SQLite: app/generated/prisma, PostgreSQL: app/generated/prisma-pg). Generation needs
// no schema engine, but Prisma's CLI insists on finding one, so point it at a stub that is never
// run for real.
import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { POSTGRES_SCHEMA, SQLITE_SCHEMA, writePostgresSchema } from "./lib/postgres-schema";

const stub = join(mkdtempSync(join(tmpdir(), "prisma-stub-")), "schema-engine");
writeFileSync(stub, "#!/bin/sh\nexit 1\n");
chmodSync(stub, 0o755);

if (writePostgresSchema()) console.log(`Wrote ${POSTGRES_SCHEMA} from ${SQLITE_SCHEMA}.`);

for (const schema of [SQLITE_SCHEMA, POSTGRES_SCHEMA]) {
  execFileSync(process.execPath, ["node_modules/prisma/build/index.js", "generate", "--schema", schema], {
    stdio: "inherit",
    env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: stub, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
  });
}
