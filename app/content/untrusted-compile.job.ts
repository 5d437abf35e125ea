// Runs inside the worker process started by untrusted-compile.server.ts: the lesson MDX check, then
// the compile, for one lesson at a time. Nothing in the lesson is executed here: the check admits
// only Markdown and registered components with literal props, and the compile only bundles.
import { checkLessonMdx, type MdxProblem } from "../lessons/mdx-guard";
import { compileLesson } from "./compile.server";
import { mdxToPlainText } from "./plain-text.server";

export type Job = { id: number; source: string };
/** The compiled lesson and its plain text for search, or its problems. */
export type JobResult = { ok: true; code: string; text: string } | { ok: false; problems: MdxProblem[] };
export type FromWorker = { type: "ready" } | { type: "done"; id: number; result: JobResult };

/** A leading YAML frontmatter block becomes blank lines, so that positions still match the text. */
export function blankFrontmatter(source: string): string {
  const match = /^\uFEFF?---[ \t]*\r?\n(?:[\s\S]*?\r?\n)?---[ \t]*(?:\r?\n|$)/.exec(source);
  if (!match) return source;
  return "\n".repeat(match[0].split("\n").length - 1) + source.slice(match[0].length);
}

export async function checkAndCompile(source: string): Promise<JobResult> {
  const body = blankFrontmatter(source);
  const problems = checkLessonMdx(body);
  if (problems.length) return { ok: false, problems };
  try {
    return { ok: true, code: await compileLesson({ body }), text: mdxToPlainText(body) };
  } catch (e) {
    const err = e as {
      errors?: { text: string; location?: { line: number; column: number } | null }[];
      message: string;
    };
    if (e instanceof RangeError)
      return {
        ok: false,
        problems: [{ line: 1, column: 1, message: `the lesson could not be compiled: it is nested too deeply` }],
      };
    return {
      ok: false,
      problems: (err.errors?.length ? err.errors : [{ text: err.message }]).map((x) => ({
        line: x.location?.line ?? 1,
        column: (x.location?.column ?? 0) + 1,
        message: `the lesson could not be compiled: ${x.text}`,
      })),
    };
  }
}

const send = process.env.LESSON_COMPILER_WORKER === "1" ? process.send?.bind(process) : undefined;
if (send) {
  // The server went away: so does its worker.
  process.on("disconnect", () => process.exit(0));
  process.on("message", async (job: Job) => {
    let result: JobResult;
    try {
      result = await checkAndCompile(job.source);
    } catch (e) {
      const message = e instanceof RangeError ? "it is nested too deeply" : "the check failed unexpectedly";
      result = {
        ok: false,
        problems: [{ line: 1, column: 1, message: `the lesson could not be checked: ${message}` }],
      };
    }
    send({ type: "done", id: job.id, result } satisfies FromWorker);
  });
  // The first compile loads the compiler and starts esbuild: do it now, so that it does not count
  // against the first lesson's time limit.
  await checkAndCompile("# Ready\n");
  send({ type: "ready" } satisfies FromWorker);
}
