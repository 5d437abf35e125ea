import { beforeAll, describe, expect, it } from "vitest";
import type { CatalogueCourse } from "~/content/catalogue";
import { syncCatalogue } from "~/content/sync.server";
import { db } from "~/db/db.server";
import {
  marked,
  parseQuery,
  search,
  searchIndexIsConsistent,
  toMatchExpression,
  type MarkedText,
} from "./search.server";

const lesson = (slug: string, title: string, text: string, summary = "A lesson.") => ({
  key: `m1/${slug}`,
  slug,
  title,
  summary,
  minutes: 5,
  hash: `${slug}-${text.length}`,
  text,
});

function course(slug: string, overrides: Partial<CatalogueCourse> = {}): CatalogueCourse {
  return {
    slug,
    position: 0,
    title: `Course ${slug}`,
    summary: "A course about things.",
    description: "Longer description.",
    audience: "Everyone",
    outcomes: ["Explain things"],
    level: "introductory",
    topics: ["testing"],
    language: "en",
    estimatedMinutes: 10,
    passMark: 70,
    retakes: { maxAttempts: 3, cooldownMinutes: 0 },
    finalAssessment: null,
    glossary: [],
    hash: `${slug}-1`,
    modules: [],
    ...overrides,
  };
}

const repair = () =>
  course("repair", {
    position: 0,
    title: "Repair and reuse of devices",
    summary: "Keep phones and laptops in use for longer.",
    glossary: [
      { term: "Refurbish", definition: "Restore an older product so that it can be used again." },
      { term: "E-waste", definition: "Any discarded product with a plug or battery." },
    ],
    modules: [
      {
        slug: "m1",
        title: "Module one",
        summary: "s",
        outcomes: [],
        sources: [],
        quiz: null,
        lessons: [
          lesson(
            "batteries",
            "Batteries and chargers",
            "Swappable batteries make a phone last longer. A common charger cuts waste.",
          ),
          lesson(
            "zeppelin",
            "Airships",
            "The zeppelin is mentioned here only once, in passing, and nowhere else in the catalogue.",
          ),
          lesson(
            "recycling",
            "Recycling rates",
            "E-waste that is documented as recycled is only a share of what is generated. Recycled tonnes grow slowly; batteries are recycled too.",
          ),
          lesson("forged", "Forged marks", "A body with \uE000fake\uE001 marks inside must not show them."),
        ],
      },
    ],
  });

const standards = () =>
  course("standards", {
    position: 1,
    title: "Green standards",
    summary: "How the L-series of recommendations measures ICT's footprint.",
    modules: [
      {
        slug: "m1",
        title: "Module one",
        summary: "s",
        outcomes: [],
        sources: [],
        quiz: null,
        lessons: Array.from({ length: 30 }, (_, i) =>
          lesson(
            `l${i}`,
            `Standard part ${i}`,
            `Footprint accounting, part ${i}: scope 3 emissions of the supply chain.`,
          ),
        ),
      },
    ],
  });

const plain = (t: MarkedText) => t.map((p) => p.text).join("");
const marks = (t: MarkedText) => t.filter((p) => p.match).map((p) => p.text.toLowerCase());

beforeAll(async () => {
  await syncCatalogue(db, { courses: [repair(), standards()] });
});

describe("search", () => {
  it("finds courses, lessons and glossary terms, each with its course and the URL to open", async () => {
    const r = await search(db, "refurbish");
    expect(r.hits[0]).toMatchObject({
      kind: "term",
      url: "/courses/repair/glossary#term-refurbish",
      course: { slug: "repair", title: "Repair and reuse of devices" },
    });
    expect(plain(r.hits[0].title)).toBe("Refurbish");

    const lessons = await search(db, "charger");
    expect(lessons.hits.map((h) => h.url)).toContain("/courses/repair/m1/batteries");
    expect(lessons.hits.find((h) => h.url === "/courses/repair/m1/batteries")!.kind).toBe("lesson");

    const courses = await search(db, "laptops");
    expect(courses.hits).toHaveLength(1);
    expect(courses.hits[0]).toMatchObject({ kind: "course", url: "/courses/repair" });
  });

  it("ranks a match in the title above one in the body", async () => {
    const r = await search(db, "batteries");
    expect(r.hits.map((h) => h.url)).toEqual([
      "/courses/repair/m1/batteries", // in the title
      "/courses/repair/glossary#term-e-waste", // "battery", in a short text
      "/courses/repair/m1/recycling", // once, in a longer text
    ]);
  });

  it("matches other forms of a word and marks them in the snippet and title", async () => {
    const r = await search(db, "recycled");
    const hit = r.hits.find((h) => h.url === "/courses/repair/m1/recycling")!;
    expect(marks(hit.title)).toEqual(["recycling"]);
    expect(marks(hit.snippet)).toContain("recycled");
    expect(plain(hit.snippet)).toContain("documented as recycled");
  });

  it("needs every word and keeps hyphenated words together", async () => {
    expect((await search(db, "batteries charger")).hits.map((h) => h.url)).toEqual(["/courses/repair/m1/batteries"]);
    const ewaste = await search(db, "E-waste");
    expect(ewaste.hits.map((h) => h.url).sort()).toEqual([
      "/courses/repair/glossary#term-e-waste",
      "/courses/repair/m1/recycling",
    ]);
    expect(ewaste.byKind).toEqual({ course: 0, lesson: 1, term: 1 });
  });

  it("ignores common words unless there is nothing else", async () => {
    expect(parseQuery("What is the zeppelin?")).toEqual(["zeppelin"]);
    expect(parseQuery("the")).toEqual(["the"]);
    expect((await search(db, "what is a zeppelin")).total).toBe(1);
  });

  it("pages through many results with a stable total", async () => {
    const first = await search(db, "footprint", { limit: 10 });
    expect(first.total).toBe(31);
    const all = [];
    for (let offset = 0; offset < first.total; offset += 10)
      all.push(...(await search(db, "footprint", { limit: 10, offset })).hits);
    expect(all).toHaveLength(31);
    expect(new Set(all.map((h) => h.url)).size).toBe(31);
    expect((await search(db, "footprint", { offset: 100 })).hits).toEqual([]);
    expect((await search(db, "scope", { limit: 10_000 })).hits.length).toBe(30);
    expect((await search(db, "footprint", { limit: 0 })).hits.length).toBe(1);
  });

  it("treats hostile input as words, never as query syntax", async () => {
    const hostile = [
      '"',
      '""""',
      "AND (",
      "*",
      "OR",
      "NOT",
      "NEAR(zeppelin charger, 2)",
      "title:zeppelin",
      "{title body}: zeppelin",
      "^zeppelin",
      "zeppelin*",
      "-zeppelin",
      "zeppelin\u0000",
      '\'); DROP TABLE "SearchDocument"; --',
      "\uE000zeppelin\uE001",
      "(((((",
      ")",
      ":",
      "🙂",
      "x".repeat(10_000),
      "a ".repeat(5_000),
    ];
    for (const q of hostile) {
      const r = await search(db, q);
      expect(Array.isArray(r.hits), q).toBe(true);
    }
    expect(parseQuery("title:zeppelin")).toEqual(["title", "zeppelin"]);
    expect(parseQuery("NEAR(zeppelin charger, 2)")).toEqual(["near", "zeppelin", "charger", "2"]);
    for (const q of [
      "{zeppelin}",
      "^zeppelin",
      "zeppelin*",
      "-zeppelin",
      "(zeppelin)",
      '"zeppelin',
      "\uE000zeppelin\uE001",
    ]) {
      expect(
        (await search(db, q)).hits.map((h) => h.url),
        q,
      ).toEqual(["/courses/repair/m1/zeppelin"]);
    }
    expect((await search(db, "*")).total).toBe(0);
    expect(toMatchExpression(['say "hi"'])).toBe('"say ""hi"""');
    expect(await db.searchDocument.count()).toBeGreaterThan(0);
  });

  it("joins adjacent marked words into one mark", () => {
    expect(marked("a \uE000scope\uE001 \uE0003\uE001 b")).toEqual([
      { text: "a ", match: false },
      { text: "scope 3", match: true },
      { text: " b", match: false },
    ]);
    expect(marked("\uE000e\uE001-\uE000waste\uE001, \uE000e\uE001")).toEqual([
      { text: "e-waste", match: true },
      { text: ", ", match: false },
      { text: "e", match: true },
    ]);
  });

  it("never lets indexed text forge a match mark", async () => {
    const r = await search(db, "forged");
    expect(r.hits).toHaveLength(1);
    expect(plain(r.hits[0].snippet)).toContain("A body with fake marks inside");
    expect(marks(r.hits[0].snippet)).not.toContain("fake");
  });

  it("finds nothing of retired lessons and retired courses, and keeps the index consistent", async () => {
    const next = repair();
    next.hash = "repair-2";
    next.modules[0].lessons = next.modules[0].lessons.filter((l) => l.slug !== "zeppelin");
    await syncCatalogue(db, { courses: [next, standards()] });
    expect((await search(db, "zeppelin")).total).toBe(0);
    expect((await search(db, "charger")).total).toBe(1);

    await syncCatalogue(db, { courses: [next] });
    expect((await search(db, "footprint")).total).toBe(0);
    expect(await searchIndexIsConsistent(db)).toBe(true);

    // Brought back, it is found again.
    await syncCatalogue(db, { courses: [next, standards()] });
    expect((await search(db, "footprint")).total).toBe(31);
    expect(await searchIndexIsConsistent(db)).toBe(true);
  });
});
