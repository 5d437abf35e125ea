import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { seedCohortFixture } from "#tests/fixtures/cohort-fixture";
import { db } from "~/db/db.server";
import { cohortStatementsStream } from "~/xapi/export.server";
import { cohortCsvStream, downloadName, neutralise } from "./export.server";

let cohortId = "";
beforeAll(async () => {
  process.env.PUBLIC_URL = "https://academy.example";
  cohortId = (await seedCohortFixture(db)).cohort.id;
  // Names a spreadsheet would run, or that need quoting.
  await db.user.update({ where: { id: "di" }, data: { name: '=HYPERLINK("http://evil.example","Di")' } });
  await db.user.update({ where: { id: "bo" }, data: { name: "Diddley, Bo \"the\" \nbeat" } });
  await db.user.update({ where: { id: "cy" }, data: { name: "王小明 Σωκράτης ليلى" } });
});

const bytes = async (stream: ReadableStream<Uint8Array>) => Buffer.from(await new Response(stream).arrayBuffer());

describe("the cohort's CSV export", () => {
  it("neutralises cells a spreadsheet would run as formulas", () => {
    for (const bad of ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"]) expect(neutralise(bad)).toBe(`'${bad}`);
    for (const ok of ["Ada", "1", "", "a=b", " =x"]) expect(neutralise(ok)).toBe(ok);
  });

  it("is UTF-8 with a byte order mark, quoted where needed, one row per learner, any script round-tripping", async () => {
    // A page size of 2 reads the five learners in three pages.
    const body = await bytes(cohortCsvStream(db, cohortId, 2));
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = body.toString("utf8");
    expect(text).toContain('"Diddley, Bo ""the"" \nbeat"');
    const rows = parse(body, { bom: true, columns: true, relax_column_count: false }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([
      "Name",
      "E-mail",
      "Course",
      "Status",
      "Percent",
      "Best score: m1 quiz",
      "Best score: m2 quiz",
      "Best score: Final assessment",
      "Completed on",
      "Certificate",
      "Verify URL",
    ]);
    // In the order of the learners' ids (ada, bo, cy, di, emilie).
    expect(rows.map((r) => r.Name)).toEqual([
      "Ada Lovelace",
      'Diddley, Bo "the" \nbeat',
      "王小明 Σωκράτης ليلى",
      "'=HYPERLINK(\"http://evil.example\",\"Di\")",
      "Émilie Du Châtelet",
    ]);
    const ada = rows.find((r) => r.Name === "Ada Lovelace")!;
    expect(ada).toEqual({
      Name: "Ada Lovelace",
      "E-mail": "ada@example.org",
      Course: "Quiz course",
      Status: "Completed",
      Percent: "100",
      "Best score: m1 quiz": "90",
      "Best score: m2 quiz": "80",
      "Best score: Final assessment": "85",
      "Completed on": "2027-01-10",
      Certificate: "CERT-ADA",
      "Verify URL": "https://academy.example/verify/CERT-ADA",
    });
    expect(rows.find((r) => r["E-mail"] === "di@example.org")).toMatchObject({ Status: "Not started", Percent: "0" });
    expect(rows.find((r) => r["E-mail"] === "cy@example.org")).toMatchObject({
      Status: "In progress",
      "Best score: m1 quiz": "40",
      "Best score: m2 quiz": "",
    });
  });

  it("names the download after the organisation, the cohort and the day", () => {
    expect(downloadName(["acme", "Printemps 2027 (Été)", "progress"], "csv", new Date("2027-01-20T10:00:00Z"))).toBe(
      "acme-printemps-2027-ete-progress-2027-01-20.csv",
    );
  });
});

describe("the cohort's xAPI download", () => {
  it("is one JSON array of the cohort learners' statements about the cohort's courses", async () => {
    const statement = (id: string, userId: string, courseId: string | null) => ({
      id,
      userId,
      courseId,
      verb: "registered",
      statement: JSON.stringify({ id, actor: { account: { name: userId } } }),
    });
    const course = await db.course.findUniqueOrThrow({ where: { slug: "quiz-course" } });
    await db.xapiStatement.createMany({
      data: [
        statement("00000000-0000-4000-8000-000000000001", "ada", course.id),
        statement("00000000-0000-4000-8000-000000000002", "emilie", course.id),
        statement("00000000-0000-4000-8000-000000000003", "outsider", course.id), // another cohort
        statement("00000000-0000-4000-8000-000000000004", "teacher", course.id), // not a learner
        statement("00000000-0000-4000-8000-000000000005", "ada", null), // no course of the cohort
      ],
    });
    const parsed = JSON.parse((await bytes(cohortStatementsStream(db, cohortId, 2))).toString("utf8")) as {
      id: string;
    }[];
    expect(parsed.map((s) => s.id.slice(-1))).toEqual(["1", "2"]);
  });
});
