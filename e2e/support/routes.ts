// Every route file in app/routes, with the pages to visit for it and who may see them, or the
// reason it is not a page. e2e/accessibility.spec.ts fails when a route file has no entry here,
// so that no new page escapes its checks.
import { readdirSync } from "node:fs";

/** Who visits: a signed-out visitor, or a signed-in learner, course author, organisation admin or platform admin. */
export type Role = "visitor" | "learner" | "author" | "orgAdmin" | "admin";

/** What the shared set-up made, for the addresses that depend on it. */
export type Fixture = {
  /** A lesson of the short course the learner completed. */
  lesson: string;
  /** A lesson with a calculator, in a course the learner is enrolled in. */
  calculatorLesson: string;
  /** A module quiz the learner passed (its page lists the attempts). */
  passedQuiz: string;
  /** A module quiz with an attempt open (the questions form). */
  openQuiz: string;
  /** The result page of the learner's passed final assessment. */
  attempt: string;
  /** The learner's certificate's id. */
  certificate: string;
  /** The author's draft course, one of its lesson files and one of its quiz files. */
  authorCourse: string;
  authorFile: string;
  authorQuiz: string;
  /** The organisation's slug and its cohort's id. */
  organisation: string;
  cohort: string;
};

type Url = string | ((f: Fixture) => string);
export type Visit = { url: Url; as: Role[] };
export type RouteEntry = { visits: Visit[] } | { notAPage: string };

const SHORT = "green-digital-action-essentials";
const everyone: Role[] = ["visitor", "learner"];
const cohortPath = (f: Fixture) => `/org/${f.organisation}/cohorts/${f.cohort}`;

/** Keyed by the route file's name without its extension. */
export const ROUTES: Record<string, RouteEntry> = {
  $: { visits: [{ url: "/no-such-page", as: everyone }] },
  "[.well-known].jwks[.]json": { notAPage: "JSON: the public keys that sign certificates" },
  _index: { visits: [{ url: "/", as: everyone }] },
  account: { visits: [{ url: "/account", as: ["learner"] }] },
  "account.data[.]json": { notAPage: "JSON: a person's own data, downloaded from the account page" },
  "admin.audit": { visits: [{ url: "/admin/audit", as: ["admin"] }] },
  "admin.certificates": { visits: [{ url: "/admin/certificates", as: ["admin"] }] },
  "admin.users": { visits: [{ url: "/admin/users", as: ["admin"] }] },
  "api.offline-completions": { notAPage: "API: completions recorded offline, posted as JSON" },
  "api.verify.$id": { notAPage: "API: a certificate's verification as JSON" },
  "author.$course._index": { visits: [{ url: (f) => `/author/${f.authorCourse}`, as: ["author"] }] },
  "author.$course.details": { visits: [{ url: (f) => `/author/${f.authorCourse}/details`, as: ["author"] }] },
  "author.$course.export[.]zip": { notAPage: "zip: the course's source files" },
  "author.$course.files.$": { visits: [{ url: (f) => f.authorFile, as: ["author"] }] },
  "author.$course.insights": { visits: [{ url: (f) => `/author/${f.authorCourse}/insights`, as: ["author"] }] },
  "author.$course.media": { visits: [{ url: (f) => `/author/${f.authorCourse}/media`, as: ["author"] }] },
  "author.$course.quizzes.$": { visits: [{ url: (f) => f.authorQuiz, as: ["author"] }] },
  "author.$course.versions": { visits: [{ url: (f) => `/author/${f.authorCourse}/versions`, as: ["author"] }] },
  "author._index": { visits: [{ url: "/author", as: ["author"] }] },
  "author.import": { visits: [{ url: "/author/import", as: ["author"] }] },
  "certificates.$id": { visits: [{ url: (f) => `/certificates/${f.certificate}`, as: ["learner"] }] },
  "certificates.$id[.]pdf": { notAPage: "PDF: the certificate to print" },
  "courses.$course.$module.$lesson": {
    visits: [
      { url: (f) => f.lesson, as: everyone },
      { url: (f) => f.calculatorLesson, as: ["learner"] },
    ],
  },
  "courses.$course._index": { visits: [{ url: `/courses/${SHORT}`, as: everyone }] },
  "courses.$course.glossary": { visits: [{ url: `/courses/${SHORT}/glossary`, as: everyone }] },
  "courses.$course.quiz.$quiz": {
    visits: [
      { url: (f) => f.passedQuiz, as: everyone },
      { url: (f) => f.openQuiz, as: ["learner"] },
    ],
  },
  "courses.$course.quiz.$quiz_.attempts.$attempt": { visits: [{ url: (f) => f.attempt, as: everyone }] },
  "courses._index": { visits: [{ url: "/courses", as: everyone }] },
  "credentials.status.revocation": { notAPage: "VC-JWT: the certificates' revocation list" },
  "data-saver": { notAPage: "action: the data-saver switch posts here, then goes back to the page" },
  "dev.mail": { notAPage: "development only: answers 404 in production (the 404 page is scanned as $)" },
  footprint: { visits: [{ url: "/footprint", as: everyone }] },
  "forgot-password": { visits: [{ url: "/forgot-password", as: ["visitor"] }] },
  issuer: { notAPage: "JSON: the issuer's profile for Open Badges" },
  "join.$token": { visits: [{ url: "/join/not-a-valid-invitation", as: everyone }] },
  language: { notAPage: "action: the language switcher posts here, then goes back to the page" },
  learn: { visits: [{ url: "/learn", as: everyone }] },
  privacy: { visits: [{ url: "/privacy", as: everyone }] },
  login: { visits: [{ url: "/login", as: ["visitor"] }] },
  logout: { notAPage: "action: logging out" },
  "media.$hash.$file": { notAPage: "media: images uploaded by authors" },
  "org.$slug._index": { visits: [{ url: (f) => `/org/${f.organisation}`, as: ["orgAdmin"] }] },
  "org.$slug.audit": { visits: [{ url: (f) => `/org/${f.organisation}/audit`, as: ["orgAdmin"] }] },
  "org.$slug.cohorts.$cohortId._index": { visits: [{ url: cohortPath, as: ["orgAdmin"] }] },
  "org.$slug.cohorts.$cohortId.dashboard": { visits: [{ url: (f) => `${cohortPath(f)}/dashboard`, as: ["orgAdmin"] }] },
  "org.$slug.cohorts.$cohortId.export[.]csv": { notAPage: "CSV: the cohort's progress" },
  "org.$slug.cohorts.$cohortId.invitations": {
    visits: [{ url: (f) => `${cohortPath(f)}/invitations`, as: ["orgAdmin"] }],
  },
  "org.$slug.cohorts.$cohortId.xapi[.]json": { notAPage: "JSON: the cohort's xAPI statements" },
  "org._index": { visits: [{ url: "/org", as: ["visitor", "orgAdmin"] }] },
  "reset-password.$token": { visits: [{ url: "/reset-password/not-a-valid-token", as: ["visitor"] }] },
  search: { visits: [{ url: "/search?q=repair", as: everyone }] },
  signup: { visits: [{ url: "/signup", as: ["visitor"] }] },
  "verify-email.$token": { visits: [{ url: "/verify-email/not-a-valid-token", as: everyone }] },
  "verify.$id.credential[.]jwt": { notAPage: "VC-JWT: the certificate as an Open Badges credential" },
  "verify.$id": { visits: [{ url: (f) => `/verify/${f.certificate}`, as: everyone }] },
  "verify._index": { visits: [{ url: "/verify", as: everyone }] },
};

/** The route files in app/routes (tests beside them excluded), by name without extension. */
export function routeFiles(dir = "app/routes"): string[] {
  return readdirSync(dir)
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
    .map((f) => f.replace(/\.tsx?$/, ""))
    .sort();
}

/** The address of a visit, given what the set-up made. */
export const urlOf = (url: Url, fixture: Fixture) => (typeof url === "string" ? url : url(fixture));
