// `npm run content:check`: validates every course file and prints each problem as
// `path:line:column message`; exits non-zero when there is one.
import { formatProblem, loadContent } from "~/content/load.server";

const { courses, problems } = loadContent();
for (const p of problems) console.error(formatProblem(p));
const lessons = courses.reduce((n, c) => n + c.modules.reduce((m, mod) => m + mod.lessons.length, 0), 0);
if (problems.length) {
  console.error(`\n${problems.length} problem(s) in the course content.`);
  process.exit(1);
}
console.log(`Content is valid: ${courses.length} course(s), ${lessons} lesson(s).`);
