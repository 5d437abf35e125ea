// Who may use which authoring route: every loader and action of the workspace, called as
// anonymous, a learner, another instructor, a co-author, the owner and an admin. Nothing is
// mocked: the routes run against the test database with the signed-in user in their context.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { AuthUser } from "~/auth/auth.server";
import { ensureCatalogue } from "~/content/catalogue.server";
import { db } from "~/db/db.server";
import * as courseRoute from "~/routes/author.$course._index";
import * as detailsRoute from "~/routes/author.$course.details";
import * as exportRoute from "~/routes/author.$course.export[.]zip";
import * as filesRoute from "~/routes/author.$course.files.$";
import * as insightsRoute from "~/routes/author.$course.insights";
import * as mediaRoute from "~/routes/author.$course.media";
import * as quizzesRoute from "~/routes/author.$course.quizzes.$";
import * as versionsRoute from "~/routes/author.$course.versions";
import * as homeRoute from "~/routes/author._index";
import * as importRoute from "~/routes/author.import";
import { newQuizFile } from "./structure";
import { addCoauthor, changeDraft, createCourse } from "./workspace.server";

type Who = "anonymous" | "learner" | "other instructor" | "co-author" | "owner" | "admin";
const people = {} as Record<Exclude<Who, "anonymous">, AuthUser>;
let slug = "";

async function person(roles: { instructor?: boolean; admin?: boolean }): Promise<AuthUser> {
  const id = randomUUID();
  const row = {
    id,
    email: `${id}@example.org`,
    name: `P ${id.slice(0, 4)}`,
    isInstructor: !!roles.instructor,
    isAdmin: !!roles.admin,
    dataSaver: false,
    language: null,
  };
  await db.user.create({ data: { ...row, passwordHash: "x" } });
  return { ...row, inOrganisation: false };
}

beforeAll(async () => {
  await ensureCatalogue();
  people.learner = await person({});
  people["other instructor"] = await person({ instructor: true });
  people["co-author"] = await person({ instructor: true });
  people.owner = await person({ instructor: true });
  people.admin = await person({ admin: true });
  slug = `perm-${randomUUID().slice(0, 8)}`;
  await createCourse(db, people.owner, { title: "Permissions", slug });
  const course = await db.course.findUniqueOrThrow({ where: { slug } });
  await addCoauthor(db, course.id, people["co-author"].email);
  await changeDraft(db, people.owner.id, course.id, (f) => ({
    ok: true,
    files: { ...f, "01-getting-started/quiz.yml": newQuizFile(false) },
  }));
});

const context = (who: Who) => ({
  auth: { user: who === "anonymous" ? null : people[who], session: null },
  cspNonce: "",
  clientIp: "127.0.0.1",
});

/** The status a route answers with: a thrown Response's status, or 200 for data. */
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

type Route = {
  name: string;
  url: () => string;
  params: () => Record<string, string>;
  loader?: (args: never) => unknown;
  action?: (args: never) => unknown;
  /** A harmless body for the action (the action must refuse before reading it, or accept it). */
  form?: () => Record<string, string>;
};

const routes: Route[] = [
  {
    name: "course",
    url: () => `/author/${slug}`,
    params: () => ({ course: slug }),
    loader: courseRoute.loader,
    action: courseRoute.action,
    form: () => ({ intent: "check" }),
  },
  {
    name: "details",
    url: () => `/author/${slug}/details`,
    params: () => ({ course: slug }),
    loader: detailsRoute.loader,
    action: detailsRoute.action,
    form: () => ({ title: "" }),
  },
  {
    name: "file",
    url: () => `/author/${slug}/files/course.md`,
    params: () => ({ course: slug, "*": "course.md" }),
    loader: filesRoute.loader,
    action: filesRoute.action,
    form: () => ({ intent: "preview", body: "", revision: "0" }),
  },
  {
    name: "quiz",
    url: () => `/author/${slug}/quizzes/01-getting-started/quiz.yml`,
    params: () => ({ course: slug, "*": "01-getting-started/quiz.yml" }),
    loader: quizzesRoute.loader,
    action: quizzesRoute.action,
    form: () => ({ intent: "add-question" }),
  },
  {
    name: "versions",
    url: () => `/author/${slug}/versions`,
    params: () => ({ course: slug }),
    loader: versionsRoute.loader,
    action: versionsRoute.action,
    form: () => ({ number: "99" }),
  },
  { name: "media", url: () => `/author/${slug}/media`, params: () => ({ course: slug }), loader: mediaRoute.loader },
  {
    name: "insights",
    url: () => `/author/${slug}/insights`,
    params: () => ({ course: slug }),
    loader: insightsRoute.loader,
  },
];

// What each person gets from a course's pages: redirect to log in, forbidden, or the page.
const expected: Record<Who, number> = {
  anonymous: 302,
  learner: 403,
  "other instructor": 403,
  "co-author": 200,
  owner: 200,
  admin: 200,
};
const who = Object.keys(expected) as Who[];

describe("every authoring route checks who is asking", () => {
  for (const route of routes) {
    it.each(who)(`${route.name} page, as %s`, async (w) => {
      const request = new Request(`http://localhost${route.url()}`);
      const status = await statusOf(() =>
        (route.loader as (a: unknown) => unknown)({ request, context: context(w), params: route.params() }),
      );
      expect(status).toBe(expected[w]);
    });
    if (route.action)
      it.each(who)(`${route.name} action, as %s`, async (w) => {
        const request = new Request(`http://localhost${route.url()}`, {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams(route.form!()),
        });
        const status = await statusOf(() =>
          (route.action as (a: unknown) => unknown)({ request, context: context(w), params: route.params() }),
        );
        if (expected[w] === 200) expect([200, 400]).toContain(status);
        else expect(status).toBe(expected[w]);
      });
  }

  it.each(who)("the course's zip download (a POST), as %s; a GET is 405 for everyone", async (w) => {
    const args = (method: "GET" | "POST") => ({
      request: new Request(`http://localhost/author/${slug}/export.zip`, {
        method,
        ...(method === "POST" ? { headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "" } : {}),
      }),
      context: context(w),
      params: { course: slug },
    });
    expect(await statusOf(() => exportRoute.action(args("POST") as never))).toBe(expected[w]);
    expect(await statusOf(() => exportRoute.loader(args("GET") as never))).toBe(405);
  });

  it.each(who)("the workspace and import pages, as %s", async (w) => {
    const get = (path: string, loader: (a: never) => unknown) =>
      statusOf(() =>
        (loader as (a: unknown) => unknown)({
          request: new Request(`http://localhost${path}`),
          context: context(w),
          params: {},
        }),
      );
    const instructorOrAdmin = w !== "anonymous" && w !== "learner";
    const want = w === "anonymous" ? 302 : instructorOrAdmin ? 200 : 403;
    expect(await get("/author", homeRoute.loader)).toBe(want);
    expect(await get("/author/import", importRoute.loader)).toBe(want);
  });

  it("lets only the owner and admins manage co-authors", async () => {
    const add = (w: Who) =>
      statusOf(() =>
        courseRoute.action({
          request: new Request(`http://localhost/author/${slug}`, {
            method: "POST",
            headers: { "Content-Type": "application/x-www-form-urlencoded" },
            body: new URLSearchParams({ intent: "add-coauthor", email: people["other instructor"].email }),
          }),
          context: context(w),
          params: { course: slug },
        } as never),
      );
    expect(await add("co-author")).toBe(403);
    expect(await add("owner")).toBe(200);
  });
});
