// The invitations page's CSV import as the organisation's owner: the preview writes nothing, the
// confirmation imports exactly the previewed rows, and a changed payload, another session or an
// oversized file is refused with a reason.
import { beforeAll, describe, expect, it } from "vitest";
import type { AuthUser } from "~/auth/auth.server";
import { db } from "~/db/db.server";
import * as route from "~/routes/org.$slug.cohorts.$cohortId.invitations";
import { person, organisationWithCohort } from "./cohorts.fixture";
import { MAX_CSV_ROWS } from "./import-report";

let owner: AuthUser;
let slug = "";
let cohortId = "";
const stamp = Date.now();

beforeAll(async () => {
  owner = await person(db);
  const { organisation, cohort } = await organisationWithCohort(db, owner, "Route Org");
  slug = organisation.slug;
  cohortId = cohort.id;
});

const context = (sessionId: string) => ({
  auth: { user: owner, session: { id: sessionId, userId: owner.id, expiresAt: new Date(), fresh: false } },
  cspNonce: "",
  clientIp: "127.0.0.1",
});

type Reply = {
  message?: string;
  preview?: { payload: string; signature: string; counts: Record<string, number> };
  imported?: { added: number; invited: number };
};

async function call(body: FormData | URLSearchParams, sessionId = "session-a") {
  const request = new Request(`http://localhost/org/${slug}/cohorts/${cohortId}/invitations`, { method: "POST", body });
  const result = (await route.action({
    request,
    context: context(sessionId),
    params: { slug, cohortId },
  } as never)) as {
    data: Reply;
    init: { status?: number } | null;
  };
  return { status: result.init?.status ?? 200, ...result.data };
}

const upload = (text: string | Uint8Array<ArrayBuffer>, name = "learners.csv") => {
  const form = new FormData();
  form.set("intent", "csv-preview");
  form.set("file", new File([text], name, { type: "text/csv" }));
  return call(form);
};

describe("CSV import through the invitations page", () => {
  it("previews without writing, then imports exactly the previewed rows once", async () => {
    const csv = `name;email\nAna;ana-${stamp}@example.org\nBo;bo-${stamp}@example.org\nBad;bad\n`;
    const preview = await upload(csv);
    expect(preview.status).toBe(200);
    expect(preview.preview!.counts).toMatchObject({ invite: 2, invalid: 1 });
    expect(await db.invitation.count({ where: { cohortId } })).toBe(0);

    const { payload, signature } = preview.preview!;
    const confirm = (p: string, s: string, session?: string) =>
      call(new URLSearchParams({ intent: "csv-confirm", payload: p, signature: s }), session);

    const forged = await confirm(payload.replace(`bo-${stamp}`, `mallory-${stamp}`), signature);
    expect(forged.status).toBe(400);
    expect(forged.message).toMatch(/Upload the file again/);
    expect((await confirm(payload, signature, "session-b")).status).toBe(400);
    expect(await db.invitation.count({ where: { cohortId } })).toBe(0);

    const done = await confirm(payload, signature);
    expect(done.imported).toMatchObject({ added: 0, invited: 2 });
    const again = await confirm(payload, signature);
    expect(again.imported).toMatchObject({ added: 0, invited: 0 });
    expect(await db.invitation.count({ where: { cohortId } })).toBe(2);
  });

  it("refuses a missing file, a file that is not CSV text and one with too many rows, with a reason", async () => {
    const form = new FormData();
    form.set("intent", "csv-preview");
    expect(await call(form)).toMatchObject({ status: 400, message: expect.stringMatching(/Choose a CSV file/) });
    expect(await upload(new Uint8Array([0xff, 0xfe, 0x00, 0x41]))).toMatchObject({ status: 400 });
    const many = Array.from({ length: MAX_CSV_ROWS + 1 }, (_, i) => `n${i}@example.org`).join("\n");
    expect(await upload(many)).toMatchObject({ status: 400, message: expect.stringMatching(/at most 5,000/) });
  });
});
