// Compiles lesson MDX ahead of serving, once per content hash: unchanged lessons come from the
// cache. Only lessons that passed the MDX check (mdx-guard) reach this point.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { bundleMDX } from "mdx-bundler";
import remarkGfm from "remark-gfm";
import { rehypeIsolateLeftToRight } from "./bidi";
import type { LessonDef, Problem } from "./load.server";

/** Bump when the compile options change, so that cached output is rebuilt. */
const PIPELINE = "2";

const refuseFrontmatter = (): never => {
  throw new Error("frontmatter must be YAML");
};

export async function compileLesson(lesson: Pick<LessonDef, "body">): Promise<string> {
  const { code } = await bundleMDX({
    source: lesson.body,
    // A `---js` frontmatter block would be evaluated as JavaScript by the frontmatter reader: only YAML is read.
    grayMatterOptions: (options) => ({ ...options, engines: { javascript: refuseFrontmatter } }),
    mdxOptions(options) {
      options.remarkPlugins = [...(options.remarkPlugins ?? []), remarkGfm];
      options.rehypePlugins = [...(options.rehypePlugins ?? []), rehypeIsolateLeftToRight];
      return options;
    },
    esbuildOptions(options) {
      options.minify = true;
      return options;
    },
  });
  return code;
}

export async function compileLessons(
  lessons: LessonDef[],
  opts: { cacheDir: string; onProgress?: (done: number, total: number, compiled: number) => void },
): Promise<{ code: Map<string, string>; compiled: number; problems: Problem[] }> {
  mkdirSync(opts.cacheDir, { recursive: true });
  const code = new Map<string, string>();
  const problems: Problem[] = [];
  let compiled = 0;
  for (const [i, lesson] of lessons.entries()) {
    const cached = join(opts.cacheDir, `${lesson.hash}-${PIPELINE}.js`);
    if (existsSync(cached)) {
      code.set(lesson.hash, readFileSync(cached, "utf8"));
    } else {
      try {
        const output = await compileLesson(lesson);
        writeFileSync(cached, output);
        code.set(lesson.hash, output);
        compiled++;
      } catch (e) {
        const err = e as { errors?: { text: string; location?: { line: number; column: number } }[]; message: string };
        for (const x of err.errors ?? [{ text: err.message }]) {
          problems.push({
            file: lesson.file,
            line: x.location?.line ?? 1,
            column: (x.location?.column ?? 0) + 1,
            message: `compile error: ${x.text}`,
          });
        }
      }
    }
    opts.onProgress?.(i + 1, lessons.length, compiled);
  }
  return { code, compiled, problems };
}
