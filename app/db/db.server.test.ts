import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { db, dialect } from "./db.server";

function writer(times: number) {
  return new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "app/db/concurrent-writer.fixture.ts", String(times)], {
      env: process.env,
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.on("exit", (code) => resolve({ code, stderr }));
  });
}

// PostgreSQL has its own locking; this is about several processes sharing one SQLite file.
describe.skipIf(dialect === "postgresql")("the database client on SQLite", () => {
  it("lets transactions of several processes on one SQLite file wait for each other: none fails, no update is lost", async () => {
    await db.user.create({ data: { id: "counter", email: "counter@example.org", name: "0", passwordHash: "x" } });
    const results = await Promise.all([writer(30), writer(30), writer(30)]);
    for (const r of results) expect(r).toEqual({ code: 0, stderr: "" });
    expect((await db.user.findUniqueOrThrow({ where: { id: "counter" } })).name).toBe("90");
  });
});
