import { describe, expect, it } from "vitest";
import { paths } from "./paths";

describe("paths", () => {
  it("percent-encodes an organisation's slug, which may hold any letter, so that a redirect to it is valid", () => {
    const org = { slug: "وزارة-الاتصالات-𠀀" };
    for (const path of [
      paths.organisation(org),
      paths.cohort(org, { id: "c1" }),
      paths.cohortInvitations(org, { id: "c1" }),
    ]) {
      expect(path).toMatch(/^[\x21-\x7e]+$/);
      expect(decodeURIComponent(path)).toContain(org.slug);
    }
    expect(paths.organisation({ slug: "ministry-of-ict" })).toBe("/org/ministry-of-ict");
  });
});
