// Prisma's schema differ, run from Prisma 6 (installed as "prisma-differ") in its engine-free mode.
// It turns two schema files into the SQL that takes a database from one to the other.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = process.cwd();

export type Provider = "sqlite" | "postgresql";

/**
 * Runs Prisma's differ from `from` (null: an empty database) to `to`; returns the SQL script for
 * `provider` (the schemas' own provider is replaced by it).
 */
export function diff(from: string | null, to: string, provider: Provider = "sqlite"): string {
  const url = provider === "sqlite" ? "file:./differ.db" : "postgresql://differ@localhost:5432/differ";
  const work = mkdtempSync(join(tmpdir(), "prisma-differ-"));
  const forDiffer = (schema: string) =>
    schema
      .replace(
        /generator\s+client\s*\{[^}]*\}/,
        'generator client {\n  provider = "prisma-client-js"\n  engineType = "client"\n}',
      )
      .replace(/datasource\s+db\s*\{[^}]*\}/, `datasource db {\n  provider = "${provider}"\n  url = "${url}"\n}`);
  writeFileSync(join(work, "to.prisma"), forDiffer(to));
  if (from !== null) writeFileSync(join(work, "from.prisma"), forDiffer(from));
  writeFileSync(
    join(work, "prisma.config.mjs"),
    `import { defineConfig } from ${JSON.stringify(resolve(root, "node_modules/prisma-differ/config.js"))};
import { PrismaBetterSqlite3 } from ${JSON.stringify(resolve(root, "node_modules/@prisma/adapter-better-sqlite3/dist/index.mjs"))};
export default defineConfig({
  engine: "js",
  experimental: { adapter: true },
  schema: "to.prisma",
  adapter: async () => new PrismaBetterSqlite3({ url: ":memory:" }),
});
`,
  );
  const args = ["migrate", "diff", "--script", "--to-schema-datamodel", "to.prisma"];
  args.push(...(from === null ? ["--from-empty"] : ["--from-schema-datamodel", "from.prisma"]));
  return execFileSync(process.execPath, [resolve(root, "node_modules/prisma-differ/build/index.js"), ...args], {
    cwd: work,
    encoding: "utf8",
    env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
  });
}
