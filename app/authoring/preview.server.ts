// Checks one file of a draft in the context of the whole course, and previews a lesson through
// the same pipeline learners see (MDX check, compiler, lesson components).
import { checkLessonFrontmatter, type CourseFiles, type Problem } from "~/content/load.server";
import { renderLessonPreview } from "~/lessons/render.server";
import { checkDraft, type CompileLesson } from "./publishing.server";

/**
 * The problems of `path` once it holds `body`. Checked with only what the file depends on (the
 * course's and its module's description), so that it stays quick while typing; problems across
 * files (e.g. two lessons with the same key) show when the whole draft is checked. A lesson's MDX
 * is checked by `compile`, off the request thread.
 */
export async function checkFile(
  files: CourseFiles,
  slug: string,
  path: string,
  body: string,
  compile: CompileLesson,
): Promise<Omit<Problem, "file">[]> {
  const dir = path.includes("/") ? path.split("/")[0] : null;
  const context: CourseFiles = { "course.md": files["course.md"] ?? "" };
  if (dir && `${dir}/module.md` in files) context[`${dir}/module.md`] = files[`${dir}/module.md`];
  const { problems } = await checkDraft({ ...context, [path]: body }, slug, compile);
  return problems.filter((p) => p.file === path).map(({ file: _f, ...p }) => p);
}

export type Preview = { ok: true; html: string } | { ok: false; problems: Omit<Problem, "file">[] };

/**
 * The lesson as learners would see it, or why it cannot be shown. The MDX is checked and compiled
 * by `compile` (off the request thread); only the frontmatter is checked here. The lesson
 * components speak `language`, the author's page language, as they speak the learner's on the
 * lesson page.
 */
export async function previewLesson(compile: CompileLesson, source: string, language?: string): Promise<Preview> {
  const frontmatterProblems = checkLessonFrontmatter(source);
  const compiled = await compile(source);
  if (!compiled.ok || frontmatterProblems.length)
    return { ok: false, problems: [...frontmatterProblems, ...(compiled.ok ? [] : compiled.problems)] };
  try {
    return { ok: true, html: renderLessonPreview(compiled.code, language) };
  } catch (e) {
    return {
      ok: false,
      problems: [{ line: 1, column: 1, message: `The lesson could not be drawn: ${(e as Error).message}` }],
    };
  }
}
