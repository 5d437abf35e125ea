// Adds up the results of `npm test` into one closing line: "N passed, N failed".
// Arguments name the steps that failed; a step that failed without reporting tests counts as one failure.
import { existsSync, readFileSync } from "node:fs";

const failedSteps = process.argv.slice(2);
let passed = 0;
let failed = 0;

// Checks that report no tests leave a marker file when they pass: each counts as one test.
for (const check of ["typecheck", "lint", "format"]) {
  if (existsSync(`reports/${check}`)) passed += 1;
  else failed += 1;
}

if (existsSync("reports/unit.json")) {
  const unit = JSON.parse(readFileSync("reports/unit.json", "utf8"));
  passed += unit.numPassedTests;
  failed += unit.numFailedTests + (unit.numFailedTestSuites ?? 0);
} else if (failedSteps.includes("unit tests")) failed += 1;

if (existsSync("reports/e2e.json")) {
  const { stats } = JSON.parse(readFileSync("reports/e2e.json", "utf8"));
  passed += stats.expected + stats.flaky;
  failed += stats.unexpected;
  if (failedSteps.includes("end-to-end tests") && stats.unexpected === 0) failed += 1;
} else if (failedSteps.includes("end-to-end tests") || failedSteps.includes("build")) failed += 1;

if (failedSteps.length) console.log(`Failed: ${failedSteps.join(", ")}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || failedSteps.length > 0 ? 1 : 0);
