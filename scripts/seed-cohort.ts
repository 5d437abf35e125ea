// `npm run seed:cohort`: an organisation with a cohort of 10,000 learners (COHORT_SIZE) on a
// 30-lesson course, with a realistic spread of progress, quiz scores, completions and
// certificates, to measure the cohort dashboard and exports at scale (see `npm run bench`).
// Prints the dashboard's address and its manager's credentials as JSON on the last line.
//
// The course is published as a course version (as from the authoring workspace). Learners' rows
// are inserted in batches inside transactions, straight into SQLite, as the learning events
// would have left them: enrolments with their stored aggregates, lesson completions, module
// progress, quiz results; certificates are issued (signed) by the certificate module.
import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import type { CatalogueCourse } from "~/content/catalogue";
import type { QuizDef } from "~/content/schema";
import { migrate } from "~/db/migrate.server";
import { databaseUrl, dialectOf, sqliteFilePath } from "~/db/url.server";
import { siteUrl } from "~/site";
import * as xapi from "~/xapi/statements";

const SIZE = Number(process.env.COHORT_SIZE ?? 10_000);
const ORG = process.env.COHORT_ORG ?? "scale-academy";
const DOMAIN = "cohort-seed.example";
const MANAGER = { email: `manager@${DOMAIN}`, password: "cohort-manager-2026", name: "Cohort Manager" };
const COURSE_SLUG = "scale-thirty-lessons";
const MODULES = 6;
const LESSONS_PER_MODULE = 5;
const LESSONS = MODULES * LESSONS_PER_MODULE;
const DAY = 24 * 60 * 60 * 1000;

// Prisma stores dates in SQLite as ISO 8601 text with an explicit offset; these rows must match.
const iso = (d: Date) => d.toISOString().replace("Z", "+00:00");

/** A seeded pseudo-random generator (mulberry32), so every run seeds the same cohort. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function quiz(title: string): QuizDef {
  return {
    title,
    shuffle: true,
    reveal: "after-pass",
    questions: [
      {
        id: "q1",
        type: "single",
        prompt: `${title}: which uses less energy to keep?`,
        options: [
          { id: "a", text: "A device repaired", correct: true },
          { id: "b", text: "A device replaced" },
        ],
        explanation: "Most of a device's footprint is made before it is switched on.",
      },
      {
        id: "q2",
        type: "truefalse",
        prompt: `${title}: data centres use electricity.`,
        answer: true,
        explanation: "They do.",
      },
    ],
  } as QuizDef;
}

function scaleCourse(): CatalogueCourse {
  return {
    slug: COURSE_SLUG,
    position: 100,
    title: "Sustainable IT at scale",
    summary: "Thirty short lessons on keeping digital services lean.",
    description: "A course used to measure cohort reports with many learners.",
    audience: "Everyone working with digital services.",
    outcomes: ["Explain where digital emissions come from", "Choose lower-impact options"],
    level: "introductory",
    topics: ["sustainability"],
    language: "en",
    estimatedMinutes: LESSONS * 5,
    passMark: 70,
    retakes: { cooldownMinutes: 0 },
    finalAssessment: quiz("Final assessment"),
    glossary: [],
    hash: "scale-course-v1",
    modules: Array.from({ length: MODULES }, (_, m) => ({
      slug: `module-${m + 1}`,
      title: `Module ${m + 1}`,
      summary: `Part ${m + 1} of the course.`,
      outcomes: [],
      sources: [],
      quiz: quiz(`Module ${m + 1} quiz`),
      lessons: Array.from({ length: LESSONS_PER_MODULE }, (_, l) => ({
        key: `module-${m + 1}/lesson-${l + 1}`,
        slug: `lesson-${l + 1}`,
        title: `Lesson ${m * LESSONS_PER_MODULE + l + 1}`,
        summary: "A short lesson.",
        minutes: 5,
        hash: `scale-lesson-${m + 1}-${l + 1}`,
      })),
    })),
  } as CatalogueCourse;
}

export async function seedCohort() {
  const started = Date.now();
  if (dialectOf(databaseUrl()) !== "sqlite") {
    // Rows are written straight into the SQLite file (the Prisma client would take minutes).
    throw new Error("seed:cohort writes straight into a SQLite file: run it with a file: DATABASE_URL.");
  }
  await migrate(databaseUrl());
  const { db } = await import("~/db/db.server");
  const { publishVersion } = await import("~/content/versions.server");
  const { compileLesson } = await import("~/content/compile.server");
  const { hashPassword } = await import("~/auth/password.server");
  const { issueCertificate } = await import("~/certificates/certificate.server");

  // The course: published once, then kept (origin "editor": start-up's content import leaves it be).
  let course = await db.course.findUnique({ where: { slug: COURSE_SLUG }, select: { id: true } });
  if (!course) {
    const catalogue = scaleCourse();
    const code = new Map<string, string>();
    for (const m of catalogue.modules)
      for (const l of m.lessons)
        code.set(
          l.hash,
          await compileLesson({ body: `# ${l.title}\n\nKeep devices longer; measure before you optimise.\n` }),
        );
    const files = { "course.md": `---\ntitle: ${catalogue.title}\n---\n` };
    const { courseId } = await publishVersion(db, {
      course: catalogue,
      files,
      code,
      changeNote: "Seeded for the cohort benchmark.",
      origin: "import",
    });
    await db.course.update({ where: { id: courseId }, data: { origin: "editor" } });
    course = { id: courseId };
  }
  const courseId = course.id;
  const lessons = await db.lesson.findMany({
    where: { courseId, retired: false },
    orderBy: { position: "asc" },
    select: { id: true, key: true },
  });
  if (lessons.length !== LESSONS) throw new Error(`The seeded course has ${lessons.length} lessons, not ${LESSONS}.`);

  // Start again from nothing: the organisation (and its cohorts) and the seeded accounts go.
  await db.organisation.deleteMany({ where: { slug: ORG } });
  await db.user.deleteMany({ where: { email: { endsWith: `@${DOMAIN}` } } });

  const now = new Date();
  const manager = await db.user.create({
    data: {
      id: randomUUID(),
      email: MANAGER.email,
      name: MANAGER.name,
      passwordHash: await hashPassword(MANAGER.password),
      emailVerifiedAt: now,
    },
  });
  const org = await db.organisation.create({ data: { slug: ORG, name: "Scale Academy" } });
  await db.membership.create({ data: { organisationId: org.id, userId: manager.id, role: "owner" } });
  const startsAt = new Date(now.getTime() - 60 * DAY);
  const cohort = await db.cohort.create({
    data: { organisationId: org.id, name: "All staff 2026", startsAt, inactivityDays: 14 },
  });
  await db.cohortCourse.create({ data: { cohortId: cohort.id, courseId, dueAt: new Date(now.getTime() + 30 * DAY) } });

  const sqlite = new Database(sqliteFilePath(databaseUrl()));
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("busy_timeout = 5000");
  const insert = {
    user: sqlite.prepare(
      `INSERT INTO "User" ("id", "email", "name", "passwordHash", "isInstructor", "isAdmin", "createdAt", "updatedAt", "emailReminders") VALUES (?, ?, ?, '!', 0, 0, ?, ?, 1)`,
    ),
    membership: sqlite.prepare(
      `INSERT INTO "Membership" ("id", "organisationId", "userId", "role", "createdAt") VALUES (?, ?, ?, 'learner', ?)`,
    ),
    member: sqlite.prepare(
      `INSERT INTO "CohortMember" ("cohortId", "userId", "role", "joinedAt") VALUES (?, ?, 'learner', ?)`,
    ),
    enrollment: sqlite.prepare(
      `INSERT INTO "Enrollment" ("id", "userId", "courseId", "enrolledAt", "completedLessons", "percent", "currentLessonKey", "lastActivityAt", "lessonsDoneAt", "quizzesPassed", "completedAt", "finalScore", "completedVersion") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    completion: sqlite.prepare(
      `INSERT INTO "LessonCompletion" ("id", "userId", "lessonId", "completedAt") VALUES (?, ?, ?, ?)`,
    ),
    module: sqlite.prepare(
      `INSERT INTO "ModuleProgress" ("enrollmentId", "moduleKey", "lessonsDone", "lessonsTotal", "quizBest", "updatedAt") VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    statement: sqlite.prepare(
      `INSERT INTO "XapiStatement" ("id", "userId", "courseId", "verb", "statement", "storedAt") VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    quiz: sqlite.prepare(
      `INSERT INTO "QuizResult" ("id", "userId", "courseId", "quizKey", "attempts", "bestScore", "passedAt", "lastAttemptAt", "lastPassed") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
  };

  const rand = random(20261202);
  const origin = siteUrl();
  const first = [
    "Ada",
    "Bilal",
    "Chloé",
    "Dmitri",
    "Esra",
    "Femi",
    "Grace",
    "Hiroshi",
    "Ines",
    "Jonas",
    "Kavya",
    "Liang",
    "Mariam",
    "Noah",
    "Olga",
    "Priya",
    "Quentin",
    "Rosa",
    "Sipho",
    "Tomás",
    "Ulla",
    "Vikram",
    "Wen",
    "Yusuf",
    "Zoë",
  ];
  const last = [
    "Adeyemi",
    "Bergström",
    "Castillo",
    "Dubois",
    "Eriksen",
    "Fischer",
    "García",
    "Haddad",
    "Ivanova",
    "Jensen",
    "Kowalski",
    "López",
    "Müller",
    "Nakamura",
    "Okafor",
    "Petrov",
    "Rossi",
    "Schmidt",
    "Tanaka",
    "Van Dijk",
    "Wang",
    "Yilmaz",
    "Zhang",
  ];
  const toCertify: { userId: string; score: number; completedAt: Date }[] = [];
  const quizKeys = Array.from({ length: MODULES }, (_, m) => `module-${m + 1}`);
  const score = (mean: number) => Math.max(0, Math.min(100, Math.round(mean + (rand() + rand() + rand() - 1.5) * 30)));

  const BATCH = 1000;
  for (let from = 0; from < SIZE; from += BATCH) {
    sqlite.transaction(() => {
      for (let i = from; i < Math.min(SIZE, from + BATCH); i++) {
        const userId = randomUUID();
        const joinedAt = new Date(startsAt.getTime() + rand() * 20 * DAY);
        const name = `${first[i % first.length]} ${last[Math.floor(i / first.length) % last.length]} ${String(i + 1).padStart(5, "0")}`;
        insert.user.run(
          userId,
          `learner-${String(i + 1).padStart(5, "0")}@${DOMAIN}`,
          name,
          iso(joinedAt),
          iso(joinedAt),
        );
        insert.membership.run(randomUUID(), org.id, userId, iso(joinedAt));
        insert.member.run(cohort.id, userId, iso(joinedAt));

        // 8% never enrol, 10% enrol and stop, 52% part way, 30% take every lesson.
        const r = rand();
        if (r < 0.08) continue;
        const done = r < 0.18 ? 0 : r < 0.7 ? 1 + Math.floor(rand() * (LESSONS - 1)) : LESSONS;
        const enrolledAt = new Date(joinedAt.getTime() + rand() * 3 * DAY);
        const span = Math.max(DAY, now.getTime() - enrolledAt.getTime());
        // A fifth of those part way stopped more than two weeks ago.
        const idle = rand() < 0.2 ? 15 + rand() * 30 : rand() * 14;
        const lastActivity = new Date(Math.max(enrolledAt.getTime(), now.getTime() - idle * DAY));
        const at = (k: number) =>
          new Date(
            enrolledAt.getTime() + ((lastActivity.getTime() - enrolledAt.getTime()) * (k + 1)) / Math.max(1, done),
          );
        const enrollmentId = randomUUID();
        const quizzes: [string, number][] = [];
        for (let m = 0; m < MODULES; m++)
          if (done >= (m + 1) * LESSONS_PER_MODULE) quizzes.push([quizKeys[m]!, score(done === LESSONS ? 84 : 74)]);
        const passedAll = done === LESSONS && rand() < 0.85;
        if (passedAll) for (const q of quizzes) q[1] = Math.max(q[1], 70 + Math.floor(rand() * 31));
        const finalScore = passedAll ? 70 + Math.floor(rand() * 31) : null;
        const completedAt = passedAll
          ? new Date(Math.max(enrolledAt.getTime(), now.getTime() - rand() * Math.min(span, 56 * DAY)))
          : null;
        const active = completedAt && completedAt > lastActivity ? completedAt : lastActivity;
        const passed = quizzes.filter(([, s]) => s >= 70).length + (finalScore !== null ? 1 : 0);
        insert.enrollment.run(
          enrollmentId,
          userId,
          courseId,
          iso(enrolledAt),
          done,
          Math.floor((done * 100) / LESSONS),
          done < LESSONS ? lessons[done]!.key : null,
          iso(active),
          done === LESSONS ? iso(lastActivity) : null,
          passed,
          completedAt && iso(completedAt),
          finalScore,
          completedAt ? 1 : null,
        );
        // The course's xAPI statements (lesson and quiz statements are left out, for size).
        const xapiCourse = { slug: COURSE_SLUG, title: "Sustainable IT at scale", language: "en" };
        const registered = xapi.registered({ origin, userId, id: randomUUID(), timestamp: enrolledAt }, xapiCourse);
        insert.statement.run(
          registered.id,
          userId,
          courseId,
          "registered",
          JSON.stringify(registered),
          iso(enrolledAt),
        );
        if (completedAt) {
          const finished = xapi.courseCompleted(
            { origin, userId, id: randomUUID(), timestamp: completedAt },
            xapiCourse,
            finalScore,
          );
          insert.statement.run(finished.id, userId, courseId, "completed", JSON.stringify(finished), iso(completedAt));
        }
        for (let k = 0; k < done; k++) insert.completion.run(randomUUID(), userId, lessons[k]!.id, iso(at(k)));
        for (let m = 0; m < MODULES; m++) {
          const inModule = Math.max(0, Math.min(LESSONS_PER_MODULE, done - m * LESSONS_PER_MODULE));
          const best = quizzes.find(([k]) => k === quizKeys[m])?.[1] ?? null;
          if (inModule > 0 || best !== null)
            insert.module.run(enrollmentId, quizKeys[m], inModule, LESSONS_PER_MODULE, best, iso(lastActivity));
        }
        for (const [key, best] of [
          ...quizzes,
          ...(finalScore !== null ? [["final", finalScore] as [string, number]] : []),
        ])
          insert.quiz.run(
            randomUUID(),
            userId,
            courseId,
            key,
            1 + Math.floor(rand() * 2),
            best,
            best >= 70 ? iso(lastActivity) : null,
            iso(lastActivity),
            best >= 70 ? 1 : 0,
          );
        if (completedAt) toCertify.push({ userId, score: finalScore!, completedAt });
      }
    })();
  }
  sqlite.close();
  const rowsSeconds = (Date.now() - started) / 1000;

  // Certificates, signed as the academy issues them, a few hundred per transaction.
  for (let i = 0; i < toCertify.length; i += 250) {
    await db.$transaction(
      async (tx) => {
        for (const c of toCertify.slice(i, i + 250))
          await issueCertificate(tx, {
            userId: c.userId,
            courseId,
            score: c.score,
            completedAt: c.completedAt,
            courseVersion: 1,
          });
      },
      { timeout: 120_000 },
    );
  }
  const result = {
    organisation: ORG,
    cohortId: cohort.id,
    courseId,
    learners: SIZE,
    certificates: toCertify.length,
    dashboard: `/org/${ORG}/cohorts/${cohort.id}/dashboard`,
    manager: { email: MANAGER.email, password: MANAGER.password },
    seconds: (Date.now() - started) / 1000,
    rowsSeconds,
  };
  await db.$disconnect();
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await seedCohort();
  console.log(
    `Seeded ${result.learners} learners (${result.certificates} certificates) in ${result.seconds.toFixed(1)} s.`,
  );
  console.log(`Dashboard: ${result.dashboard} (log in as ${result.manager.email} / ${result.manager.password})`);
  console.log(JSON.stringify(result));
  process.exit(0);
}
