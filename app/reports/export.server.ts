// The cohort's progress as CSV, streamed: learners are read a page at a time (keyset on their
// id), turned into rows and piped through csv-stringify into the response, so that a cohort of
// 10,000 never sits in memory. One row per learner and course. Cells that a spreadsheet would run
// as a formula are neutralised.
import { Readable, Transform } from "node:stream";
import { stringify } from "csv-stringify";
import { FINAL_QUIZ } from "~/content/catalogue";
import type { DbClient } from "~/db/db.server";
import { Prisma } from "~/generated/prisma/client";
import { paths } from "~/paths";
import { siteUrl } from "~/site";
import { learnerStatus, STATUS_LABELS } from "./dashboard";
import { cohortCourses, type CohortCourseInfo } from "./dashboard.server";

export const EXPORT_PAGE = 500;

/**
 * A cell a spreadsheet would treat as a formula (starting with =, +, -, @, a tab or a carriage
 * return) is prefixed with a single quote, so it is shown as text and never run.
 */
export function neutralise(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

type Column = { title: string; quiz?: { courseId: string; key: string } };

async function columns(db: DbClient, courses: CohortCourseInfo[]): Promise<Column[]> {
  const modules = await db.module.findMany({
    where: { courseId: { in: courses.map((c) => c.id) } },
    select: { courseId: true, key: true, title: true },
  });
  const title = new Map(modules.map((m) => [`${m.courseId} ${m.key}`, m.title]));
  const quizColumns = courses.flatMap((c) =>
    c.quizzes.map((key) => ({
      title: `Best score: ${courses.length > 1 ? `${c.title} – ` : ""}${key === FINAL_QUIZ ? "Final assessment" : `${title.get(`${c.id} ${key}`) ?? key} quiz`}`,
      quiz: { courseId: c.id, key },
    })),
  );
  return [
    { title: "Name" },
    { title: "E-mail" },
    { title: "Course" },
    { title: "Status" },
    { title: "Percent" },
    ...quizColumns,
    { title: "Completed on" },
    { title: "Certificate" },
    { title: "Verify URL" },
  ];
}

type Row = {
  userId: string;
  name: string;
  email: string;
  enrollmentId: string | null;
  percent: number | null;
  completedLessons: number | null;
  quizzesPassed: number | null;
  completedAt: Date | string | null;
  certificateId: string | null;
};

/** The cohort's learners in one course, a page at a time, in the order of the cohort's key (no sort). */
async function* learnerPages(db: DbClient, cohortId: string, courseId: string, pageSize: number) {
  let after: string | null = null;
  for (;;) {
    const cursor: Prisma.Sql = after ? Prisma.sql`AND m."userId" > ${after}` : Prisma.empty;
    const rows: Row[] = await db.$queryRaw<Row[]>`
      SELECT u."id" AS "userId", u."name", u."email", e."id" AS "enrollmentId", e."percent", e."completedLessons",
        e."quizzesPassed", e."completedAt", c."id" AS "certificateId"
      FROM "CohortMember" m
      JOIN "User" u ON u."id" = m."userId"
      LEFT JOIN "Enrollment" e ON e."userId" = m."userId" AND e."courseId" = ${courseId}
      LEFT JOIN "Certificate" c ON c."userId" = m."userId" AND c."courseId" = ${courseId} AND c."revokedAt" IS NULL
      WHERE m."cohortId" = ${cohortId} AND m."role" = 'learner' ${cursor}
      ORDER BY m."userId" LIMIT ${pageSize}`;
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1]!.userId;
  }
}

/** The CSV's rows (the heading first) as arrays of text, generated a page of learners at a time. */
export async function* cohortCsvRows(db: DbClient, cohortId: string, pageSize = EXPORT_PAGE) {
  const courses = await cohortCourses(db, cohortId);
  const cols = await columns(db, courses);
  yield cols.map((c) => c.title);
  const origin = siteUrl();
  for (const course of courses) {
    for await (const rows of learnerPages(db, cohortId, course.id, pageSize)) {
      const results = await db.quizResult.findMany({
        where: { courseId: course.id, userId: { in: rows.map((r) => r.userId) }, attempts: { gt: 0 } },
        select: { userId: true, quizKey: true, bestScore: true },
      });
      const best = new Map(results.map((r) => [`${r.userId} ${r.quizKey}`, r.bestScore]));
      for (const r of rows) {
        const completedAt = r.completedAt ? new Date(r.completedAt) : null;
        const status = learnerStatus({
          enrolled: r.enrollmentId !== null,
          completedLessons: Number(r.completedLessons ?? 0),
          quizzesPassed: Number(r.quizzesPassed ?? 0),
          completedAt,
        });
        yield cols
          .map((c) => {
            if (c.quiz) {
              const score = c.quiz.courseId === course.id ? best.get(`${r.userId} ${c.quiz.key}`) : undefined;
              return score === undefined ? "" : String(score);
            }
            switch (c.title) {
              case "Name":
                return r.name;
              case "E-mail":
                return r.email;
              case "Course":
                return course.title;
              case "Status":
                return STATUS_LABELS[status];
              case "Percent":
                return String(Number(r.percent ?? 0));
              case "Completed on":
                return completedAt ? completedAt.toISOString().slice(0, 10) : "";
              case "Certificate":
                return r.certificateId ?? "";
              case "Verify URL":
                return r.certificateId ? `${origin}${paths.verify(r.certificateId)}` : "";
              default:
                return "";
            }
          })
          .map(neutralise);
      }
    }
  }
}

/**
 * Joins small chunks into chunks of about `size` bytes: csv-stringify writes one chunk per record,
 * and each chunk costs as much on its way to the socket as many records' worth of bytes.
 */
export function coalesce(size = 64 * 1024) {
  let parts: Buffer[] = [];
  let length = 0;
  return new Transform({
    transform(chunk: Buffer | string, _encoding, done) {
      const buffer = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
      parts.push(buffer);
      length += buffer.length;
      if (length >= size) {
        this.push(Buffer.concat(parts, length));
        parts = [];
        length = 0;
      }
      done();
    },
    flush(done) {
      if (length) this.push(Buffer.concat(parts, length));
      done();
    },
  });
}

/** The CSV as a byte stream: UTF-8 with a byte order mark, fields quoted where needed. */
export function cohortCsvStream(db: DbClient, cohortId: string, pageSize = EXPORT_PAGE): ReadableStream<Uint8Array> {
  const csv = stringify({ bom: true, record_delimiter: "\r\n" });
  const source = Readable.from(cohortCsvRows(db, cohortId, pageSize));
  const out = coalesce();
  source.on("error", (e) => csv.destroy(e));
  csv.on("error", (e) => out.destroy(e));
  source.pipe(csv).pipe(out);
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}

/** A file name for a download: "<org>-<cohort>-<what>-<date>.<ext>", letters, digits and dashes only. */
export function downloadName(parts: string[], ext: string, now = new Date()) {
  const slug = (s: string) =>
    s
      .normalize("NFKD")
      .replace(/\p{M}+/gu, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "");
  return `${[...parts.map(slug).filter(Boolean), now.toISOString().slice(0, 10)].join("-")}.${ext}`;
}
