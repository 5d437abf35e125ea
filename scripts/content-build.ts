// `npm run content:build`: checks the course content, compiles the lessons (only those that
// changed) and writes the catalogue the server reads, to build/content/.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { toCatalogue } from "~/content/catalogue";
import { contentBuildDir } from "~/content/catalogue.server";
import { compileLessons } from "~/content/compile.server";
import { formatProblem, loadContent, readCourseDir } from "~/content/load.server";
import { mdxToPlainText } from "~/content/plain-text.server";

export async function buildContent(outDir = contentBuildDir(), root = "content/courses") {
  const { courses, problems } = loadContent(root);
  if (problems.length) {
    for (const p of problems) console.error(formatProblem(p));
    throw new Error(`${problems.length} problem(s) in the course content; run npm run content:check`);
  }
  const lessons = courses.flatMap((c) => c.modules.flatMap((m) => m.lessons));
  const tty = process.stdout.isTTY;
  const started = Date.now();
  const result = await compileLessons(lessons, {
    cacheDir: ".cache/mdx",
    onProgress(done, total, compiled) {
      const line = `Compiling lessons: ${done}/${total} (${compiled} compiled, ${done - compiled} unchanged)`;
      if (tty) process.stdout.write(`\r${line}`);
      else if (done === total || done % 20 === 0) console.log(line);
    },
  });
  if (tty) process.stdout.write("\n");
  if (result.problems.length) {
    for (const p of result.problems) console.error(formatProblem(p));
    throw new Error("Some lessons did not compile.");
  }
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(join(outDir, "lessons"), { recursive: true });
  for (const [hash, code] of result.code) writeFileSync(join(outDir, "lessons", `${hash}.js`), code);
  // Each course's files, which start-up stores with the course's version (see versions.server.ts).
  mkdirSync(join(outDir, "sources"), { recursive: true });
  for (const dir of readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory())) {
    const slug = dir.name.replace(/^\d+-/, "");
    if (courses.some((c) => c.slug === slug))
      writeFileSync(join(outDir, "sources", `${slug}.json`), JSON.stringify(readCourseDir(join(root, dir.name))));
  }
  writeFileSync(join(outDir, "catalogue.json"), JSON.stringify(toCatalogue(courses, mdxToPlainText)));
  console.log(
    `Content: ${courses.length} course(s), ${lessons.length} lesson(s), ${result.compiled} compiled in ${Date.now() - started} ms.`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    await buildContent();
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
}
