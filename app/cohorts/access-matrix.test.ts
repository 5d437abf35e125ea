// Who may open a cohort's pages and use their actions: every loader and action of the cohort page,
// its invitations page and the dashboard, export and xAPI addresses, as anonymous, a member of
// another organisation (even its owner), a learner and an instructor of the same organisation,
// a learner of the cohort, the cohort's instructor, the organisation's owner and a platform admin.
// Outsiders get 404 (anonymous: the log-in redirect), and their actions change nothing.
import { describe, expect, it, beforeAll } from "vitest";
import type { AuthUser } from "~/auth/auth.server";
import { db } from "~/db/db.server";
import * as orgRoute from "~/routes/org.$slug._index";
import * as cohortRoute from "~/routes/org.$slug.cohorts.$cohortId._index";
import * as invitationsRoute from "~/routes/org.$slug.cohorts.$cohortId.invitations";
import { person, organisationWithCohort, publishedCourse } from "./cohorts.fixture";
import { addToCohort } from "./cohorts.server";
import { createJoinLink } from "./invitations.server";

type Who =
  | "anonymous"
  | "other organisation's owner"
  | "organisation learner"
  | "organisation instructor"
  | "cohort learner"
  | "cohort instructor"
  | "owner"
  | "platform admin";
const people = {} as Record<Exclude<Who, "anonymous">, AuthUser>;
let slug = "";
let cohortId = "";
let invitationId = "";
let courseId = "";

beforeAll(async () => {
  people.owner = await person(db);
  const { organisation, cohort } = await organisationWithCohort(db, people.owner, "Matrix");
  slug = organisation.slug;
  cohortId = cohort.id;
  const ref = { id: cohort.id, organisationId: organisation.id };
  people["other organisation's owner"] = await person(db);
  await organisationWithCohort(db, people["other organisation's owner"], "Elsewhere");
  people["organisation learner"] = await person(db);
  await db.membership.create({
    data: { organisationId: organisation.id, userId: people["organisation learner"].id, role: "learner" },
  });
  people["organisation instructor"] = await person(db);
  await db.membership.create({
    data: { organisationId: organisation.id, userId: people["organisation instructor"].id, role: "instructor" },
  });
  people["cohort learner"] = await person(db);
  await addToCohort(db, ref, people["cohort learner"].id, "learner");
  people["cohort instructor"] = await person(db);
  await addToCohort(db, ref, people["cohort instructor"].id, "instructor");
  people["platform admin"] = await person(db, { admin: true });
  invitationId = (
    await createJoinLink(db, cohort.id, people.owner.id, {
      expiresAt: new Date(Date.now() + 86_400_000),
      maxUses: null,
    })
  ).id;
  courseId = (await publishedCourse(db, "Matrix course")).id;
});

const context = (who: Who) => ({
  auth: { user: who === "anonymous" ? null : people[who], session: null },
  cspNonce: "",
  clientIp: "127.0.0.1",
});

async function statusOf(run: () => Promise<unknown> | unknown): Promise<number> {
  try {
    const result = await run();
    if (result instanceof Response) return result.status;
    const init = (result as { init?: { status?: number } } | null)?.init;
    return init?.status ?? 200;
  } catch (e) {
    if (e instanceof Response) return e.status;
    throw e;
  }
}

type Fn = (args: never) => unknown;
type Page = { name: string; path: () => string; loader?: Fn; action?: Fn; forms?: () => Record<string, string>[] };

// The DASH part's pages, once they exist in this branch: found by name, whatever their parameters are called.
const dashModules = import.meta.glob<{ loader?: Fn; action?: Fn }>([
  "../routes/org.*",
  "../routes/org.*/route.{ts,tsx}",
]);
const dashRoute = (pattern: RegExp) => {
  const key = Object.keys(dashModules).find((k) => pattern.test(k));
  return key ? dashModules[key] : null;
};
const DASH = [
  { name: "dashboard", suffix: "dashboard", pattern: /cohorts\.[^.]+\.dashboard(\.|$)/ },
  // Downloads are made on a POST (each is recorded); a GET is 405 for everyone.
  { name: "CSV export", suffix: "export.csv", pattern: /cohorts\.[^.]+\.export\[?\.\]?csv/, download: true },
  { name: "xAPI statements", suffix: "xapi.json", pattern: /cohorts\.[^.]+\.xapi\[?\.\]?json/, download: true },
];

const params = () => ({ slug, cohortId, org: slug, orgSlug: slug, organisation: slug, cohort: cohortId, id: cohortId });

const pages: Page[] = [
  {
    name: "cohort page",
    path: () => `/org/${slug}/cohorts/${cohortId}`,
    loader: cohortRoute.loader,
    action: cohortRoute.action,
    forms: (): Record<string, string>[] => [
      { intent: "settings", name: "Renamed", inactivityDays: "7" },
      { intent: "courses", course: courseId },
      { intent: "add-member", email: people["organisation learner"].email, role: "instructor" },
      { intent: "remove-member", userId: people["cohort learner"].id },
    ],
  },
  {
    name: "invitations page",
    path: () => `/org/${slug}/cohorts/${cohortId}/invitations`,
    loader: invitationsRoute.loader,
    action: invitationsRoute.action,
    forms: (): Record<string, string>[] => [
      { intent: "create-link", expiresOn: "2099-01-01" },
      { intent: "revoke", invitationId },
      { intent: "email", emails: "matrix-invitee@example.org" },
      { intent: "csv-preview" },
      { intent: "csv-confirm", payload: "[]", signature: "x" },
    ],
  },
];

const outsiders: Who[] = [
  "other organisation's owner",
  "organisation learner",
  "organisation instructor",
  "cohort learner",
];
const staff: Who[] = ["cohort instructor", "owner", "platform admin"];

const post = (path: string, form: Record<string, string>) =>
  new Request(`http://localhost${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form),
  });

/** Everything an action could change, to prove a refused one changed nothing. */
const snapshot = async () => ({
  cohort: await db.cohort.findUniqueOrThrow({ where: { id: cohortId }, select: { name: true, inactivityDays: true } }),
  courses: await db.cohortCourse.count({ where: { cohortId } }),
  members: await db.cohortMember.findMany({ where: { cohortId }, orderBy: { userId: "asc" } }),
  invitations: await db.invitation.findMany({ where: { cohortId }, orderBy: { id: "asc" } }),
  outbox: await db.outboxMessage.count(),
});

describe("cohort pages answer 404 to everyone but the cohort's staff", () => {
  for (const page of pages) {
    it.each([...outsiders, "anonymous" as const])(`${page.name}, as %s`, async (who) => {
      const status = await statusOf(() =>
        (page.loader as (a: unknown) => unknown)({
          request: new Request(`http://localhost${page.path()}`),
          context: context(who),
          params: params(),
        }),
      );
      expect(status).toBe(who === "anonymous" ? 302 : 404);
    });
    it.each([...outsiders, "anonymous" as const])(`every ${page.name} action, as %s, changes nothing`, async (who) => {
      const before = await snapshot();
      for (const form of page.forms!()) {
        const status = await statusOf(() =>
          (page.action as (a: unknown) => unknown)({
            request: post(page.path(), form),
            context: context(who),
            params: params(),
          }),
        );
        expect(status, `${form.intent}`).toBe(who === "anonymous" ? 302 : 404);
      }
      expect(await snapshot()).toEqual(before);
    });
    it.each(staff)(`${page.name}, as %s`, async (who) => {
      const status = await statusOf(() =>
        (page.loader as (a: unknown) => unknown)({
          request: new Request(`http://localhost${page.path()}`),
          context: context(who),
          params: params(),
        }),
      );
      expect(status).toBe(200);
    });
  }

  it("lets only the organisation's managers change a cohort; its instructor may look but not change", async () => {
    for (const page of pages) {
      const before = await snapshot();
      for (const form of page.forms!()) {
        const status = await statusOf(() =>
          (page.action as (a: unknown) => unknown)({
            request: post(page.path(), form),
            context: context("cohort instructor"),
            params: params(),
          }),
        );
        expect(status, `${page.name} ${form.intent}`).toBe(403);
      }
      expect(await snapshot()).toEqual(before);
    }
  });

  it("a cohort that belongs to another organisation is not found through this one's address", async () => {
    const other = await organisationWithCohort(db, people.owner, "Second");
    const status = await statusOf(() =>
      cohortRoute.loader({
        request: new Request(`http://localhost/org/${slug}/cohorts/${other.cohort.id}`),
        context: context("owner"),
        params: { slug, cohortId: other.cohort.id },
      } as never),
    );
    expect(status).toBe(404);
  });

  it("the organisation page is 404 for non-members and shows members only to managers", async () => {
    const load = (who: Who) =>
      orgRoute.loader({
        request: new Request(`http://localhost/org/${slug}`),
        context: context(who),
        params: { slug },
      } as never);
    expect(await statusOf(() => load("other organisation's owner"))).toBe(404);
    expect(await statusOf(() => load("anonymous"))).toBe(302);
    const learnerView = (await load("cohort learner")) as Awaited<ReturnType<typeof orgRoute.loader>>;
    expect(learnerView.members).toEqual([]);
    expect(learnerView.cohorts.map((c) => [c.id, c.path])).toEqual([[cohortId, null]]);
    const instructorView = (await load("cohort instructor")) as Awaited<ReturnType<typeof orgRoute.loader>>;
    expect(instructorView.cohorts.map((c) => c.id)).toEqual([cohortId]);
    expect(instructorView.cohorts[0].path).toBe(`/org/${slug}/cohorts/${cohortId}`);
    const ownerView = (await load("owner")) as Awaited<ReturnType<typeof orgRoute.loader>>;
    expect(ownerView.members.length).toBeGreaterThan(3);
    const action = (who: Who) =>
      statusOf(() =>
        orgRoute.action({
          request: post(`/org/${slug}`, { intent: "create-cohort", name: "Sneaky" }),
          context: context(who),
          params: { slug },
        } as never),
      );
    expect(await action("other organisation's owner")).toBe(404);
    expect(await action("cohort learner")).toBe(403);
    expect(await action("cohort instructor")).toBe(403);
    expect(await db.cohort.count({ where: { name: "Sneaky" } })).toBe(0);
  });

  describe("the dashboard, export and xAPI addresses (when they exist)", () => {
    for (const d of DASH) {
      const load = dashRoute(d.pattern);
      it.skipIf(!load).each([...outsiders, "anonymous" as const])(`${d.name}, as %s`, async (who) => {
        const mod = await load!();
        const path = `/org/${slug}/cohorts/${cohortId}/${d.suffix}`;
        const status = await statusOf(() =>
          (mod.loader as (a: unknown) => unknown)({
            request: new Request(`http://localhost${path}`),
            context: context(who),
            params: params(),
          }),
        );
        expect(status).toBe(d.download ? 405 : who === "anonymous" ? 302 : 404);
        if (mod.action) {
          const posted = await statusOf(() =>
            (mod.action as (a: unknown) => unknown)({
              request: post(path, {}),
              context: context(who),
              params: params(),
            }),
          );
          expect(posted).toBe(who === "anonymous" ? 302 : 404);
        }
      });
      if (d.download)
        it.skipIf(!load).each(staff)(`${d.name}, as %s`, async (who) => {
          const mod = await load!();
          const path = `/org/${slug}/cohorts/${cohortId}/${d.suffix}`;
          const response = (await (mod.action as (a: unknown) => Promise<Response>)({
            request: post(path, {}),
            context: context(who),
            params: params(),
          })) as Response;
          expect(response.status).toBe(200);
          expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="/);
          await response.body?.cancel();
        });
    }
  });
});
