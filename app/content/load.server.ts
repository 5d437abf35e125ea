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

export function loadContent(root = "content/courses"): { courses: CourseDef[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const courses: CourseDef[] = [];
  if (!existsSync(root)) return { courses, problems };
  const rel = (path: string) => relative(process.cwd(), path) || path;

  for (const [position, dir] of orderedEntries(root, "dir", problems, rel).entries()) {
    const courseDir = join(root, dir.name);
    const courseFile = join(courseDir, "course.md");
    const meta = readFrontmatter(courseFile, CourseFrontmatter, problems, rel);
    const outcomeCount = meta?.value.outcomes.length;
    const checkQuiz: Check = (raw) => [...quizChecks(raw), ...(outcomeCount ? outcomeChecks(raw, outcomeCount) : [])];
    const modules: ModuleDef[] = [];
    for (const m of orderedEntries(courseDir, "dir", problems, rel)) {
      const moduleDir = join(courseDir, m.name);
      const moduleMeta = readFrontmatter(join(moduleDir, "module.md"), ModuleFrontmatter, problems, rel);
      const lessons: LessonDef[] = [];
      for (const l of orderedEntries(moduleDir, "mdx", problems, rel)) {
        const file = join(moduleDir, l.name);
        const lesson = readLesson(file, `${m.slug}/${l.slug}`, l.slug, problems, rel);
        if (lesson) lessons.push(lesson);
      }
      if (!lessons.length)
        problems.push({
          file: rel(moduleDir),
          line: 1,
          column: 1,
          message: "a module needs at least one lesson (NN-slug.mdx)",
        });
      const quizFile = join(moduleDir, "quiz.yml");
      const quiz = existsSync(quizFile) ? readYaml(quizFile, Quiz, problems, rel, checkQuiz) : null;
      if (moduleMeta) modules.push({ ...moduleMeta.value, slug: m.slug, lessons, quiz });
    }
    if (!modules.length)
      problems.push({
        file: rel(courseDir),
        line: 1,
        column: 1,
        message: "a course needs at least one module folder (NN-slug)",
      });
    const finalFile = join(courseDir, "final-assessment.yml");
    const finalAssessment = existsSync(finalFile) ? readYaml(finalFile, Quiz, problems, rel, checkQuiz) : null;
    const glossaryFile = join(courseDir, "glossary.yml");
    const glossary = existsSync(glossaryFile) ? (readYaml(glossaryFile, Glossary, problems, rel) ?? []) : [];
    if (!meta) continue;

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
    courses.push({
      ...meta.value,
      estimatedMinutes,
      slug: dir.slug,
      position,
      modules,
      finalAssessment,
      glossary,
      hash,
    });
  }
  return { courses, problems };
}

function orderedEntries(dir: string, kind: "dir" | "mdx", problems: Problem[], rel: (p: string) => string) {
  const entries = readdirSync(dir, { withFileTypes: true })
    .filter((e) => (kind === "dir" ? e.isDirectory() : e.isFile() && e.name.endsWith(".mdx")))
    .map((e) => e.name.replace(/\.mdx$/, ""))
    .sort();
  const result: { name: string; slug: string }[] = [];
  for (const name of entries) {
    const match = ORDERED.exec(name);
    if (!match) {
      problems.push({
        file: rel(join(dir, kind === "mdx" ? `${name}.mdx` : name)),
        line: 1,
        column: 1,
        message: 'name it with an order prefix and a lower-case slug, e.g. "01-the-e-waste-challenge"',
      });
      continue;
    }
    result.push({ name: kind === "mdx" ? `${name}.mdx` : name, slug: match[2] });
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
  path: string,
  schema: S,
  problems: Problem[],
  rel: (p: string) => string,
  check?: Check,
): z.infer<S> | null {
  return parseYaml(readFileSync(path, "utf8"), schema, rel(path), 0, problems, check)?.value ?? null;
}

function splitFrontmatter(source: string): { yaml: string; body: string } | null {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(source);
  if (!match) return null;
  return { yaml: match[1], body: source.slice(match[0].length) };
}

function readFrontmatter<S extends z.ZodTypeAny>(
  path: string,
  schema: S,
  problems: Problem[],
  rel: (p: string) => string,
): Parsed<z.infer<S>> | null {
  if (!existsSync(path)) {
    problems.push({ file: rel(path), line: 1, column: 1, message: "file is missing" });
    return null;
  }
  const parts = splitFrontmatter(readFileSync(path, "utf8"));
  if (!parts) {
    problems.push({
      file: rel(path),
      line: 1,
      column: 1,
      message: "frontmatter is missing: start the file with --- and the fields, then ---",
    });
    return null;
  }
  return parseYaml(parts.yaml, schema, rel(path), 1, problems);
}

function readLesson(
  path: string,
  defaultKey: string,
  slug: string,
  problems: Problem[],
  rel: (p: string) => string,
): LessonDef | null {
  const source = readFileSync(path, "utf8");
  const file = rel(path);
  const before = problems.length;
  for (const p of checkLessonMdx(source)) problems.push({ file, ...p });
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
  const { key = defaultKey, ...rest } = meta.value;
  // The body keeps its line numbers: blank lines stand in for the frontmatter.
  const body = "\n".repeat(parts.yaml.split("\n").length + 2) + parts.body;
  return { ...rest, key, slug, file, body, hash: createHash("sha256").update(source).digest("hex").slice(0, 20) };
}
