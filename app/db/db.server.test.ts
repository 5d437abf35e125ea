import { spawn } from "node:child_process";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { db, dialect } from "./db.server";
import { databaseUrl, sqliteFilePath } from "./url.server";

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

  it("reuses a prepared statement with new arguments each time, for reads, writes and transactions", async () => {
    const ids = ["reuse-a", "reuse-b", "reuse-c"];
    for (const id of ids)
      await db.user.create({ data: { id, email: `${id}@example.org`, name: id.toUpperCase(), passwordHash: "x" } });
    // The same SQL text three times, each with its own argument, and a write between the reads.
    for (const id of ids) expect((await db.user.findUniqueOrThrow({ where: { id } })).name).toBe(id.toUpperCase());
    await db.user.update({ where: { id: "reuse-b" }, data: { name: "Changed" } });
    expect((await db.user.findUniqueOrThrow({ where: { id: "reuse-b" } })).name).toBe("Changed");
    expect((await db.user.findUniqueOrThrow({ where: { id: "reuse-a" } })).name).toBe("REUSE-A");
    // A transaction that fails is rolled back and the next one begins and commits normally.
    await expect(
      db.$transaction(async (tx) => {
        await tx.user.update({ where: { id: "reuse-c" }, data: { name: "Lost" } });
        throw new Error("stop");
      }),
    ).rejects.toThrow("stop");
    await db.$transaction((tx) => tx.user.update({ where: { id: "reuse-a" }, data: { name: "Kept" } }));
    const names = await db.user.findMany({
      where: { id: { in: ids } },
      orderBy: { id: "asc" },
      select: { name: true },
    });
    expect(names.map((u) => u.name)).toEqual(["Kept", "Changed", "REUSE-C"]);
  });

  it("waits for another process's write lock without stopping its own other work", async () => {
    await db.user.create({ data: { id: "waiter", email: "waiter@example.org", name: "before", passwordHash: "x" } });
    // Another connection (as another worker process would) holds the write lock for 300 ms.
    const other = new Database(sqliteFilePath(databaseUrl()));
    other.exec("BEGIN IMMEDIATE");
    const released = new Promise<void>((resolve) =>
      setTimeout(() => {
        other.exec("COMMIT");
        other.close();
        resolve();
      }, 300),
    );
    const started = performance.now();
    const transaction = db.$transaction((tx) => tx.user.update({ where: { id: "waiter" }, data: { name: "after" } }));
    // Meanwhile this process goes on: a timer fires on time, long before the lock is free.
    const timerAfter = await new Promise<number>((resolve) =>
      setTimeout(() => resolve(performance.now() - started), 20),
    );
    expect(timerAfter).toBeLessThan(200);
    await released;
    await transaction;
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect((await db.user.findUniqueOrThrow({ where: { id: "waiter" } })).name).toBe("after");
  });
});
