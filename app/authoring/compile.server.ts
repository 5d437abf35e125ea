// How the workspace compiles authors' lessons, which are untrusted input: the MDX check first,
// then the compiler, off the request thread with time and memory limits.
import { compileLesson } from "~/content/compile.server";
import { checkLessonMdx } from "~/lessons/mdx-guard";
import type { CompileLesson } from "./publishing.server";

export const compileForAuthors: CompileLesson = async (body) => {
  const problems = checkLessonMdx(body);
  if (problems.length) return { ok: false, problems };
  try {
    return { ok: true, code: await compileLesson({ body }) };
  } catch (e) {
    return { ok: false, problems: [{ line: 1, column: 1, message: `compile error: ${(e as Error).message}` }] };
  }
};
