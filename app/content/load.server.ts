// Reads content/courses into validated course definitions, collecting every problem in every file
// as `path:line:column message` rather than stopping at the first.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { LineCounter, parseDocument, isNode, type Document } from "yaml";
import type { z } from "zod";
import { checkLessonMdx } from "~/lessons/mdx-guard";
import { courseMinutes } from "./duration";
import {
  CourseFrontmatter,
  Glossary,
  LessonFrontmatter,
  ModuleFrontmatter,
  outcomeChecks,
  Quiz,
  quizChecks,
  type CourseMeta,
  type ModuleMeta,
  type QuizDef,
} from "./schema";
import { translationProblems } from "./translation";

export type Problem = { file: string; line: number; column: number; message: string };
export type LessonDef = {
  key: string;
  slug: string;
  title: string;
  summary: string;
  minutes: number;
  file: string;
  body: string;
  hash: string;
};
export type ModuleDef = ModuleMeta & { slug: string; lessons: LessonDef[]; quiz: QuizDef | null };
export type CourseDef = CourseMeta & {
  /** Lesson minutes plus quiz time (see duration.ts). */
  estimatedMinutes: number;
  slug: string;
  position: number;
  modules: ModuleDef[];
  finalAssessment: QuizDef | null;
  glossary: { term: string; definition: string }[];
  hash: string;
};

export const formatProblem = (p: Problem) => `${p.file}:${p.line}:${p.column} ${p.message}`;

const ORDERED = /^(\d+)-([a-z0-9]+(?:-[a-z0-9]+)*)$/;

/** A course folder as a map from paths relative to it (e.g. "01-basics/02-why.mdx") to their text. */
export type CourseFiles = Record<string, string>;

/** The text files a course folder may hold. */
export const COURSE_FILE = /\.(md|mdx|ya?ml)$/;

export function loadContent(root = "content/courses"): { courses: CourseDef[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const courses: CourseDef[] = [];
  if (!existsSync(root)) return { courses, problems };
  const rel = (path: string) => relative(process.cwd(), path) || path;
  const dirs = orderedNames(
    readdirSync(root, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name),
    "dir",
    (name) => rel(join(root, name)),
    problems,
  );
  const folders = new Map<string, string>();
  for (const [position, dir] of dirs.entries()) {
    const courseDir = join(root, dir.name);
    const course = loadCourse(readCourseDir(courseDir), { slug: dir.slug, position, prefix: rel(courseDir) });
    problems.push(...course.problems);
    if (course.course) courses.push(course.course);
    folders.set(dir.slug, rel(courseDir));
  }
  for (const translation of courses) {
    if (!translation.translationOf) continue;
    const original = courses.find((c) => c.slug === translation.translationOf);
    const dir = folders.get(translation.slug)!;
    if (!original || original.translationOf)
      problems.push({
        file: `${dir}/course.md`,
        line: 1,
        column: 1,
        message: `translationOf: "${translation.translationOf}" is not an original course in this folder`,
      });
    else problems.push(...translationProblems(original, translation, dir));
  }
  return { courses, problems };
}

/**
 * Reads a course folder from disk into a file map: .md, .mdx, .yml and .yaml files only, sorted,
 * "/" separators; symbolic links are skipped. Throws when a file is not UTF-8 text.
 */
export function readCourseDir(dir: string): CourseFiles {
  const paths: string[] = [];
  const walk = (sub: string) => {
    for (const entry of readdirSync(sub ? join(dir, sub) : dir, { withFileTypes: true })) {
      const path = sub ? `${sub}/${entry.name}` : entry.name;
      // Dirent types come from lstat: symbolic links are neither files nor folders here.
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && COURSE_FILE.test(entry.name)) paths.push(path);
    }
  };
  walk("");
  const files: CourseFiles = {};
  for (const path of paths.sort()) {
    try {
      files[path] = utf8.decode(readFileSync(join(dir, path)));
    } catch {
      throw new Error(`${join(dir, path)} is not UTF-8 text`);
    }
  }
  return files;
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * Validates one course given as a file map — from content/, from the authoring workspace or from
 * an imported archive alike. Problems name `prefix/path` (the prefix is "" for drafts).
 * `lessonMdx: "elsewhere"` leaves the lessons' MDX check to the caller: text written in the browser
 * is checked in the sandboxed compiler, never on the request thread.
 */
export function loadCourse(
  files: CourseFiles,
  opts: { slug: string; position: number; prefix?: string; lessonMdx?: "check" | "elsewhere" },
): { course: CourseDef | null; problems: Problem[] } {
  const checkMdx = opts.lessonMdx !== "elsewhere";
  const problems: Problem[] = [];
  const name = (path: string) => (opts.prefix ? `${opts.prefix}/${path}` : path);
  const paths = Object.keys(files).sort();
  const childDirs = (dir: string) => [
    ...new Set(
      paths
        .filter((p) => p.startsWith(dir ? `${dir}/` : "") && p.slice(dir ? dir.length + 1 : 0).includes("/"))
        .map((p) => p.slice(dir ? dir.length + 1 : 0).split("/")[0]),
    ),
  ];
  const mdxIn = (dir: string) =>
    paths
      .filter((p) => p.startsWith(`${dir}/`) && !p.slice(dir.length + 1).includes("/") && p.endsWith(".mdx"))
      .map((p) => p.slice(dir.length + 1).replace(/\.mdx$/, ""));

  const meta = readFrontmatter(files, "course.md", name, CourseFrontmatter, problems);
  const outcomeCount = meta?.value.outcomes.length;
  const checkQuiz: Check = (raw) => [...quizChecks(raw), ...(outcomeCount ? outcomeChecks(raw, outcomeCount) : [])];
  const modules: ModuleDef[] = [];
  for (const m of orderedNames(childDirs(""), "dir", name, problems)) {
    const moduleMeta = readFrontmatter(files, `${m.name}/module.md`, name, ModuleFrontmatter, problems);
    const lessons: LessonDef[] = [];
    for (const l of orderedNames(mdxIn(m.name), "mdx", (n) => name(`${m.name}/${n}`), problems)) {
      const lesson = readLesson(
        files[`${m.name}/${l.name}`],
        name(`${m.name}/${l.name}`),
        m.slug,
        l.slug,
        problems,
        checkMdx,
      );
      if (lesson) lessons.push(lesson);
    }
    // A module whose lessons all have problems is reported through those problems alone.
    if (!mdxIn(m.name).length)
      problems.push({
        file: name(m.name),
        line: 1,
        column: 1,
        message: "a module needs at least one lesson (NN-slug.mdx)",
      });
    const quizFile = `${m.name}/quiz.yml`;
    const quiz = quizFile in files ? readYaml(files, quizFile, name, Quiz, problems, checkQuiz) : null;
    if (moduleMeta) modules.push({ ...moduleMeta.value, slug: m.slug, lessons, quiz });
  }
  if (!modules.length)
    problems.push({
      file: name("course.md"),
      line: 1,
      column: 1,
      message: "a course needs at least one module folder (NN-slug)",
    });
  const finalAssessment =
    "final-assessment.yml" in files ? readYaml(files, "final-assessment.yml", name, Quiz, problems, checkQuiz) : null;
  const glossary = "glossary.yml" in files ? (readYaml(files, "glossary.yml", name, Glossary, problems) ?? []) : [];
  if (!meta) return { course: null, problems };

  const keys = new Map<string, string>();
  for (const lesson of modules.flatMap((mod) => mod.lessons)) {
    if (keys.has(lesson.key))
      problems.push({
        file: lesson.file,
        line: 1,
        column: 1,
        message: `lesson key "${lesson.key}" is also used by ${keys.get(lesson.key)}`,
      });
    keys.set(lesson.key, lesson.file);
  }
  const hash = createHash("sha256")
    .update(JSON.stringify({ meta: meta.value, modules, finalAssessment, glossary }))
    .digest("hex")
    .slice(0, 16);
  // The one duration shown anywhere: computed from the lessons and quizzes, never typed in.
  const estimatedMinutes = Math.round(courseMinutes({ modules, finalAssessment }));
  const course: CourseDef = {
    ...meta.value,
    estimatedMinutes,
    slug: opts.slug,
    position: opts.position,
    modules,
    finalAssessment,
    glossary,
    hash,
  };
  return { course, problems };
}

function orderedNames(names: string[], kind: "dir" | "mdx", name: (n: string) => string, problems: Problem[]) {
  const result: { name: string; slug: string }[] = [];
  for (const n of [...names].sort()) {
    const match = ORDERED.exec(n);
    if (!match) {
      problems.push({
        file: name(kind === "mdx" ? `${n}.mdx` : n),
        line: 1,
        column: 1,
        message: 'name it with an order prefix and a lower-case slug, e.g. "01-the-e-waste-challenge"',
      });
      continue;
    }
    result.push({ name: kind === "mdx" ? `${n}.mdx` : n, slug: match[2] });
  }
  return result;
}

type Parsed<T> = { value: T; position: (path: (string | number)[]) => { line: number; column: number } };

/** Parses YAML (which starts at `lineOffset` in its file) and validates it, with positions for every problem. */
type Check = (raw: unknown) => { path: (string | number)[]; message: string }[];

function parseYaml<S extends z.ZodTypeAny>(
  source: string,
  schema: S,
  file: string,
  lineOffset: number,
  problems: Problem[],
  check?: Check,
): Parsed<z.infer<S>> | null {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(source, { lineCounter, prettyErrors: false });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + lineOffset, column: col };
  };
  if (doc.errors.length) {
    for (const e of doc.errors) problems.push({ file, ...at(e.pos[0]), message: `YAML: ${e.message.split("\n")[0]}` });
    return null;
  }
  const position = (path: (string | number)[]) => {
    for (let i = path.length; i >= 0; i--) {
      const node = doc.getIn(path.slice(0, i), true);
      if (isNode(node) && node.range) return at(node.range[0]);
    }
    return { line: 1 + lineOffset, column: 1 };
  };
  const raw = doc.toJS();
  const extra = check?.(raw) ?? [];
  for (const issue of extra)
    problems.push({ file, ...position(issue.path), message: `${issue.path.join(".")}: ${issue.message}` });
  const result = schema.safeParse(raw);
  if (!result.success || extra.length) {
    for (const issue of result.error?.issues ?? []) {
      const where = issue.path.length ? `${issue.path.join(".")}: ` : "";
      const message =
        issue.code === "unrecognized_keys"
          ? `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.join(", ")}`
          : issue.message;
      problems.push({ file, ...position(issue.path), message: `${where}${message}` });
    }
    return null;
  }
  return { value: result.data, position };
}

function readYaml<S extends z.ZodTypeAny>(
  files: CourseFiles,
  path: string,
  name: (p: string) => string,
  schema: S,
  problems: Problem[],
  check?: Check,
): z.infer<S> | null {
  return parseYaml(files[path], schema, name(path), 0, problems, check)?.value ?? null;
}

/** Checks only a lesson's frontmatter (the MDX body is checked where it is compiled). */
export function checkLessonFrontmatter(source: string): Omit<Problem, "file">[] {
  const problems: Problem[] = [];
  const parts = splitFrontmatter(source);
  if (!parts)
    return [
      {
        line: 1,
        column: 1,
        message: "frontmatter is missing: start the file with --- and title, summary, minutes, then ---",
      },
    ];
  parseYaml(parts.yaml, LessonFrontmatter, "", 1, problems);
  return problems.map(({ file: _f, ...p }) => p);
}

function splitFrontmatter(source: string): { yaml: string; body: string } | null {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(source);
  if (!match) return null;
  return { yaml: match[1], body: source.slice(match[0].length) };
}

function readFrontmatter<S extends z.ZodTypeAny>(
  files: CourseFiles,
  path: string,
  name: (p: string) => string,
  schema: S,
  problems: Problem[],
): Parsed<z.infer<S>> | null {
  if (!(path in files)) {
    problems.push({ file: name(path), line: 1, column: 1, message: "file is missing" });
    return null;
  }
  const parts = splitFrontmatter(files[path]);
  if (!parts) {
    problems.push({
      file: name(path),
      line: 1,
      column: 1,
      message: "frontmatter is missing: start the file with --- and the fields, then ---",
    });
    return null;
  }
  return parseYaml(parts.yaml, schema, name(path), 1, problems);
}

function readLesson(
  source: string,
  file: string,
  moduleSlug: string,
  slug: string,
  problems: Problem[],
  checkMdx: boolean,
): LessonDef | null {
  const before = problems.length;
  if (checkMdx) for (const p of checkLessonMdx(source)) problems.push({ file, ...p });
  const parts = splitFrontmatter(source);
  if (!parts) {
    problems.push({
      file,
      line: 1,
      column: 1,
      message: "frontmatter is missing: start the file with --- and title, summary, minutes, then ---",
    });
    return null;
  }
  const meta = parseYaml(parts.yaml, LessonFrontmatter, file, 1, problems);
  if (!meta || problems.length > before) return null;
  const { key = `${moduleSlug}/${slug}`, ...rest } = meta.value;
  // The body keeps its line numbers: blank lines stand in for the frontmatter.
  const body = "\n".repeat(parts.yaml.split("\n").length + 2) + parts.body;
  return { ...rest, key, slug, file, body, hash: lessonHash(source) };
}

/** A lesson's identity for compiled code: the hash of its whole file. */
export const lessonHash = (source: string) => createHash("sha256").update(source).digest("hex").slice(0, 20);
