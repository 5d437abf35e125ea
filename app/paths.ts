// Every address in the academy, built in one place. Pure: used by loaders, components and domain
// modules alike. Absolute URLs add the public origin from app/site.ts.

type Slug = { slug: string };

/** An organisation's address: its slug may hold any letter (e.g. Arabic), so it is percent-encoded (a Location header must be ASCII). */
const orgPath = (org: Slug) => `/org/${encodeURIComponent(org.slug)}`;

const withQuery = (path: string, query: Record<string, string | null | undefined>) => {
  const params = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => Boolean(e[1])));
  return params.size ? `${path}?${params}` : path;
};

/** The id of a glossary term's entry on its course's glossary page: "E-waste" → "term-e-waste". */
export function termAnchor(term: string): string {
  const slug = term
    .normalize("NFKD")
    .toLowerCase()
    .replace(/\p{M}+/gu, "")
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
  return `term-${slug}`;
}

export const paths = {
  home: () => "/",
  courses: (filters: Record<string, string | null | undefined> = {}) => withQuery("/courses", filters),
  course: (course: Slug, query: { enrol?: "required" } = {}) => withQuery(`/courses/${course.slug}`, query),
  glossary: (course: Slug) => `/courses/${course.slug}/glossary`,
  glossaryTerm: (course: Slug, term: string) => `/courses/${course.slug}/glossary#${termAnchor(term)}`,
  lesson: (course: Slug, module: Slug, lesson: Slug) => `/courses/${course.slug}/${module.slug}/${lesson.slug}`,
  quiz: (course: Slug, quizKey: string) => `/courses/${course.slug}/quiz/${quizKey}`,
  attempt: (course: Slug, quizKey: string, attemptId: string) =>
    `/courses/${course.slug}/quiz/${quizKey}/attempts/${attemptId}`,
  search: (q?: string | null, page = 1) => withQuery("/search", { q, page: page > 1 ? String(page) : null }),
  myLearning: () => "/learn",
  account: () => "/account",
  accountData: () => "/account/data.json",
  dataSaver: () => "/data-saver",
  language: () => "/language",
  logIn: (redirectTo?: string | null) => withQuery("/login", { redirectTo }),
  signUp: (redirectTo?: string | null) => withQuery("/signup", { redirectTo }),
  logOut: () => "/logout",
  certificate: (id: string) => `/certificates/${id}`,
  certificatePdf: (id: string) => `/certificates/${id}.pdf`,
  media: (hash: string, width: number) => `/media/${hash}/${width}.webp`,
  verifyForm: () => "/verify",
  footprint: () => "/footprint",
  verify: (id: string) => `/verify/${id}`,
  verifyApi: (id: string) => `/api/verify/${id}`,
  credential: (id: string) => `/verify/${id}/credential.jwt`,
  issuer: () => "/issuer",
  jwks: () => "/.well-known/jwks.json",
  statusList: () => "/credentials/status/revocation",
  adminCertificates: () => "/admin/certificates",
  author: () => "/author",
  authorImport: () => "/author/import",
  authorCourse: (course: Slug) => `/author/${course.slug}`,
  authorDetails: (course: Slug) => `/author/${course.slug}/details`,
  authorFile: (course: Slug, path: string) => `/author/${course.slug}/files/${path}`,
  authorQuiz: (course: Slug, path: string) => `/author/${course.slug}/quizzes/${path}`,
  authorVersions: (course: Slug, query: { compare?: string | null } = {}) =>
    withQuery(`/author/${course.slug}/versions`, query),
  authorExport: (course: Slug) => `/author/${course.slug}/export.zip`,
  authorInsights: (course: Slug) => `/author/${course.slug}/insights`,
  authorMedia: (course: Slug) => `/author/${course.slug}/media`,
  adminUsers: (query: { q?: string | null; page?: string | null; history?: string | null } = {}) =>
    withQuery("/admin/users", query),
  adminAudit: (query: Record<string, string | null | undefined> = {}) => withQuery("/admin/audit", query),
  privacy: () => "/privacy",
  // Organisations and cohorts
  organisations: () => "/org",
  organisation: (org: Slug) => orgPath(org),
  organisationAudit: (org: Slug, query: Record<string, string | null | undefined> = {}) =>
    withQuery(`${orgPath(org)}/audit`, query),
  cohort: (org: Slug, cohort: { id: string }) => `${orgPath(org)}/cohorts/${cohort.id}`,
  cohortDashboard: (org: Slug, cohort: { id: string }, query: Record<string, string | null | undefined> = {}) =>
    withQuery(`${orgPath(org)}/cohorts/${cohort.id}/dashboard`, query),
  cohortExport: (org: Slug, cohort: { id: string }) => `${orgPath(org)}/cohorts/${cohort.id}/export.csv`,
  cohortStatements: (org: Slug, cohort: { id: string }) => `${orgPath(org)}/cohorts/${cohort.id}/xapi.json`,
  cohortInvitations: (org: Slug, cohort: { id: string }) => `${orgPath(org)}/cohorts/${cohort.id}/invitations`,
  join: (token: string) => `/join/${token}`,
  // Account e-mail
  forgotPassword: () => "/forgot-password",
  resetPassword: (token: string) => `/reset-password/${token}`,
  verifyEmail: (token: string) => `/verify-email/${token}`,
  devMail: () => "/dev/mail",
};
