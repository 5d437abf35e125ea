// A course and its translations are one catalogue entry, shown in the learner's language.
import { beforeAll, describe, expect, it } from "vitest";
import { quizCourse } from "#tests/fixtures/course-fixture";
import { publishCourse } from "#tests/fixtures/publish-course";
import { signUp } from "~/auth/auth.server";
import { ensureCatalogue } from "~/content/catalogue.server";
import { db } from "~/db/db.server";
import { listCourses } from "./courses.server";
import { enrol } from "./progress.server";

const original = quizCourse({ slug: "energy", title: "Energy", language: "en", position: 0 });
const arabic = quizCourse({ slug: "energy-ar", title: "الطاقة", language: "ar", translationOf: "energy", position: 1 });
const french = quizCourse({
  slug: "energy-fr",
  title: "L’énergie",
  language: "fr",
  translationOf: "energy",
  position: 2,
});
const other = quizCourse({ slug: "water", title: "Water", language: "en", position: 3 });
const ids: Record<string, string> = {};

beforeAll(async () => {
  for (const course of [original, arabic, french, other]) ids[course.slug] = (await publishCourse(db, course)).courseId;
  await ensureCatalogue(Date.now() + 60_000);
});

const slugs = (list: { slug: string }[]) => list.map((c) => c.slug);

describe("the catalogue in several languages", () => {
  it("shows one entry per course, in the interface language when it exists, first, naming the others", async () => {
    const inArabic = await listCourses(db, {}, null, "ar");
    expect(slugs(inArabic)).toEqual(["energy-ar", "water"]);
    expect(inArabic[0]!.otherLanguages).toEqual([
      { slug: "energy", language: "en", title: "Energy" },
      { slug: "energy-fr", language: "fr", title: "L’énergie" },
    ]);
    expect(slugs(await listCourses(db, {}, null, "en"))).toEqual(["energy", "water"]);
  });

  it("lists every course written in a language when filtered by it", async () => {
    expect(slugs(await listCourses(db, { language: "fr" }, null, "ar"))).toEqual(["energy-fr"]);
    expect(slugs(await listCourses(db, { language: "en" }, null, "ar"))).toEqual(["energy", "water"]);
  });

  it("shows the version a learner is enrolled in, whatever the interface language", async () => {
    const created = await signUp({ name: "Lina", email: "lina@example.org", password: "a long test password" });
    if (!("userId" in created)) throw new Error("sign-up failed");
    await enrol(db, created.userId, ids["energy-fr"]!);
    const list = await listCourses(db, {}, created.userId, "ar");
    expect(slugs(list)).toEqual(["energy-fr", "water"]);
    expect(list.find((c) => c.slug === "energy-fr")!.progress).toBe(0);
  });
});
