// Full-text search over the current courses: their titles and summaries, their lessons' text and
// their glossaries. The only module that knows how the index works: callers see documents going in
// (`indexCourse`, `unindexCourse`, when courses are synced) and ranked hits coming out (`search`).
//
// Engine: on SQLite, FTS5 ("SearchDocument_fts", created by the migration `…_search`) over the
// rows of "SearchDocument"; on PostgreSQL, the generated tsvector column "searchVector" with a GIN
// index (created by the PostgreSQL baseline migration), ranked with ts_rank and highlighted with
// ts_headline. See docs/decisions/009-full-text-search.md.
//
// User input never reaches the engine's query syntax: `parseQuery` keeps only words (letters,
// digits, marks) and `toMatchExpression` quotes each one (PostgreSQL: each word is a parameter of
// phraseto_tsquery), so operators, brackets, quotes, stars and column filters typed by a learner
// are plain text.
import type { CatalogueCourse } from "~/content/catalogue";
import { dialect, type DbClient } from "~/db/db.server";
import { Prisma } from "~/generated/prisma/client";
import { paths } from "~/paths";

export type SearchKind = "course" | "lesson" | "term";
/** Text in pieces; `match` marks the words that matched the query. Render each piece as text. */
export type MarkedText = { text: string; match: boolean }[];
export type SearchHit = {
  kind: SearchKind;
  title: MarkedText;
  course: { slug: string; title: string };
  url: string;
  snippet: MarkedText;
};
export type SearchResults = {
  /** The words searched for, after cleaning; empty when the query had none. */
  words: string[];
  total: number;
  byKind: Record<SearchKind, number>;
  hits: SearchHit[];
};

export const MAX_QUERY_LENGTH = 200;
const MAX_WORDS = 8;
export const MAX_LIMIT = 50;

// Private-use characters that mark matches in snippets; removed from indexed text so that no
// document can forge a mark.
const START = "\uE000";
const END = "\uE001";
const MARKERS = /[\uE000\uE001]/g;

/** Words too common to narrow a search; dropped unless the query has nothing else. */
const STOP_WORDS = new Set(
  "a an and are as at be by can do does for from how i in is it its of on or the this to was what when where which who why with".split(
    " ",
  ),
);

/**
 * The words of a query, lower-cased: runs of letters, digits and marks. A word joined by hyphens,
 * dots, apostrophes or slashes ("e-waste", "L.1470") stays one word of several tokens, searched
 * as a phrase; any other character separates words.
 */
export function parseQuery(query: string): string[] {
  const words: string[] = [];
  const text = query.normalize("NFKC").slice(0, MAX_QUERY_LENGTH).toLowerCase();
  for (const chunk of text.replace(/[^\p{L}\p{N}\p{M}\-.'’/]+/gu, " ").split(" ")) {
    const tokens = chunk.match(/[\p{L}\p{N}\p{M}]+/gu);
    if (tokens) words.push(tokens.join(" "));
  }
  const unique = [...new Set(words)];
  const meaningful = unique.filter((w) => !STOP_WORDS.has(w));
  return (meaningful.length ? meaningful : unique).slice(0, MAX_WORDS);
}

/** An FTS5 MATCH expression in which every word is a quoted string: all words must match. */
export function toMatchExpression(words: string[]): string {
  return words.map((w) => `"${w.replace(/"/g, '""')}"`).join(" ");
}

const noResults = (words: string[]): SearchResults => ({
  words,
  total: 0,
  byKind: { course: 0, lesson: 0, term: 0 },
  hits: [],
});

/** Ranked hits for a learner's query, best first; only current courses and their current lessons. */
export async function search(
  db: DbClient,
  query: string,
  { limit = 10, offset = 0 }: { limit?: number; offset?: number } = {},
): Promise<SearchResults> {
  const words = parseQuery(query);
  if (!words.length) return noResults(words);
  const take = Math.min(Math.max(1, Math.trunc(limit)), MAX_LIMIT);
  const skip = Math.max(0, Math.trunc(offset));
  if (dialect === "postgresql") return searchPostgres(db, words, take, skip);
  const match = toMatchExpression(words);

  const counts = await db.$queryRaw<{ kind: SearchKind; n: number | bigint }[]>`
    SELECT d."kind" AS "kind", count(*) AS "n"
    FROM "SearchDocument_fts"
    JOIN "SearchDocument" d ON d."id" = "SearchDocument_fts".rowid
    JOIN "Course" c ON c."id" = d."courseId"
    WHERE "SearchDocument_fts" MATCH ${match} AND c."retired" = false
    GROUP BY d."kind"`;
  const results = noResults(words);
  for (const { kind, n } of counts) {
    results.byKind[kind] = Number(n);
    results.total += Number(n);
  }
  if (!results.total || skip >= results.total) return results;

  // Ranked inside FTS5 (bm25, lower is better; a match in the title weighs five times one in the
  // body), so that highlights and snippets are made for one page of hits only.
  const rows = await db.$queryRaw<
    { kind: SearchKind; url: string; courseSlug: string; courseTitle: string; title: string; snippet: string }[]
  >`
    SELECT d."kind" AS "kind", d."url" AS "url", c."slug" AS "courseSlug", c."title" AS "courseTitle", h."title" AS "title", h."snippet" AS "snippet"
    FROM (
      SELECT rowid AS "id", rank AS "rank",
        highlight("SearchDocument_fts", 0, ${START}, ${END}) AS "title",
        snippet("SearchDocument_fts", 1, ${START}, ${END}, '…', 24) AS "snippet"
      FROM "SearchDocument_fts"
      WHERE "SearchDocument_fts" MATCH ${match} AND rank MATCH 'bm25(5.0, 1.0)'
      ORDER BY rank
      LIMIT ${take} OFFSET ${skip}
    ) h
    JOIN "SearchDocument" d ON d."id" = h."id"
    JOIN "Course" c ON c."id" = d."courseId"
    WHERE c."retired" = false
    ORDER BY h."rank", c."position", d."position"`;
  results.hits = rows.map((r) => ({
    kind: r.kind,
    title: marked(r.title),
    course: { slug: r.courseSlug, title: r.courseTitle },
    url: r.url,
    snippet: marked(r.snippet.replace(/\s*\n\s*/g, " · ")),
  }));
  return results;
}

/** A tsquery needing every word; each word (several tokens: "e waste") is a phrase. */
const tsQuery = (words: string[]) =>
  Prisma.sql`(${Prisma.join(
    words.map((w) => Prisma.sql`phraseto_tsquery('academy'::regconfig, ${w}::text)`),
    " && ",
  )})`;

// A match in the title (weight A) weighs five times one in the body (weight B); order {D, C, B, A}.
// The rank is divided by 1 + log(length): as with bm25, a match in a short text weighs more.
const WEIGHTS = "{0.1, 0.1, 0.2, 1.0}";
const TITLE_MARKS = `StartSel="${START}", StopSel="${END}", HighlightAll=true`;
// One fragment of up to 24 words around the matches, with words before the first as context.
const SNIPPET_MARKS = `StartSel="${START}", StopSel="${END}", MaxFragments=1, MaxWords=24, MinWords=12`;

/** `search` on PostgreSQL: the GIN-indexed "searchVector" column, ts_rank and ts_headline. */
async function searchPostgres(db: DbClient, words: string[], take: number, skip: number): Promise<SearchResults> {
  const query = tsQuery(words);
  const counts = await db.$queryRaw<{ kind: SearchKind; n: number | bigint }[]>`
    SELECT d."kind" AS "kind", count(*) AS "n"
    FROM "SearchDocument" d
    JOIN "Course" c ON c."id" = d."courseId"
    WHERE d."searchVector" @@ ${query} AND c."retired" = false
    GROUP BY d."kind"`;
  const results = noResults(words);
  for (const { kind, n } of counts) {
    results.byKind[kind] = Number(n);
    results.total += Number(n);
  }
  if (!results.total || skip >= results.total) return results;
  // Ranked first, so that highlights and snippets are made for one page of hits only.
  const rows = await db.$queryRaw<
    { kind: SearchKind; url: string; courseSlug: string; courseTitle: string; title: string; snippet: string }[]
  >`
    SELECT d."kind" AS "kind", d."url" AS "url", c."slug" AS "courseSlug", c."title" AS "courseTitle",
      ts_headline('academy'::regconfig, d."title", h."query", ${TITLE_MARKS}::text) AS "title",
      ts_headline('academy'::regconfig, d."body", h."query", ${SNIPPET_MARKS}::text) AS "snippet"
    FROM (
      SELECT d."id" AS "id", q."query" AS "query",
        ts_rank(${WEIGHTS}::float4[], d."searchVector", q."query", 1) AS "rank",
        c."position" AS "coursePosition", d."position" AS "position"
      FROM "SearchDocument" d
      JOIN "Course" c ON c."id" = d."courseId"
      CROSS JOIN (SELECT ${query} AS "query") q
      WHERE d."searchVector" @@ q."query" AND c."retired" = false
      ORDER BY "rank" DESC, c."position", d."position", d."id"
      LIMIT ${take} OFFSET ${skip}
    ) h
    JOIN "SearchDocument" d ON d."id" = h."id"
    JOIN "Course" c ON c."id" = d."courseId"
    ORDER BY h."rank" DESC, h."coursePosition", h."position", h."id"`;
  results.hits = rows.map((r) => ({
    kind: r.kind,
    title: marked(r.title),
    course: { slug: r.courseSlug, title: r.courseTitle },
    url: r.url,
    snippet: marked(r.snippet.replace(/\s*\n\s*/g, " · ")),
  }));
  return results;
}

/** Splits engine output with match markers into pieces of plain text; "scope 3" is one marked piece. */
export function marked(text: string): MarkedText {
  const pieces: MarkedText = [];
  let match = false;
  for (const piece of text.split(/([\uE000\uE001])/)) {
    if (piece === START) match = true;
    else if (piece === END) match = false;
    else if (piece) pieces.push({ text: piece, match });
  }
  // Spaces or hyphens between two matched words belong to the match.
  pieces.forEach((p, i) => {
    if (!p.match && /^[\s-]+$/.test(p.text) && pieces[i - 1]?.match && pieces[i + 1]?.match) p.match = true;
  });
  const parts: MarkedText = [];
  for (const p of pieces) {
    const last = parts[parts.length - 1];
    if (last && last.match === p.match) last.text += p.text;
    else parts.push({ ...p });
  }
  return parts;
}

export type SearchDocumentInput = { kind: SearchKind; title: string; body: string; url: string; position: number };

/** What of a course can be found: the course itself, each lesson, each glossary term. */
export function documentsOf(course: CatalogueCourse): SearchDocumentInput[] {
  const clean = (s: string) => s.replace(MARKERS, "");
  const docs: SearchDocumentInput[] = [
    {
      kind: "course",
      title: course.title,
      body: [course.summary, course.description, ...course.outcomes].join("\n"),
      url: paths.course(course),
      position: 0,
    },
  ];
  let position = 1;
  for (const mod of course.modules) {
    for (const lesson of mod.lessons) {
      docs.push({
        kind: "lesson",
        title: lesson.title,
        body: [lesson.summary, lesson.text ?? ""].join("\n"),
        url: paths.lesson(course, mod, lesson),
        position: position++,
      });
    }
  }
  for (const entry of course.glossary) {
    docs.push({
      kind: "term",
      title: entry.term,
      body: entry.definition,
      url: paths.glossaryTerm(course, entry.term),
      position: position++,
    });
  }
  return docs.map((d) => ({ ...d, title: clean(d.title), body: clean(d.body) }));
}

/** Replaces a course's documents with those of this version of it. Run it inside the sync's transaction. */
export async function indexCourse(db: DbClient, courseId: string, course: CatalogueCourse) {
  await unindexCourse(db, courseId);
  await db.searchDocument.createMany({ data: documentsOf(course).map((d) => ({ ...d, courseId })) });
  // PostgreSQL: the generated column and its index follow the rows by themselves.
  if (dialect === "postgresql") return;
  // External-content FTS5: the index is told about new rows.
  await db.$executeRaw`
    INSERT INTO "SearchDocument_fts"(rowid, "title", "body")
    SELECT "id", "title", "body" FROM "SearchDocument" WHERE "courseId" = ${courseId}`;
}

/** Removes a course's documents, e.g. when it is retired. */
export async function unindexCourse(db: DbClient, courseId: string) {
  if (dialect === "postgresql") {
    await db.searchDocument.deleteMany({ where: { courseId } });
    return;
  }
  // The index must be told about removed rows while they still exist, with their old text.
  await db.$executeRaw`
    INSERT INTO "SearchDocument_fts"("SearchDocument_fts", rowid, "title", "body")
    SELECT 'delete', "id", "title", "body" FROM "SearchDocument" WHERE "courseId" = ${courseId}`;
  await db.searchDocument.deleteMany({ where: { courseId } });
}

/** Rebuilds the whole index from the documents (repair; normal syncs keep it in step). */
export async function rebuildSearchIndex(db: DbClient) {
  if (dialect === "postgresql") {
    await db.$executeRaw`REINDEX INDEX "SearchDocument_searchVector_idx"`;
    return;
  }
  await db.$executeRaw`INSERT INTO "SearchDocument_fts"("SearchDocument_fts") VALUES ('rebuild')`;
}

/** Whether the index agrees with the documents (FTS5's own integrity check). */
export async function searchIndexIsConsistent(db: DbClient): Promise<boolean> {
  // PostgreSQL: a generated column cannot disagree with its row.
  if (dialect === "postgresql") return true;
  try {
    await db.$executeRaw`INSERT INTO "SearchDocument_fts"("SearchDocument_fts", rank) VALUES ('integrity-check', 1)`;
    return true;
  } catch {
    return false;
  }
}
