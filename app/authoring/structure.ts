// The shape of a course draft — modules and lessons as numbered folders and files, exactly as in
// content/ — and the edits the workspace makes to it. Pure functions over file maps: every change
// returns a new map, which the workspace then stores.
import { parse, stringify } from "yaml";
import type { CourseFiles } from "~/content/load.server";
import { problem, type Problem } from "~/i18n/problem";

const ORDERED = /^(\d+)-([a-z0-9]+(?:-[a-z0-9]+)*)$/;

export type OutlineLesson = { file: string; slug: string; title: string };
export type OutlineModule = { dir: string; slug: string; title: string; lessons: OutlineLesson[]; quiz: string | null };
export type Outline = { title: string; modules: OutlineModule[]; final: string | null; glossary: string | null };

/** A changed file map, or why the change cannot be made (`authoring:problems.structure.*`). */
export type StructureResult = { ok: true; files: CourseFiles } | { ok: false; problem: Problem };

const refuse = (key: string): StructureResult => ({
  ok: false,
  problem: problem(`authoring:problems.structure.${key}`),
});

/** "Why recycling lags" → "why-recycling-lags"; never empty. */
export function slugify(title: string, fallback = "untitled"): string {
  const slug = title
    .normalize("NFKD")
    .toLowerCase()
    .replace(/\p{M}+/gu, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return slug || fallback;
}

/** The frontmatter of a Markdown file as data (null when there is none or it does not parse). */
export function frontmatter(source: string | undefined): Record<string, unknown> | null {
  const match = source ? /^---\r?\n([\s\S]*?)\r?\n---/.exec(source) : null;
  if (!match) return null;
  try {
    const data: unknown = parse(match[1]);
    return data && typeof data === "object" ? (data as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Replaces a Markdown file's frontmatter, keeping its body. */
export function withFrontmatter(source: string | undefined, data: Record<string, unknown>): string {
  const body = source?.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n?/, "") ?? "";
  return `---\n${stringify(data, { lineWidth: 0 }).trimEnd()}\n---\n${body}`;
}

const titleOf = (source: string | undefined, fallback: string) => {
  const title = frontmatter(source)?.title;
  return typeof title === "string" && title.trim() ? title : fallback;
};

const moduleDirs = (files: CourseFiles) =>
  [
    ...new Set(
      Object.keys(files)
        .filter((p) => p.includes("/"))
        .map((p) => p.split("/")[0]),
    ),
  ].sort();
const lessonFiles = (files: CourseFiles, dir: string) =>
  Object.keys(files)
    .filter((p) => p.startsWith(`${dir}/`) && p.endsWith(".mdx") && p.split("/").length === 2)
    .sort();

export function outline(files: CourseFiles): Outline {
  return {
    title: titleOf(files["course.md"], "Untitled course"),
    modules: moduleDirs(files).map((dir) => ({
      dir,
      slug: ORDERED.exec(dir)?.[2] ?? dir,
      title: titleOf(files[`${dir}/module.md`], dir),
      lessons: lessonFiles(files, dir).map((file) => {
        const name = file.split("/")[1].replace(/\.mdx$/, "");
        return { file, slug: ORDERED.exec(name)?.[2] ?? name, title: titleOf(files[file], name) };
      }),
      quiz: `${dir}/quiz.yml` in files ? `${dir}/quiz.yml` : null,
    })),
    final: "final-assessment.yml" in files ? "final-assessment.yml" : null,
    glossary: "glossary.yml" in files ? "glossary.yml" : null,
  };
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The files of a new course: valid as they are, with every text the author should replace marked. */
export function newCourseFiles(title: string): CourseFiles {
  const course = withFrontmatter("\n", {
    title,
    summary: "One sentence on what the learner will be able to do after this course.",
    description: "What the course covers, for whom, and why it matters. Replace this text.",
    audience: "Who this course is for, and what they need to know before starting.",
    outcomes: [
      "First thing a learner will be able to do.",
      "Second thing a learner will be able to do.",
      "Third thing a learner will be able to do.",
    ],
    level: "introductory",
    topics: ["green-ict"],
    language: "en",
    passMark: 70,
  });
  return {
    "course.md": course,
    ...moduleFiles("01-getting-started", "Getting started", "First lesson"),
  };
}

function moduleFiles(dir: string, title: string, lessonTitle: string): CourseFiles {
  return {
    [`${dir}/module.md`]: withFrontmatter("\n", {
      title,
      summary: "What this module covers.",
      outcomes: ["What a learner can do after this module."],
      sources: [{ title: "Name the source of every figure", publisher: "Publisher", year: 2026 }],
    }),
    [`${dir}/01-${slugify(lessonTitle, "lesson")}.mdx`]: newLessonFile(lessonTitle),
  };
}

export function newLessonFile(title: string): string {
  return (
    withFrontmatter("\n", { title, summary: "What this lesson is about, in one sentence.", minutes: 5 }) +
    `\n## ${title}\n\nWrite the lesson here.\n`
  );
}

/** Renames `from/…` paths to `to/…` (or a single file) in a map. */
function rename(files: CourseFiles, from: string, to: string): CourseFiles {
  if (from === to) return files;
  const out: CourseFiles = {};
  for (const [path, body] of Object.entries(files)) {
    if (path === from) out[to] = body;
    else if (path.startsWith(`${from}/`)) out[`${to}/${path.slice(from.length + 1)}`] = body;
    else out[path] = body;
  }
  return out;
}

/** Gives the entries their order as NN- prefixes, keeping each one's slug (so lesson keys stay stable). */
function renumber(files: CourseFiles, ordered: string[], parent: string, ext: string): CourseFiles {
  // Two passes through temporary names, so that swapping 01- and 02- never collides.
  let out = files;
  const temp = ordered.map((p, i) => {
    const t = `${parent}${"~"}${i}${ext}`;
    out = rename(out, p, t);
    return t;
  });
  temp.forEach((t, i) => {
    const name = ordered[i].slice(parent.length).replace(ext, "");
    const slug = ORDERED.exec(name)?.[2] ?? name;
    out = rename(out, t, `${parent}${pad(i + 1)}-${slug}${ext}`);
  });
  return out;
}

const uniqueSlug = (slug: string, taken: string[]) => {
  let candidate = slug;
  for (let i = 2; taken.includes(candidate); i++) candidate = `${slug}-${i}`;
  return candidate;
};

export function addModule(files: CourseFiles, title: string): StructureResult {
  const dirs = moduleDirs(files);
  const slug = uniqueSlug(
    slugify(title, "module"),
    dirs.map((d) => ORDERED.exec(d)?.[2] ?? d),
  );
  return { ok: true, files: { ...files, ...moduleFiles(`${pad(dirs.length + 1)}-${slug}`, title, "First lesson") } };
}

export function addLesson(files: CourseFiles, dir: string, title: string): StructureResult {
  if (!moduleDirs(files).includes(dir)) return refuse("noModule");
  const lessons = lessonFiles(files, dir);
  const slugs = lessons.map((f) => ORDERED.exec(f.split("/")[1].replace(/\.mdx$/, ""))?.[2] ?? f);
  const slug = uniqueSlug(slugify(title, "lesson"), slugs);
  return { ok: true, files: { ...files, [`${dir}/${pad(lessons.length + 1)}-${slug}.mdx`]: newLessonFile(title) } };
}

/** Puts a module at `index` (0-based) among the modules, renumbering the others. */
export function placeModule(files: CourseFiles, dir: string, index: number): StructureResult {
  const dirs = moduleDirs(files);
  const i = dirs.indexOf(dir);
  if (i < 0) return refuse("noModule");
  if (!Number.isInteger(index) || index < 0 || index >= dirs.length) return refuse("moduleAtEnd");
  dirs.splice(i, 1);
  dirs.splice(index, 0, dir);
  return { ok: true, files: renumber(files, dirs, "", "") };
}

export function moveModule(files: CourseFiles, dir: string, delta: -1 | 1): StructureResult {
  return placeModule(files, dir, moduleDirs(files).indexOf(dir) + delta);
}

/** Puts a lesson at `index` (0-based) within its module, renumbering the others. */
export function placeLesson(files: CourseFiles, file: string, index: number): StructureResult {
  const dir = file.split("/")[0];
  const lessons = lessonFiles(files, dir);
  const i = lessons.indexOf(file);
  if (i < 0) return refuse("noLesson");
  if (!Number.isInteger(index) || index < 0 || index >= lessons.length) return refuse("lessonAtEnd");
  lessons.splice(i, 1);
  lessons.splice(index, 0, file);
  return { ok: true, files: renumber(files, lessons, `${dir}/`, ".mdx") };
}

export function moveLesson(files: CourseFiles, file: string, delta: -1 | 1): StructureResult {
  return placeLesson(files, file, lessonFiles(files, file.split("/")[0]).indexOf(file) + delta);
}

export function removeModule(files: CourseFiles, dir: string): StructureResult {
  const dirs = moduleDirs(files);
  if (!dirs.includes(dir)) return refuse("noModule");
  if (dirs.length === 1) return refuse("lastModule");
  const rest = Object.fromEntries(Object.entries(files).filter(([p]) => !p.startsWith(`${dir}/`)));
  return { ok: true, files: renumber(rest, moduleDirs(rest), "", "") };
}

export function removeLesson(files: CourseFiles, file: string): StructureResult {
  const dir = file.split("/")[0];
  const lessons = lessonFiles(files, dir);
  if (!lessons.includes(file)) return refuse("noLesson");
  if (lessons.length === 1) return refuse("lastLesson");
  const { [file]: _removed, ...rest } = files;
  return { ok: true, files: renumber(rest, lessonFiles(rest, dir), `${dir}/`, ".mdx") };
}

/** A starter quiz for a module (or the final assessment), in the validated quiz format. */
export function newQuizFile(final: boolean): string {
  return stringify(
    {
      title: final ? "Final assessment" : "Check your understanding",
      reveal: final ? "never" : "after-pass",
      questions: [
        {
          id: "q1",
          type: "single",
          prompt: "Write the question here.",
          options: [
            { id: "a", text: "The right answer", correct: true },
            { id: "b", text: "A plausible wrong answer" },
            { id: "c", text: "Another plausible wrong answer" },
          ],
          explanation: "Why the right answer is right.",
          concept: "The idea a learner who got this wrong should revisit.",
        },
      ],
    },
    { lineWidth: 0 },
  );
}
