// `npm run seed:cohort`: an organisation with a cohort of 10,000 learners (COHORT_SIZE) on a
// 30-lesson course, with a realistic spread of progress, quiz scores, completions and
// certificates, to measure the cohort dashboard and exports at scale (see `npm run bench`).
// Prints the dashboard's address and its manager's credentials as JSON on the last line.
//
// The course is published as a course version (as from the authoring workspace). Learners' rows
// are inserted in batches of 250 learners, each batch in one (short) transaction, straight into the
// database (better-sqlite3 on SQLite, node-postgres on PostgreSQL: the Prisma client would take
// minutes), as the learning events would have left them: enrolments with their stored aggregates,
// lesson completions, module progress, quiz results; certificates are issued (signed) by the
// certificate module.
import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import pg from "pg";
import type { CatalogueCourse } from "~/content/catalogue";
import type { QuizDef } from "~/content/schema";
import { migrate } from "~/db/migrate.server";
import { databaseUrl, sqliteFilePath } from "~/db/url.server";
import { siteUrl } from "~/site";
import * as xapi from "~/xapi/statements";

const SIZE = Number(process.env.COHORT_SIZE ?? 10_000);
const ORG = process.env.COHORT_ORG ?? "scale-academy";
export const DOMAIN = "cohort-seed.example";
const MANAGER = { email: `manager@${DOMAIN}`, password: "cohort-manager-2026", name: "Cohort Manager" };
export const COURSE_SLUG = "scale-thirty-lessons";
const MODULES = 6;
const LESSONS_PER_MODULE = 5;
const LESSONS = MODULES * LESSONS_PER_MODULE;
const DAY = 24 * 60 * 60 * 1000;

// Prisma stores dates in SQLite as ISO 8601 text with an explicit offset; these rows must match.
const iso = (d: Date) => d.toISOString().replace("Z", "+00:00");

/** The tables written directly, in the order their foreign keys need, with the columns given. */
const TABLES = {
  User: ["id", "email", "name", "passwordHash", "isInstructor", "isAdmin", "createdAt", "updatedAt", "emailReminders"],
  Membership: ["id", "organisationId", "userId", "role", "createdAt"],
  CohortMember: ["cohortId", "userId", "role", "joinedAt"],
  Enrollment: [
    "id",
    "userId",
    "courseId",
    "enrolledAt",
    "completedLessons",
    "percent",
    "currentLessonKey",
    "lastActivityAt",
    "lessonsDoneAt",
    "quizzesPassed",
    "completedAt",
    "finalScore",
    "completedVersion",
  ],
  XapiStatement: ["id", "userId", "courseId", "verb", "statement", "storedAt"],
  LessonCompletion: ["id", "userId", "lessonId", "completedAt"],
  ModuleProgress: ["enrollmentId", "moduleKey", "lessonsDone", "lessonsTotal", "quizBest", "updatedAt"],
  QuizResult: [
    "id",
    "userId",
    "courseId",
    "quizKey",
    "attempts",
    "bestScore",
    "passedAt",
    "lastAttemptAt",
    "lastPassed",
  ],
} as const;
type Table = keyof typeof TABLES;
type Value = string | number | boolean | Date | null;
type Rows = Record<Table, Value[][]>;
const noRows = (): Rows => Object.fromEntries(Object.keys(TABLES).map((t) => [t, []])) as unknown as Rows;

/** Writes batches of rows, each batch in one transaction. */
type RowWriter = { write(rows: Rows): Promise<void>; close(): Promise<void> };

function sqliteWriter(url: string): RowWriter {
  const sqlite = new Database(sqliteFilePath(url));
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("busy_timeout = 5000");
  const insert = Object.fromEntries(
    Object.entries(TABLES).map(([table, columns]) => [
      table,
      sqlite.prepare(
        `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`,
      ),
    ]),
  ) as Record<Table, Database.Statement>;
  const value = (v: Value) => (v instanceof Date ? iso(v) : typeof v === "boolean" ? Number(v) : v);
  const transaction = sqlite.transaction((rows: Rows) => {
    for (const table of Object.keys(TABLES) as Table[])
      for (const row of rows[table]) insert[table].run(...row.map(value));
  });
  return {
    write: async (rows) => transaction(rows),
    close: async () => {
      // Copy the write-ahead log into the database now, as part of seeding, rather than in the
      // server's next write.
      sqlite.pragma("wal_checkpoint(TRUNCATE)");
      sqlite.close();
    },
  };
}

/** Multi-row INSERTs of at most this many parameters (PostgreSQL's limit is 65,535). */
const PG_PARAMETERS = 30_000;

async function postgresWriter(url: string): Promise<RowWriter> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // Columns are timestamp(3) without time zone holding UTC, as Prisma writes them: an ISO string's
  // "Z" is ignored by PostgreSQL, so the UTC wall time is stored whatever the server's time zone.
  const value = (v: Value) => (v instanceof Date ? v.toISOString() : v);
  return {
    async write(rows) {
      await client.query("BEGIN");
      try {
        for (const [table, columns] of Object.entries(TABLES) as [Table, readonly string[]][]) {
          const perStatement = Math.floor(PG_PARAMETERS / columns.length);
          for (let from = 0; from < rows[table].length; from += perStatement) {
            const chunk = rows[table].slice(from, from + perStatement);
            const params: unknown[] = [];
            const tuples = chunk.map(
              (row) => `(${row.map((v) => (params.push(value(v)), `$${params.length}`)).join(", ")})`,
            );
            await client.query(
              `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES ${tuples.join(", ")}`,
              params,
            );
          }
        }
        await client.query("COMMIT");
      } catch (e) {
        await client.query("ROLLBACK");
        throw e;
      }
    },
    close: () => client.end(),
  };
}

const isPostgres = (url: string) => /^postgres(ql)?:\/\//.test(url);

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

export function scaleCourse(): CatalogueCourse {
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

  const url = databaseUrl();
  const writer = isPostgres(url) ? await postgresWriter(url) : sqliteWriter(url);

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

  // Short transactions: a server running meanwhile (on SQLite) waits for each, never for long.
  const BATCH = 250;
  for (let from = 0; from < SIZE; from += BATCH) {
    const rows = noRows();
    for (let i = from; i < Math.min(SIZE, from + BATCH); i++) {
      const userId = randomUUID();
      const joinedAt = new Date(startsAt.getTime() + rand() * 20 * DAY);
      const name = `${first[i % first.length]} ${last[Math.floor(i / first.length) % last.length]} ${String(i + 1).padStart(5, "0")}`;
      rows.User.push([
        userId,
        `learner-${String(i + 1).padStart(5, "0")}@${DOMAIN}`,
        name,
        "!",
        false,
        false,
        joinedAt,
        joinedAt,
        true,
      ]);
      rows.Membership.push([randomUUID(), org.id, userId, "learner", joinedAt]);
      rows.CohortMember.push([cohort.id, userId, "learner", joinedAt]);

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
      rows.Enrollment.push([
        enrollmentId,
        userId,
        courseId,
        enrolledAt,
        done,
        Math.floor((done * 100) / LESSONS),
        done < LESSONS ? lessons[done]!.key : null,
        active,
        done === LESSONS ? lastActivity : null,
        passed,
        completedAt,
        finalScore,
        completedAt ? 1 : null,
      ]);
      // The course's xAPI statements (lesson and quiz statements are left out, for size).
      const xapiCourse = { slug: COURSE_SLUG, title: "Sustainable IT at scale", language: "en" };
      const registered = xapi.registered({ origin, userId, id: randomUUID(), timestamp: enrolledAt }, xapiCourse);
      rows.XapiStatement.push([registered.id, userId, courseId, "registered", JSON.stringify(registered), enrolledAt]);
      if (completedAt) {
        const finished = xapi.courseCompleted(
          { origin, userId, id: randomUUID(), timestamp: completedAt },
          xapiCourse,
          finalScore,
        );
        rows.XapiStatement.push([finished.id, userId, courseId, "completed", JSON.stringify(finished), completedAt]);
      }
      for (let k = 0; k < done; k++) rows.LessonCompletion.push([randomUUID(), userId, lessons[k]!.id, at(k)]);
      for (let m = 0; m < MODULES; m++) {
        const inModule = Math.max(0, Math.min(LESSONS_PER_MODULE, done - m * LESSONS_PER_MODULE));
        const best = quizzes.find(([k]) => k === quizKeys[m])?.[1] ?? null;
        if (inModule > 0 || best !== null)
          rows.ModuleProgress.push([enrollmentId, quizKeys[m]!, inModule, LESSONS_PER_MODULE, best, lastActivity]);
      }
      for (const [key, best] of [
        ...quizzes,
        ...(finalScore !== null ? [["final", finalScore] as [string, number]] : []),
      ])
        rows.QuizResult.push([
          randomUUID(),
          userId,
          courseId,
          key,
          1 + Math.floor(rand() * 2),
          best,
          best >= 70 ? lastActivity : null,
          lastActivity,
          best >= 70,
        ]);
      if (completedAt) toCertify.push({ userId, score: finalScore!, completedAt });
    }
    await writer.write(rows);
  }
  await writer.close();
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
