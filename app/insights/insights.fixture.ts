// A course shaped like ours and many learners in it, for measuring courseInsights at scale (see
// insights.load.test.ts). Deterministic: every run seeds the same data.
import Database from "better-sqlite3";
import { grade, makeLayout } from "~/assessments/grading";
import { FINAL_QUIZ, type CatalogueCourse } from "~/content/catalogue";
import type { QuizDef } from "~/content/schema";

export const LOAD_MODULES = 5;
export const LESSONS_PER_MODULE = 5;
/** Every learner who completes the course takes this long. */
export const LOAD_COMPLETION_MS = 40 * 24 * 60 * 60 * 1000;
const DAY = 24 * 60 * 60 * 1000;

/** A small deterministic generator (mulberry32). */
export function seededRandom(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A quiz of single, multiple and true/false questions: option a (and b for multiple) is right. */
function quiz(title: string, questions: number): QuizDef {
  return {
    title,
    shuffle: true,
    reveal: "after-pass",
    questions: Array.from({ length: questions }, (_, i) =>
      i % 4 === 3
        ? {
            id: `q${i + 1}`,
            type: "truefalse" as const,
            prompt: `Statement ${i + 1}`,
            explanation: "e",
            answer: i % 8 === 3,
          }
        : {
            id: `q${i + 1}`,
            type: i % 4 === 2 ? ("multiple" as const) : ("single" as const),
            prompt: `Question ${i + 1}`,
            explanation: "e",
            options: ["a", "b", "c", "d"].map((id, j) => ({
              id,
              text: `Option ${id}`,
              ...(j === 0 || (i % 4 === 2 && j === 1) ? { correct: true as const } : {}),
            })),
          },
    ),
  };
}

/** 5 modules of 5 lessons, a 7-question quiz per module and a 20-question final, like our courses. */
export function loadCourse(): CatalogueCourse {
  return {
    slug: "load-course",
    position: 0,
    title: "Load course",
    summary: "s",
    description: "d",
    audience: "a",
    outcomes: ["o"],
    level: "introductory",
    topics: ["testing"],
    language: "en",
    estimatedMinutes: 300,
    passMark: 70,
    retakes: { cooldownMinutes: 0 },
    finalAssessment: quiz("Final assessment", 20),
    glossary: [],
    hash: "load",
    modules: Array.from({ length: LOAD_MODULES }, (_, m) => ({
      slug: `m${m + 1}`,
      title: `Module ${m + 1}`,
      summary: "s",
      outcomes: [],
      sources: [],
      quiz: quiz(`Module ${m + 1} check`, 7),
      lessons: Array.from({ length: LESSONS_PER_MODULE }, (_, l) => ({
        key: `m${m + 1}/l${l + 1}`,
        slug: `l${l + 1}`,
        title: `Lesson ${m + 1}.${l + 1}`,
        summary: "s",
        minutes: 10,
        hash: `h${m}${l}`,
      })),
    })),
  };
}

/** Prisma's SQLite adapter stores timestamps as ISO 8601 text with an explicit offset. */
const sqlTime = (d: Date) => d.toISOString().replace("Z", "+00:00");

/**
 * Writes rows straight through better-sqlite3 in one transaction: the Prisma client takes minutes
 * for this many rows on a busy machine, and only reading them is under test.
 */
function insertAll(sqlite: Database.Database, table: string, rows: Record<string, unknown>[]) {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  const insert = sqlite.prepare(
    `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`,
  );
  sqlite.transaction(() => {
    for (const row of rows)
      insert.run(
        columns.map((c) => {
          const v = row[c];
          return v instanceof Date ? sqlTime(v) : typeof v === "boolean" ? Number(v) : v;
        }),
      );
  })();
}

export type Seeded = { enrolled: number; completed: number; completions: number; attempts: number };

/**
 * Seeds `learners` learners into the synced load course: each enrols within six months, completes
 * lessons in order (stronger learners further), takes the quizzes of the modules they finished
 * (one to three attempts each, the final once every lesson is done), and four in five of those who
 * finish every lesson complete the course. Each learner has an ability that drives every answer,
 * so the questions discriminate. Lesson ids come from the synced course, in order.
 */
export function seedLearners(
  sqliteFile: string,
  course: CatalogueCourse,
  courseId: string,
  lessonIds: string[],
  learners: number,
): Seeded {
  const quizzes = [
    ...course.modules.flatMap((m) => (m.quiz ? [{ key: m.slug, quiz: m.quiz }] : [])),
    ...(course.finalAssessment ? [{ key: FINAL_QUIZ, quiz: course.finalAssessment }] : []),
  ];
  const rand = seededRandom(42);
  const start = Date.UTC(2026, 0, 5);
  const users = [];
  const enrollments = [];
  const completions = [];
  const attempts = [];
  let completed = 0;
  for (let i = 0; i < learners; i++) {
    const userId = `load-${String(i).padStart(6, "0")}`;
    const ability = rand();
    const enrolledAt = new Date(start + Math.floor(rand() * 180 * DAY));
    const reached = 1 + Math.floor(Math.min(1, ability * 1.3 + rand() * 0.2) * (lessonIds.length - 1));
    for (let l = 0; l < reached; l++)
      completions.push({ userId, lessonId: lessonIds[l], completedAt: new Date(enrolledAt.getTime() + (l + 1) * DAY) });
    const modulesDone = Math.floor(reached / LESSONS_PER_MODULE);
    const taken = quizzes.filter((q, k) => (q.key === FINAL_QUIZ ? reached === lessonIds.length : k < modulesDone));
    for (const [k, { key, quiz: def }] of taken.entries()) {
      const tries = 1 + Math.floor(rand() * 2.5);
      for (let t = 0; t < tries; t++) {
        const layout = makeLayout(def, rand);
        // As the quiz page records them: an entry for every question shown.
        const answers = Object.fromEntries(
          def.questions.map((q, qi) => {
            const right = rand() < 0.25 + 0.7 * ability - (qi % 7) * 0.05 + t * 0.1;
            if (q.type === "truefalse") return [q.id, [String(right ? q.answer : !q.answer)]];
            const correct = q.options.filter((o) => o.correct).map((o) => o.id);
            return [q.id, right ? correct : [q.options[1 + Math.floor(rand() * 3)].id]];
          }),
        );
        const { score } = grade(def, layout, answers);
        const submittedAt = new Date(enrolledAt.getTime() + (k * 5 + 5) * DAY + t * 3600_000);
        attempts.push({
          userId,
          courseId,
          quizKey: key,
          layout: JSON.stringify(layout),
          startedAt: new Date(submittedAt.getTime() - 600_000),
          submittedAt: submittedAt as Date | null,
          answers: JSON.stringify(answers) as string | null,
          score: score as number | null,
          passed: (score >= 70) as boolean | null,
        });
      }
    }
    const done = reached === lessonIds.length && rand() < 0.8;
    const completedAt = done ? new Date(enrolledAt.getTime() + LOAD_COMPLETION_MS) : null;
    if (done) completed++;
    users.push({ id: userId, email: `${userId}@example.org`, name: userId, passwordHash: "x" });
    enrollments.push({ userId, courseId, enrolledAt, completedLessons: reached, completedAt });
  }
  // An attempt started and never submitted, which must not count.
  if (attempts.length) attempts.push({ ...attempts[0], submittedAt: null, answers: null, score: null, passed: null });

  const now = new Date();
  const sqlite = new Database(sqliteFile, { timeout: 5000 });
  try {
    insertAll(
      sqlite,
      "User",
      users.map((u) => ({ ...u, createdAt: now, updatedAt: now })),
    );
    insertAll(
      sqlite,
      "Enrollment",
      enrollments.map((e, i) => ({ id: `load-e-${i}`, ...e, lastActivityAt: e.enrolledAt })),
    );
    insertAll(
      sqlite,
      "LessonCompletion",
      completions.map((c, i) => ({ id: `load-c-${i}`, ...c })),
    );
    insertAll(
      sqlite,
      "QuizAttempt",
      attempts.map((a, i) => ({ id: `load-a-${i}`, ...a })),
    );
  } finally {
    sqlite.close();
  }
  return { enrolled: enrollments.length, completed, completions: completions.length, attempts: attempts.length };
}
