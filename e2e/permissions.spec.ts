// Who may open what: every route of app/routes, asked with GET and with POST by every kind of
// person, against the production server. The table below gives the expected status for each;
// a route file without an entry fails the first test, by name. The data (people, a course with
// its owner and co-author, an organisation with a cohort, a certificate and a quiz attempt) is
// created once, through the app where it can be and in the database where the app has no form.
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { createCohort, createOrganisation } from "./cohort-db";
import { executeTestDb, queryTestDb } from "./db";
import { readQuiz } from "./quiz";
import { routeFiles } from "./support/routes";

const COURSE = "green-digital-action-essentials";
const ADMIN = { email: "admin@example.org", password: "admin-demo-2026" };
const PASSWORD = "a long test password";
const RUN = `${Date.now().toString(36)}${process.pid}`;

const ROLES = [
  "anonymous",
  "learner",
  "other learner",
  "instructor",
  "co-author",
  "course owner",
  "other organisation's admin",
  "organisation owner",
  "platform admin",
] as const;
type Role = (typeof ROLES)[number];

/** What the table's URLs are built from. */
type Data = {
  authored: string;
  lessonFile: string;
  quizFile: string;
  lesson: string;
  quiz: string;
  attempt: string;
  certificate: string;
  org: string;
  cohort: string;
};

/**
 * An expected status: one for everyone, or per role with `others` for the rest. 302 is any
 * redirect (302 or 303, the app uses both); `login` is a redirect to the log-in page.
 */
type Expected = number | "login" | ({ others: number | "login" } & Partial<Record<Role, number | "login">>);
type Entry = { url: (d: Data) => string; get: Expected; post: Expected };

const signedIn = (others: number | "login", more: Partial<Record<Role, number | "login">> = {}): Expected => ({
  others,
  anonymous: "login",
  ...more,
});
/** Pages for everyone, with no action: a POST is 405 (for anyone: there is nothing to check access for). */
const publicPage: Omit<Entry, "url"> = { get: 200, post: 405 };
const authors = { "co-author": 200, "course owner": 200, "platform admin": 200 } as const;
/** A course's authoring page: 403 for other instructors, 403 for people without the role. */
const authoringGet = signedIn(403, authors);
/** Its actions, with an empty form: the authors get 400 (nothing to do), the others what the page gives them. */
const authoringPost = signedIn(403, { "co-author": 400, "course owner": 400, "platform admin": 400 });
const cohortGet = signedIn(404, { "organisation owner": 200, "platform admin": 200 });

/** Every route file, by its name in app/routes without extension (the list e2e/support/routes.ts reads). */
const TABLE: Record<string, Entry> = {
  $: { url: () => "/no-such-page-here", get: 404, post: 404 },
  "[.well-known].jwks[.]json": { url: () => "/.well-known/jwks.json", ...publicPage },
  _index: { url: () => "/", ...publicPage },
  account: { url: () => "/account", get: signedIn(200), post: signedIn(400) },
  "account.data[.]json": { url: () => "/account/data.json", get: 405, post: signedIn(200) },
  "admin.audit": { url: () => "/admin/audit", get: signedIn(403, { "platform admin": 200 }), post: 405 },
  "admin.certificates": {
    url: () => "/admin/certificates",
    get: signedIn(403, { "platform admin": 200 }),
    post: signedIn(403, { "platform admin": 400 }),
  },
  "admin.users": {
    url: () => "/admin/users",
    get: signedIn(403, { "platform admin": 200 }),
    post: signedIn(403, { "platform admin": 400 }),
  },
  "api.offline-completions": {
    url: () => "/api/offline-completions",
    get: 405,
    // Signed in: an empty form is not the JSON it reads.
    post: { others: 415, anonymous: 401 },
  },
  "api.verify.$id": { url: (d) => `/api/verify/${d.certificate}`, ...publicPage },
  "author.$course._index": { url: (d) => `/author/${d.authored}`, get: authoringGet, post: authoringPost },
  "author.$course.details": {
    url: (d) => `/author/${d.authored}/details`,
    get: authoringGet,
    post: authoringPost,
  },
  "author.$course.export[.]zip": {
    url: (d) => `/author/${d.authored}/export.zip`,
    get: 405,
    post: authoringGet,
  },
  "author.$course.files.$": {
    url: (d) => `/author/${d.authored}/files/${d.lessonFile}`,
    get: authoringGet,
    post: authoringPost,
  },
  "author.$course.insights": {
    url: (d) => `/author/${d.authored}/insights`,
    get: authoringGet,
    post: 405,
  },
  "author.$course.media": {
    url: (d) => `/author/${d.authored}/media`,
    get: authoringGet,
    // An upload form: its authors get 415 for a body that is not multipart.
    post: signedIn(403, { "co-author": 415, "course owner": 415, "platform admin": 415 }),
  },
  "author.$course.quizzes.$": {
    url: (d) => `/author/${d.authored}/quizzes/${d.quizFile}`,
    get: authoringGet,
    post: authoringPost,
  },
  "author.$course.versions": {
    url: (d) => `/author/${d.authored}/versions`,
    get: authoringGet,
    post: authoringPost,
  },
  "author._index": {
    url: () => "/author",
    get: signedIn(403, { instructor: 200, ...authors }),
    post: signedIn(403, { instructor: 400, "co-author": 400, "course owner": 400, "platform admin": 400 }),
  },
  "author.import": {
    url: () => "/author/import",
    get: signedIn(403, { instructor: 200, ...authors }),
    // An upload form (multipart only).
    post: signedIn(403, { instructor: 415, "co-author": 415, "course owner": 415, "platform admin": 415 }),
  },
  "certificates.$id": {
    url: (d) => `/certificates/${d.certificate}`,
    get: signedIn(404, { learner: 200 }),
    post: 405,
  },
  "certificates.$id[.]pdf": {
    url: (d) => `/certificates/${d.certificate}.pdf`,
    get: signedIn(404, { learner: 200, "platform admin": 200 }),
    post: 405,
  },
  "courses.$course.$module.$lesson": {
    url: (d) => d.lesson,
    // Not the open first lesson: enrolled learners only, the others are sent to enrol.
    get: signedIn(302, { learner: 200, "other learner": 200 }),
    post: signedIn(302),
  },
  "courses.$course._index": { url: () => `/courses/${COURSE}`, get: 200, post: signedIn(302) },
  "courses.$course.glossary": { url: () => `/courses/${COURSE}/glossary`, ...publicPage },
  "courses.$course.quiz.$quiz": {
    url: (d) => d.quiz,
    get: signedIn(302, { learner: 200, "other learner": 200 }),
    // By then everyone signed in has enrolled (the course page's POST comes first): no attempt named, 400.
    post: signedIn(400),
  },
  "courses.$course.quiz.$quiz_.attempts.$attempt": {
    url: (d) => d.attempt,
    get: signedIn(302, { learner: 200, "other learner": 404 }),
    post: 405,
  },
  "courses._index": { url: () => "/courses", ...publicPage },
  "credentials.status.revocation": { url: () => "/credentials/status/revocation", ...publicPage },
  // Actions only: their loaders send a visitor home.
  "data-saver": { url: () => "/data-saver", get: 302, post: 302 },
  "dev.mail": { url: () => "/dev/mail", get: 404, post: 405 },
  footprint: { url: () => "/footprint", ...publicPage },
  privacy: { url: () => "/privacy", ...publicPage },
  "forgot-password": { url: () => "/forgot-password", get: 200, post: 400 },
  issuer: { url: () => "/issuer", ...publicPage },
  "join.$token": { url: () => "/join/no-such-token", get: 404, post: signedIn(404) },
  language: { url: () => "/language", get: 302, post: 400 },
  learn: { url: () => "/learn", get: signedIn(200), post: 405 },
  login: { url: () => "/login", get: { others: 302, anonymous: 200 }, post: { others: 302, anonymous: 400 } },
  logout: { url: () => "/logout", get: 302, post: 302 },
  "media.$hash.$file": { url: () => `/media/${"0".repeat(64)}/640.webp`, get: 404, post: 405 },
  "org.$slug._index": {
    url: (d) => `/org/${d.org}`,
    get: signedIn(404, { "organisation owner": 200, "platform admin": 200 }),
    post: signedIn(404, { "organisation owner": 400, "platform admin": 400 }),
  },
  "org.$slug.audit": {
    url: (d) => `/org/${d.org}/audit`,
    get: signedIn(404, { "organisation owner": 200, "platform admin": 200 }),
    post: 405,
  },
  "org.$slug.cohorts.$cohortId._index": {
    url: (d) => `/org/${d.org}/cohorts/${d.cohort}`,
    get: cohortGet,
    post: signedIn(404, { "organisation owner": 400, "platform admin": 400 }),
  },
  "org.$slug.cohorts.$cohortId.dashboard": {
    url: (d) => `/org/${d.org}/cohorts/${d.cohort}/dashboard`,
    get: cohortGet,
    post: 405,
  },
  "org.$slug.cohorts.$cohortId.export[.]csv": {
    url: (d) => `/org/${d.org}/cohorts/${d.cohort}/export.csv`,
    get: 405,
    post: cohortGet,
  },
  "org.$slug.cohorts.$cohortId.invitations": {
    url: (d) => `/org/${d.org}/cohorts/${d.cohort}/invitations`,
    get: cohortGet,
    post: signedIn(404, { "organisation owner": 400, "platform admin": 400 }),
  },
  "org.$slug.cohorts.$cohortId.xapi[.]json": {
    url: (d) => `/org/${d.org}/cohorts/${d.cohort}/xapi.json`,
    get: 405,
    post: cohortGet,
  },
  "org._index": { url: () => "/org", get: signedIn(200), post: signedIn(400) },
  "reset-password.$token": { url: () => "/reset-password/no-such-token", get: 404, post: 400 },
  search: { url: () => "/search?q=energy", ...publicPage },
  signup: { url: () => "/signup", get: { others: 302, anonymous: 200 }, post: { others: 302, anonymous: 400 } },
  "verify-email.$token": { url: () => "/verify-email/no-such-token", get: 404, post: 404 },
  "verify.$id.credential[.]jwt": { url: (d) => `/verify/${d.certificate}/credential.jwt`, ...publicPage },
  "verify.$id": { url: (d) => `/verify/${d.certificate}`, ...publicPage },
  "verify._index": { url: () => "/verify", ...publicPage },
};

test("every route file has an entry in the permission table", () => {
  const missing = routeFiles().filter((f) => !(f in TABLE));
  expect(missing, "route files without an entry in e2e/permissions.spec.ts").toEqual([]);
  const stale = Object.keys(TABLE).filter((f) => !routeFiles().includes(f));
  expect(stale, "entries for route files that no longer exist").toEqual([]);
});

async function signUp(ctx: APIRequestContext, origin: string, prefix: string) {
  const email = `perm-${prefix}-${RUN}@example.org`;
  const response = await ctx.post("/signup", {
    form: { name: `Permission ${prefix}`, email, password: PASSWORD },
    headers: { Origin: origin },
    maxRedirects: 0,
  });
  expect(response.status(), `sign up ${prefix}`).toBe(302);
  return email;
}

const sameOrigin = (origin: string) => ({ headers: { Origin: origin }, maxRedirects: 0 });

/** Takes the whole course by HTTP requests: every lesson marked complete, every quiz answered rightly. */
async function takeCourse(ctx: APIRequestContext, origin: string, email: string) {
  const lessons: string[] = [];
  let location = (await ctx.post(`/courses/${COURSE}`, { form: {}, ...sameOrigin(origin) })).headers().location;
  for (let step = 0; step < 100 && location; step++) {
    const quiz = /\/quiz\/([^/]+)$/.exec(location);
    if (!quiz) {
      lessons.push(location);
      location = (await ctx.post(location, { form: {}, ...sameOrigin(origin) })).headers().location;
      continue;
    }
    expect((await ctx.post(location, { form: { intent: "start" }, ...sameOrigin(origin) })).status()).toBe(302);
    const [open] = queryTestDb<{ id: string }>(
      "SELECT a.id FROM QuizAttempt a JOIN User u ON u.id = a.userId WHERE u.email = ? AND a.submittedAt IS NULL",
      email,
    );
    const params = new URLSearchParams({ attempt: open!.id });
    for (const q of readQuiz(COURSE, quiz[1]!).questions) {
      if (q.type === "truefalse") params.append(`q-${q.id}`, String(q.answer));
      else for (const o of q.options!.filter((o) => o.correct)) params.append(`q-${q.id}`, o.id);
    }
    const submitted = await ctx.post(location, {
      data: params.toString(),
      headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded" },
      maxRedirects: 0,
    });
    expect(submitted.status(), `submit ${quiz[1]}`).toBe(302);
    if (quiz[1] === "final") return { result: submitted.headers().location!, lessons };
    // The course page sends an enrolled learner on to where they left off; back to a lesson
    // already done means every module is done, and the final assessment is next.
    location = (await ctx.post(`/courses/${COURSE}`, { form: {}, ...sameOrigin(origin) })).headers().location;
    if (location && lessons.includes(location)) location = `/courses/${COURSE}/quiz/final`;
  }
  throw new Error("The course did not end with its final assessment.");
}

function matches(expected: number | "login", response: APIResponse) {
  const status = response.status();
  if (expected === "login")
    return (status === 302 || status === 303) && /^\/login\b/.test(response.headers().location ?? "");
  if (expected === 302) return status === 302 || status === 303;
  return status === expected;
}

const expectedFor = (e: Expected, role: Role) => (typeof e === "object" ? (e[role] ?? e.others) : e);

test("every route answers each kind of person as the access rules say", async ({ playwright, baseURL }) => {
  test.setTimeout(180_000);
  const origin = baseURL!;
  const contexts = {} as Record<Role, APIRequestContext>;
  for (const role of ROLES) contexts[role] = await playwright.request.newContext({ baseURL: origin });

  // People.
  const emails = {} as Record<Role, string>;
  for (const role of ROLES) {
    if (role === "anonymous") continue;
    if (role === "platform admin") {
      const r = await contexts[role].post("/login", { form: ADMIN, ...sameOrigin(origin) });
      expect(r.status()).toBe(302);
      emails[role] = ADMIN.email;
      continue;
    }
    emails[role] = await signUp(contexts[role], origin, role.replace(/\W+/g, "-"));
  }
  for (const role of ["instructor", "co-author", "course owner"] as const)
    executeTestDb("UPDATE User SET isInstructor = true WHERE email = ?", emails[role]);

  // A course in the authoring workspace, with its owner and a co-author, a lesson and a quiz file.
  const authored = `perm-${RUN}`;
  const owner = contexts["course owner"];
  const created = await owner.post("/author", {
    form: { title: "Permission matrix course", slug: authored },
    ...sameOrigin(origin),
  });
  expect(created.status()).toBe(302);
  const coauthor = await owner.post(`/author/${authored}`, {
    form: { intent: "add-coauthor", email: emails["co-author"] },
    ...sameOrigin(origin),
  });
  expect(coauthor.status()).toBe(200);
  const quizAdded = await owner.post(`/author/${authored}`, { form: { intent: "add-quiz" }, ...sameOrigin(origin) });
  expect(quizAdded.status()).toBe(200);
  const files = queryTestDb<{ path: string }>(
    "SELECT f.path FROM DraftFile f JOIN Course c ON c.id = f.courseId WHERE c.slug = ? ORDER BY f.path",
    authored,
  ).map((f) => f.path);
  const lessonFile = files.find((p) => p.endsWith(".mdx"))!;
  const quizFile = files.find((p) => p.endsWith(".yml") && p !== "course.yml" && /quiz|assessment/.test(p))!;
  expect(lessonFile && quizFile, files.join(", ")).toBeTruthy();

  // The learner takes the catalogue course to its certificate; the other learner enrols in it too.
  const { result: resultPage, lessons } = await takeCourse(contexts.learner, origin, emails.learner);
  const [cert] = queryTestDb<{ id: string }>(
    "SELECT c.id FROM Certificate c JOIN User u ON u.id = c.userId WHERE u.email = ?",
    emails.learner,
  );
  expect(cert, "the learner's certificate").toBeTruthy();
  expect(
    (await contexts["other learner"].post(`/courses/${COURSE}`, { form: {}, ...sameOrigin(origin) })).status(),
  ).toBe(302);

  // An organisation with a cohort (owned by the organisation owner, the learner in it), and another organisation.
  const org = createOrganisation("Permission matrix org", [{ email: emails["organisation owner"], role: "owner" }]);
  const cohort = createCohort({
    organisationId: org.id,
    name: "Permission cohort",
    startsAt: new Date(),
    inactivityDays: 7,
    courseSlug: COURSE,
    dueAt: new Date(Date.now() + 30 * 86_400_000),
    learners: [emails.learner],
  });
  createOrganisation("Another org", [{ email: emails["other organisation's admin"], role: "admin" }]);

  const data: Data = {
    authored,
    lessonFile,
    quizFile,
    lesson: lessons[1]!,
    quiz: resultPage.replace(/\/attempts\/[^/]+$/, ""),
    attempt: resultPage,
    certificate: cert!.id,
    org: org.slug,
    cohort: cohort.id,
  };

  // GET everything first (a GET never writes), then POST an empty form; log-out last of all.
  const failures: string[] = [];
  const entries = Object.entries(TABLE).sort(([a], [b]) => Number(a === "logout") - Number(b === "logout"));
  for (const method of ["GET", "POST"] as const) {
    await Promise.all(
      ROLES.map(async (role) => {
        for (const [file, entry] of entries) {
          const url = entry.url(data);
          const response =
            method === "GET"
              ? await contexts[role].get(url, { maxRedirects: 0 })
              : await contexts[role].post(url, { form: {}, ...sameOrigin(origin) });
          const expected = expectedFor(method === "GET" ? entry.get : entry.post, role);
          if (!matches(expected, response))
            failures.push(
              `${file}: ${method} ${url} as ${role}: expected ${expected}, got ${response.status()}` +
                (response.headers().location ? ` → ${response.headers().location}` : ""),
            );
        }
      }),
    );
  }
  expect(failures).toEqual([]);
});
