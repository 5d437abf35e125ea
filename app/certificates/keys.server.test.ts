import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createKeyFile } from "./keys.server";

describe("the generated signing key file", () => {
  it("is created once: a second creator keeps the first key and leaves no stray files", () => {
    const dir = mkdtempSync(join(tmpdir(), "gda-keys-"));
    const file = join(dir, "keys", "certificate-signing-key.pem");
    expect(createKeyFile(file)).toBe(true);
    const first = readFileSync(file, "utf8");
    expect(first).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(createKeyFile(file)).toBe(false);
    expect(readFileSync(file, "utf8")).toBe(first);
    expect(readdirSync(join(dir, "keys"))).toEqual(["certificate-signing-key.pem"]);
  });
});
