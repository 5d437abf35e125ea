import { describe, expect, it } from "vitest";
import { createWorkLimiter, hashPassword, PasswordWorkBusyError, verifyPassword } from "./password.server";

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe("createWorkLimiter", () => {
  it("runs at most `concurrency` at once, queues up to `maxQueue`, and refuses the rest at once", async () => {
    const run = createWorkLimiter(2, 3);
    let active = 0;
    let peak = 0;
    const gates = Array.from({ length: 5 }, deferred);
    const jobs = gates.map((g, i) =>
      run(async () => {
        active++;
        peak = Math.max(peak, active);
        await g.promise;
        active--;
        return i;
      }),
    );
    await expect(run(async () => "too many")).rejects.toBeInstanceOf(PasswordWorkBusyError);
    await new Promise((r) => setTimeout(r, 10));
    expect(active).toBe(2);
    gates.forEach((g) => g.resolve());
    expect(await Promise.all(jobs)).toEqual([0, 1, 2, 3, 4]);
    expect(peak).toBe(2);
    // All slots are free again.
    expect(await Promise.all([run(async () => 1), run(async () => 2)])).toEqual([1, 2]);
  });

  it("frees the slot when the work fails", async () => {
    const run = createWorkLimiter(1, 0);
    await expect(run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await run(async () => "ok")).toBe("ok");
  });

  it("the busy error carries a retry delay", () => {
    expect(new PasswordWorkBusyError().retryAfterSeconds).toBeGreaterThan(0);
  });
});

describe("hashPassword / verifyPassword", () => {
  it("round-trips and rejects a wrong password or a broken hash", async () => {
    const h = await hashPassword("a long test password");
    expect(h).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(h, "a long test password")).toBe(true);
    expect(await verifyPassword(h, "wrong")).toBe(false);
    expect(await verifyPassword("not a hash", "x")).toBe(false);
  });

  it("a flood of parallel hashes is partly refused fast rather than all queued", async () => {
    const results = await Promise.allSettled(Array.from({ length: 200 }, () => hashPassword("p")));
    const refused = results.filter((r) => r.status === "rejected");
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((r) => (r as PromiseRejectedResult).reason instanceof PasswordWorkBusyError)).toBe(true);
    expect(results.some((r) => r.status === "fulfilled")).toBe(true);
  });
});
